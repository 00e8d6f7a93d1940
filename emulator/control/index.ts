import type { EmulatorContext } from '../context.ts';
import type { Handler } from '../http/types.ts';

/** `/_emulator/*` control API. (placeholder) */
export function createControlHandler(_ctx: EmulatorContext, _reset: () => void): Handler {
  return async () => undefined;
}
