import type { TurnInfo } from './turn.ts';

/** Who sent an activity, as Entra knows them. */
export interface SenderIdentity {
  readonly oid: string;
  readonly tenantId: string;
}

/** The sender's Entra identity, or undefined when the channel does not provide one (not Teams). */
export function senderIdentity(info: Pick<TurnInfo, 'from' | 'tenantId'>): SenderIdentity | undefined {
  const oid = info.from.aadObjectId;
  const tenantId = info.tenantId;
  if (!oid || !tenantId) return undefined;
  return { oid, tenantId };
}
