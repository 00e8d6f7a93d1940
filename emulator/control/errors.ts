import type { z } from 'zod';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';

/** Stable error codes of the control API (`{error:{code, message}}`). */
export type ControlErrorCode =
  | 'InvalidJson'
  | 'InvalidRequest'
  | 'UnknownUser'
  | 'UnknownManagedIdentity'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType';

export class ControlError extends Error {
  readonly status: number;
  readonly code: ControlErrorCode;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ControlErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function controlErrorResponse(error: ControlError): EmuResponse {
  return json(error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

/** A 400 naming every invalid field, from a failed zod parse. */
export function invalidRequest(error: z.ZodError): ControlError {
  const details = error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
  return new ControlError(400, 'InvalidRequest', `The request body is invalid. ${details}`);
}
