import { z } from 'zod';
import { VM_ACTIONS, type VmAction, type VmRef } from '../../contract/vm.ts';
import { RESOURCE_GROUP, SUBSCRIPTION_ID, VM_NAME } from '../../contract/vm-id.ts';
import { badRequest } from './errors.ts';

const subscriptionId = z.string().regex(SUBSCRIPTION_ID, 'must be a GUID');
const resourceGroup = z
  .string()
  .regex(RESOURCE_GROUP, "must be 1–90 letters, digits, '-', '_', '.', '(' or ')' and not end with '.'");
const vmName = z
  .string()
  .regex(
    VM_NAME,
    "must be 1–64 letters, digits, '-', '_' or '.', start with a letter or digit and not end with '.' or '-'",
  );
const action = z.enum(VM_ACTIONS, { error: `must be one of ${VM_ACTIONS.join(', ')}` });

export const vmParamsSchema = z.object({ subscriptionId, resourceGroup, vmName });
export const actionParamsSchema = vmParamsSchema.extend({ action });
export const operationParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an operation id'),
});

export function bulkBodySchema(maxIds: number) {
  return z.object({
    action,
    ids: z
      .array(z.string().max(400))
      .min(1, 'must list at least one VM id')
      .max(maxIds, `must list at most ${maxIds} VM ids`),
  });
}

/** Parses with `schema` or throws 400 BadRequest naming the first bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : what;
  throw badRequest(`Invalid ${field}: ${issue?.message ?? 'invalid value'}.`);
}

export function vmRefFrom(params: { subscriptionId: string; resourceGroup: string; vmName: string }): VmRef {
  return {
    subscriptionId: params.subscriptionId.toLowerCase(),
    resourceGroup: params.resourceGroup,
    name: params.vmName,
  };
}

export type { VmAction };
