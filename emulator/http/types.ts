import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorContext } from '../context.ts';

/** A parsed request, as handlers see it. */
export interface EmuRequest {
  readonly method: string;
  /** The full URL (query included). */
  readonly url: URL;
  /** The raw path as sent (percent-encoding preserved). */
  readonly rawPath: string;
  readonly headers: IncomingHttpHeaders;
  /** The body, read once and capped (1 MiB); throws `BodyTooLargeError` past it. */
  body(): Promise<Buffer>;
}

export interface EmuResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON; strings as-is (set content-type for HTML). */
  readonly body?: unknown;
}

/** Returns a response, or undefined when the request is not for this handler. */
export type Handler = (req: EmuRequest, ctx: EmulatorContext) => Promise<EmuResponse | undefined>;

export class BodyTooLargeError extends Error {
  constructor() {
    super('Request body too large');
    this.name = 'BodyTooLargeError';
  }
}
