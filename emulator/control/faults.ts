import { z } from 'zod';
import type { OperationFailureRule, PowerAction } from '../arm/types.ts';
import type { EmulatorContext } from '../context.ts';
import { ControlError } from './errors.ts';

const ACTIONS = ['start', 'powerOff', 'deallocate', 'restart'] as const satisfies readonly PowerAction[];

/**
 * `operationFailure`: the next `count` (default 1) accepted power operations matching `vm` (a name or resource
 * id) and `action` (both optional: any) end `Failed` with `{code, message}` (defaults: Compute's failure for
 * the action, Azure's message for the code). `count: 0` removes the queued rules matching `vm` / `action`.
 */
export const operationFailureSchema = z.strictObject({
  vm: z.string().min(1).max(512).optional(),
  action: z.enum(ACTIONS).optional(),
  code: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.]{0,127}$/, 'an ARM error code such as AllocationFailed')
    .optional(),
  message: z.string().min(1).max(4096).optional(),
  count: z.number().int().min(0).max(100_000).optional(),
});

/** `Retry-After` of injected 429/503 answers when the request names none: what the emulator always sent. */
export const DEFAULT_FAULT_RETRY_AFTER_SECONDS = 1;

/** Statuses whose injected answers carry `Retry-After` (throttled, briefly unavailable). */
const RETRY_AFTER_STATUSES: readonly number[] = [429, 503];

/**
 * Seconds of `Retry-After` on injected 429/503 answers (default 1). 0 lets a test's client retry at once
 * instead of sleeping; at most an hour.
 */
const retryAfterSecondsSchema = z.number().int().min(0).max(3600);

const retryAfterNeedsRetryStatus = {
  check: (b: { status?: number | undefined; retryAfterSeconds?: number | undefined }) =>
    b.retryAfterSeconds === undefined || (b.status !== undefined && RETRY_AFTER_STATUSES.includes(b.status)),
  message: "'retryAfterSeconds' applies to injected 429 and 503 answers: give it with 'status': 429 or 503",
};

/**
 * `POST /_emulator/faults`: `{target: 'entra'|'arm', status?, count?, latencyMs?, retryAfterSeconds?}` queues
 * `count` (default 1; 0 clears) answers of `status` (400–599; 429 and 503 with `Retry-After:
 * retryAfterSeconds`, default 1) for the next calls to that area and/or sets its added latency;
 * `{throttling: boolean}` turns ARM throttling on or off; `{operationFailure}` queues an ARM operation failure
 * (`target`, if given, must be `arm`). They may be combined.
 */
export const faultsRequestSchema = z
  .strictObject({
    target: z.enum(['entra', 'arm']).optional(),
    status: z.number().int().min(400).max(599).optional(),
    count: z.number().int().min(0).max(100_000).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    retryAfterSeconds: retryAfterSecondsSchema.optional(),
    throttling: z.boolean().optional(),
    operationFailure: operationFailureSchema.optional(),
  })
  .refine(retryAfterNeedsRetryStatus.check, {
    message: retryAfterNeedsRetryStatus.message,
    path: ['retryAfterSeconds'],
  })
  .refine(
    (b) =>
      b.target !== undefined ||
      (b.status === undefined && b.count === undefined && b.latencyMs === undefined),
    {
      message: "'target' is required with 'status', 'count' or 'latencyMs'",
      path: ['target'],
    },
  )
  .refine(
    (b) =>
      b.target === undefined ||
      b.status !== undefined ||
      b.latencyMs !== undefined ||
      b.count === 0 ||
      (b.operationFailure !== undefined && b.count === undefined),
    {
      message: "with 'target', give 'status' and/or 'latencyMs' (or 'count': 0 to clear)",
      path: ['status'],
    },
  )
  .refine((b) => b.operationFailure === undefined || b.target !== 'entra', {
    message: "operation failures are ARM's: use target 'arm' (or none)",
    path: ['target'],
  })
  .refine((b) => b.target !== undefined || b.throttling !== undefined || b.operationFailure !== undefined, {
    message: "nothing to do: give 'target' with 'status'/'latencyMs', 'throttling' and/or 'operationFailure'",
  });

export type FaultsRequest = z.output<typeof faultsRequestSchema>;

const areaFaultSchema = z.strictObject({
  status: z.number().int().min(400).max(599).optional(),
  count: z.number().int().min(0).max(100_000).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  retryAfterSeconds: retryAfterSecondsSchema.optional(),
});

/**
 * The same request keyed by area, for setting both at once:
 * `{entra?: {status?, count?, latencyMs?, retryAfterSeconds?}, arm?: {…}, throttling?, operationFailure?}`.
 */
export const faultsByAreaSchema = z
  .strictObject({
    entra: areaFaultSchema.optional(),
    arm: areaFaultSchema.optional(),
    throttling: z.boolean().optional(),
    operationFailure: operationFailureSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to do' });

/** Either form of `POST /_emulator/faults`, as a list of single-target requests (each validated). */
export const faultsBodySchema = z
  .union([faultsRequestSchema, faultsByAreaSchema])
  .transform((body, ctx): FaultsRequest[] => {
    if (
      !('entra' in body) &&
      !('arm' in body) &&
      ('target' in body ||
        'status' in body ||
        'count' in body ||
        'latencyMs' in body ||
        'retryAfterSeconds' in body)
    ) {
      return [body as FaultsRequest];
    }
    const nested = body as z.output<typeof faultsByAreaSchema>;
    const candidates: unknown[] = [];
    for (const target of ['entra', 'arm'] as const) {
      const area = nested[target];
      if (area) candidates.push({ target, ...area });
    }
    const { throttling, operationFailure } = nested;
    if (throttling !== undefined || operationFailure !== undefined) {
      candidates.push({
        ...(throttling !== undefined ? { throttling } : {}),
        ...(operationFailure !== undefined ? { operationFailure } : {}),
      });
    }
    const requests: FaultsRequest[] = [];
    for (const candidate of candidates) {
      const parsed = faultsRequestSchema.safeParse(candidate);
      if (parsed.success) requests.push(parsed.data);
      else
        for (const issue of parsed.error.issues)
          ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
    }
    return requests;
  });

export type OperationFailureRequest = z.output<typeof operationFailureSchema>;

export function applyFaults(ctx: EmulatorContext, body: FaultsRequest): void {
  const { faults } = ctx;
  // First, as it is the one change that can be refused: nothing is applied then.
  if (body.operationFailure) applyOperationFailure(faults.operationFailures, body.operationFailure);
  if (body.target) {
    if (body.count === 0) delete faults[body.target];
    else if (body.status !== undefined)
      faults[body.target] = {
        status: body.status,
        remaining: body.count ?? 1,
        retryAfterSeconds: body.retryAfterSeconds ?? DEFAULT_FAULT_RETRY_AFTER_SECONDS,
      };
    if (body.latencyMs !== undefined) faults.latencyMs[body.target] = body.latencyMs;
  }
  if (body.throttling !== undefined) faults.throttling = body.throttling;
}

/** At most this many operation failure rules wait at once. */
export const MAX_OPERATION_FAILURE_RULES = 1000;

function applyOperationFailure(rules: OperationFailureRule[], request: OperationFailureRequest): void {
  const { count = 1, ...rule } = request;
  if (count > 0) {
    if (rules.length >= MAX_OPERATION_FAILURE_RULES) {
      throw new ControlError(
        400,
        'InvalidRequest',
        `${MAX_OPERATION_FAILURE_RULES} operation failures are already queued; clear some ('count': 0) or reset.`,
      );
    }
    rules.push({ ...rule, remaining: count });
    return;
  }
  // count 0: drop the rules this selector names (no selector: all of them).
  for (let i = rules.length - 1; i >= 0; i -= 1) {
    const queued = rules[i]!;
    const sameVm = rule.vm === undefined || queued.vm?.toLowerCase() === rule.vm.toLowerCase();
    const sameAction = rule.action === undefined || queued.action === rule.action;
    if (sameVm && sameAction) rules.splice(i, 1);
  }
}

/** The current fault state, as `GET`/`POST /_emulator/faults` return it. */
export function faultsSnapshot(ctx: EmulatorContext) {
  const { faults } = ctx;
  const queued = (f: typeof faults.entra) =>
    f && f.remaining > 0
      ? {
          status: f.status,
          remaining: f.remaining,
          retryAfterSeconds: RETRY_AFTER_STATUSES.includes(f.status) ? f.retryAfterSeconds : null,
        }
      : null;
  return {
    entra: queued(faults.entra),
    arm: queued(faults.arm),
    latencyMs: { ...faults.latencyMs },
    throttling: faults.throttling,
    operationFailures: faults.operationFailures.map((rule) => ({
      vm: rule.vm ?? null,
      action: rule.action ?? null,
      code: rule.code ?? null,
      message: rule.message ?? null,
      remaining: rule.remaining,
    })),
  };
}
