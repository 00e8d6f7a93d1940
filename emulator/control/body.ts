import type { z } from 'zod';
import type { EmuRequest } from '../http/types.ts';
import { ControlError, invalidRequest } from './errors.ts';

/** Reads a JSON body (empty → `{}`) and validates it with `schema`; throws a 400/415 ControlError. */
export async function readBody<T extends z.ZodType>(req: EmuRequest, schema: T): Promise<z.output<T>> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const raw = (await req.body()).toString('utf8');
  if (type && type !== 'application/json' && !type.endsWith('+json')) {
    throw new ControlError(
      415,
      'UnsupportedMediaType',
      `Send a JSON body (content-type: application/json), not '${type}'.`,
    );
  }
  let value: unknown = {};
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ControlError(400, 'InvalidJson', 'The request body is not valid JSON.');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}
