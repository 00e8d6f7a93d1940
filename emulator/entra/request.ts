import type { EmulatorContext } from '../context.ts';
import type { EmuRequest, EmuResponse } from '../http/types.ts';
import type { RequestMeta } from './errors.ts';
import type { EntraState } from './state.ts';
import type { RoutedTenant } from './tenant.ts';

/** What every Entra endpoint handler receives. */
export interface EntraRequest {
  readonly req: EmuRequest;
  readonly ctx: EmulatorContext;
  readonly state: EntraState;
  readonly tenant: RoutedTenant;
  readonly meta: RequestMeta;
}

/** An Entra endpoint. Throws `EntraError` for protocol errors; the router renders them. */
export type EntraEndpoint = (request: EntraRequest) => Promise<EmuResponse>;

/** Parses an `application/x-www-form-urlencoded` body; any other content type reads as empty (as Entra does). */
export async function readForm(req: EmuRequest): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const body = await req.body();
  if (type !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  return new URLSearchParams(body.toString('utf8'));
}

/** A non-empty parameter value, or undefined. */
export function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value.trim() === '' ? undefined : value;
}
