import type { EmulatorContext } from '../context.ts';
import type { SeedUser } from '../seed/types.ts';

/**
 * The emulator's user directory: the seed's users plus, in the large seed, synthetic load users
 * `load-00000` … `load-99999` that exist on demand (consented, no role assignments) so benchmarks can
 * mint many distinct users' tokens. Shared by the Entra half, the control API and the ARM half.
 */
export interface DirectoryUser extends SeedUser {
  /** True for on-demand `load-NNNNN` users of the large seed. */
  readonly synthetic: boolean;
}

/** What user resolution needs from the emulator context. */
export type DirectoryContext = Pick<EmulatorContext, 'seed' | 'options'>;

const LOAD_KEY = /^load-(\d{5})$/;
/** Synthetic oids encode the user number, so an oid maps back to its user without a lookup table. */
const LOAD_OID_PREFIX = '10ad0000-0000-4000-8000-0000000';
const LOAD_OID = /^10ad0000-0000-4000-8000-0000000(\d{5})$/;

/** True when the large seed is loaded (by name, or because the seed carries its `perf` user). */
export function hasSyntheticUsers(ctx: DirectoryContext): boolean {
  return ctx.options.seed === 'large' || ctx.seed.users.some((u) => u.key === 'perf');
}

function syntheticUser(ctx: DirectoryContext, digits: string): DirectoryUser {
  return {
    key: `load-${digits}`,
    name: `Load User ${digits}`,
    upn: `load-${digits}@${ctx.seed.tenant.domain}`,
    oid: `${LOAD_OID_PREFIX}${digits}`,
    consented: true,
    synthetic: true,
  };
}

/** The user with this key (`alice`, `load-00042`, …), case-insensitively; undefined when there is none. */
export function resolveUser(ctx: DirectoryContext, key: string): DirectoryUser | undefined {
  const wanted = key.trim().toLowerCase();
  const seeded = ctx.seed.users.find((u) => u.key.toLowerCase() === wanted);
  if (seeded) return { ...seeded, synthetic: false };
  const load = LOAD_KEY.exec(wanted);
  return load && hasSyntheticUsers(ctx) ? syntheticUser(ctx, load[1]!) : undefined;
}

/** The user with this object id; undefined when there is none. */
export function findUserByOid(ctx: DirectoryContext, oid: string): DirectoryUser | undefined {
  const wanted = oid.trim().toLowerCase();
  const seeded = ctx.seed.users.find((u) => u.oid.toLowerCase() === wanted);
  if (seeded) return { ...seeded, synthetic: false };
  const load = LOAD_OID.exec(wanted);
  return load && hasSyntheticUsers(ctx) ? syntheticUser(ctx, load[1]!) : undefined;
}

/** Has this user consented to the app's delegated permissions? Synthetic users always have. */
export function hasConsented(ctx: Pick<EmulatorContext, 'directory'>, user: DirectoryUser): boolean {
  return user.synthetic || ctx.directory.consented.has(user.oid);
}
