import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (the users' SSO tokens in a shared store). Sealed values are
 * `v1.{iv}.{tag}.{ciphertext}` (base64url); the key's purpose (`context`) is bound as additional
 * data, so a value sealed for one key name cannot be replayed under another.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** The plaintext, or undefined for anything that does not decrypt and verify (never throws). */
  open(sealed: string, context: string): string | undefined;
}

/** Parses `STATE_ENCRYPTION_KEY`: 32 bytes as base64/base64url (44/43 chars) or hex (64 chars). */
export function parseEncryptionKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : undefined;
  return key?.length === 32 ? key : undefined;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== 'v1') return undefined;
      try {
        const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [
          Buffer,
          Buffer,
          Buffer,
        ];
        if (iv.length !== 12 || tag.length !== 16) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
