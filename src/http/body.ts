import type { IncomingMessage } from 'node:http';
import { AppError } from '../domain/errors.ts';
import { badRequest } from './errors.ts';

export const payloadTooLarge = (limit: number): AppError =>
  new AppError('PayloadTooLarge', `The request body must be at most ${limit} bytes.`);

/**
 * Reads a JSON body of at most `limit` bytes. 413 PayloadTooLarge past the limit (checked on
 * Content-Length first, then while streaming), 415 for other media types, 400 for invalid JSON.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw payloadTooLarge(limit);
  }
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw new AppError('UnsupportedMediaType', 'The request body must be application/json.', {});
  }
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return; // keep draining so the connection stays usable for the answer
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => {
      if (!failed) reject(badRequest('The request body could not be read.'));
    });
  });
  if (text.trim() === '') throw badRequest('The request body is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}
