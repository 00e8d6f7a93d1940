/**
 * Makes the key that seals the users' tokens in Redis (STATE_ENCRYPTION_KEY) once per environment and keeps it.
 *
 * infra/azure.bicep takes the key as a secure parameter without a default (azure.parameters.json passes
 * `${{SECRET_STATE_ENCRYPTION_KEY}}`) and stores it in Key Vault, where the app setting references it. A key made
 * anew by each deployment would leave every sealed token in Redis unreadable after a redeployment; so `atk
 * provision` runs this script (a `script` action, whose `::set-teamsfx-env` output the toolkit writes to the
 * environment files: SECRET_* to env/.env.{env}.user, which git ignores) before arm/deploy:
 *
 *   - SECRET_STATE_ENCRYPTION_KEY set (the toolkit loads env/.env.{env}.user into the environment): kept, nothing
 *     printed; it must be 64 hexadecimal characters (32 bytes), anything else exits 1 with the reason.
 *   - unset or empty: a new random key, printed once as `::set-teamsfx-env SECRET_STATE_ENCRYPTION_KEY=…`.
 *
 *   npm exec --no -- node infra/scripts/state-key.ts
 *
 * Rotation: docs/deploy.md ("Rotate the state encryption key").
 */
import { randomBytes } from 'node:crypto';
import { isEntryModule } from './entry.ts';

/** The environment variable (and env file entry) holding the key. */
export const STATE_KEY_VARIABLE = 'SECRET_STATE_ENCRYPTION_KEY';

const KEY = /^[0-9a-f]{64}$/i;

export type StateKeyPlan =
  | { readonly action: 'keep' }
  | { readonly action: 'create'; readonly key: string }
  | { readonly action: 'refuse'; readonly reason: string };

/** What to do given the variable's current value. `random` makes 32 random bytes. */
export function planStateKey(
  current: string | undefined,
  random: () => Buffer = () => randomBytes(32),
): StateKeyPlan {
  const value = current?.trim() ?? '';
  if (value === '') return { action: 'create', key: random().toString('hex') };
  if (KEY.test(value)) return { action: 'keep' };
  return {
    action: 'refuse',
    reason: `${STATE_KEY_VARIABLE} must be 64 hexadecimal characters (32 bytes); fix or empty it in env/.env.{env}.user`,
  };
}

function main(env: NodeJS.ProcessEnv): number {
  const plan = planStateKey(env[STATE_KEY_VARIABLE]);
  if (plan.action === 'refuse') {
    console.error(`state-key: ${plan.reason}`);
    return 1;
  }
  if (plan.action === 'keep') {
    console.error(`state-key: keeping the existing ${STATE_KEY_VARIABLE}`);
    return 0;
  }
  // The toolkit reads this line and writes the value to env/.env.{env}.user (SECRET_ prefix).
  console.log(`::set-teamsfx-env ${STATE_KEY_VARIABLE}=${plan.key}`);
  console.error(`state-key: made a new ${STATE_KEY_VARIABLE}`);
  return 0;
}

// Not `import.meta.main` (see ./entry.ts).
if (isEntryModule(import.meta.url)) process.exitCode = main(process.env);
