/**
 * Injected operation failures (`POST /_emulator/faults {operationFailure}`): which accepted power operation
 * fails, and with which ARM error. Compute reports a failed asynchronous operation in its operation status
 * resource as `{status: 'Failed', error: {code, message}}`; these are the codes and messages it uses.
 */
import type { OperationError, OperationFailureRule, PowerAction } from './types.ts';

export type { OperationError } from './types.ts';

const ALLOCATION_GUIDANCE =
  'Read more about improving likelihood of allocation success at http://aka.ms/allocation-guidance';

/** Compute's messages for the failures a power operation typically ends with. */
export const KNOWN_OPERATION_ERRORS: Readonly<Record<string, string>> = {
  AllocationFailed: `Allocation failed. We do not have sufficient capacity for the requested VM size in this region. ${ALLOCATION_GUIDANCE}`,
  ZonalAllocationFailed: `Allocation failed. We do not have sufficient capacity for the requested VM size in this zone. ${ALLOCATION_GUIDANCE}`,
  InternalExecutionError: 'An internal execution error occurred. Please retry later.',
};

/** The failure an action ends with when a rule names no code: allocation for start/restart, else internal. */
export function defaultFailureCode(action: PowerAction): string {
  return action === 'start' || action === 'restart' ? 'AllocationFailed' : 'InternalExecutionError';
}

/** The error a rule produces for `action` on VM `vmName`. */
export function operationError(
  rule: Pick<OperationFailureRule, 'code' | 'message'>,
  action: PowerAction,
  vmName: string,
): OperationError {
  const code = rule.code ?? defaultFailureCode(action);
  const message =
    rule.message ??
    KNOWN_OPERATION_ERRORS[code] ??
    `The operation '${action}' on virtual machine '${vmName}' failed with error '${code}'.`;
  return { code, message };
}

/** Does `rule` select this VM (by name or resource id, case-insensitive) and action? */
export function ruleMatches(
  rule: Pick<OperationFailureRule, 'vm' | 'action'>,
  vm: { readonly id: string; readonly name: string },
  action: PowerAction,
): boolean {
  if (rule.action !== undefined && rule.action !== action) return false;
  if (rule.vm === undefined) return true;
  const wanted = rule.vm.toLowerCase();
  return wanted === vm.name.toLowerCase() || wanted === vm.id.toLowerCase();
}

/**
 * Takes one use of the first rule matching this operation (dropping the rule when used up) and returns
 * the error the operation must end with, or undefined when no rule matches.
 */
export function takeOperationFailure(
  rules: OperationFailureRule[],
  vm: { readonly id: string; readonly name: string },
  action: PowerAction,
): OperationError | undefined {
  const index = rules.findIndex((rule) => rule.remaining > 0 && ruleMatches(rule, vm, action));
  const rule = rules[index];
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return operationError(rule, action, vm.name);
}
