import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import { resolveUser } from '../entra/users.ts';
import { ControlError } from './errors.ts';

/** `POST /_emulator/consent {user, consented}`: grant or revoke a seeded user's consent to the app. */
export const consentRequestSchema = z.strictObject({
  user: z.string().min(1).max(128),
  consented: z.boolean(),
});

export type ConsentRequest = z.output<typeof consentRequestSchema>;

export function setConsent(ctx: EmulatorContext, body: ConsentRequest) {
  const user = resolveUser(ctx, body.user);
  if (!user) throw new ControlError(400, 'UnknownUser', `No user '${body.user}'.`);
  if (user.synthetic) {
    throw new ControlError(
      400,
      'InvalidRequest',
      `Synthetic load users are always consented; '${user.key}' cannot change.`,
    );
  }
  if (body.consented) ctx.directory.consented.add(user.oid);
  else ctx.directory.consented.delete(user.oid);
  return { user: user.key, oid: user.oid, consented: body.consented };
}
