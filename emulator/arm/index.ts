import type { EmulatorContext } from '../context.ts';
import type { Handler } from '../http/types.ts';

/** ARM: subscriptions, compute VMs, operations, permissions, throttling. (placeholder) */
export function createArmHandler(_ctx: EmulatorContext): Handler {
  return async () => undefined;
}
