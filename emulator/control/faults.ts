import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';

/**
 * `POST /_emulator/faults`: `{target: 'entra'|'arm', status?, count?, latencyMs?}` queues `count`
 * (default 1; 0 clears) answers of `status` (400–599) for the next calls to that area and/or sets
 * its added latency; `{throttling: boolean}` turns ARM throttling on or off. Both may be combined.
 */
export const faultsRequestSchema = z
  .strictObject({
    target: z.enum(['entra', 'arm']).optional(),
    status: z.number().int().min(400).max(599).optional(),
    count: z.number().int().min(0).max(100_000).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    throttling: z.boolean().optional(),
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
    (b) => b.target === undefined || b.status !== undefined || b.latencyMs !== undefined || b.count === 0,
    {
      message: "with 'target', give 'status' and/or 'latencyMs' (or 'count': 0 to clear)",
      path: ['status'],
    },
  )
  .refine((b) => b.target !== undefined || b.throttling !== undefined, {
    message: "nothing to do: give 'target' with 'status'/'latencyMs', and/or 'throttling'",
  });

export type FaultsRequest = z.output<typeof faultsRequestSchema>;

export function applyFaults(ctx: EmulatorContext, body: FaultsRequest): void {
  const { faults } = ctx;
  if (body.target) {
    if (body.count === 0) delete faults[body.target];
    else if (body.status !== undefined)
      faults[body.target] = { status: body.status, remaining: body.count ?? 1 };
    if (body.latencyMs !== undefined) faults.latencyMs[body.target] = body.latencyMs;
  }
  if (body.throttling !== undefined) faults.throttling = body.throttling;
}

/** The current fault state, as `GET`/`POST /_emulator/faults` return it. */
export function faultsSnapshot(ctx: EmulatorContext) {
  const { faults } = ctx;
  const queued = (f: typeof faults.entra) =>
    f && f.remaining > 0 ? { status: f.status, remaining: f.remaining } : null;
  return {
    entra: queued(faults.entra),
    arm: queued(faults.arm),
    latencyMs: { ...faults.latencyMs },
    throttling: faults.throttling,
  };
}
