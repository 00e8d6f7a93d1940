import { createHash } from 'node:crypto';

/** A secret's stand-in where only equality matters (cache keys, store keys): its SHA-256, base64url. */
export function sha256Id(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
