import type { EmulatorContext } from '../context.ts';
import type { Handler } from '../http/types.ts';

/** Entra ID: discovery, JWKS, token endpoint, authorize pages. (placeholder) */
export function createEntraHandler(_ctx: EmulatorContext): Handler {
  return async () => undefined;
}
