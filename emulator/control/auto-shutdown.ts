import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import type { AutoShutdownControl } from '../arm/types.ts';
import { ArmError } from '../arm/errors.ts';
import type { EmuRequest } from '../http/types.ts';
import { ControlError } from './errors.ts';

/** `POST /_emulator/auto-shutdown/notify|run {vmId}`. */
export const autoShutdownRequestSchema = z.strictObject({ vmId: z.string().min(1).max(400) });

function control(ctx: EmulatorContext): AutoShutdownControl {
  if (!ctx.autoShutdown) throw new ControlError(404, 'NotFound', 'Auto-shutdown schedules are not served.');
  return ctx.autoShutdown;
}

async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ArmError) throw new ControlError(404, 'NotFound', error.message);
    throw error;
  }
}

/** Sends the VM's shutdown notification to its schedule's webhook now. */
export const notifyNow = (ctx: EmulatorContext, vmId: string) => guarded(() => control(ctx).notify(vmId));

/** Runs the VM's scheduled shutdown now (nothing happens when today's was skipped or delayed). */
export const runNow = (ctx: EmulatorContext, vmId: string) => guarded(() => control(ctx).run(vmId));

/**
 * The links a notification carries (`skipUrl`, `delayUrl60`, `delayUrl120`): `GET` or `POST`
 * `/_emulator/auto-shutdown/skip?token=…` and `…/delay?token=…&minutes=60|120`.
 */
export function respondLink(ctx: EmulatorContext, req: EmuRequest, kind: 'skip' | 'delay') {
  const token = req.url.searchParams.get('token') ?? '';
  const minutes = Number(req.url.searchParams.get('minutes') ?? '0');
  if (kind === 'delay' && minutes !== 60 && minutes !== 120)
    throw new ControlError(400, 'InvalidRequest', "'minutes' must be 60 or 120.");
  return guarded(() => control(ctx).respond(token, kind, minutes));
}
