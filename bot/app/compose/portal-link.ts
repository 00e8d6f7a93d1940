import { parseVmId } from '../../../contract/vm-id.ts';
import type { VmRef } from '../../../contract/vm.ts';

/** The Azure portal's host: what the manifest's `messageHandlers` unfurls. */
export const PORTAL_HOST = 'portal.azure.com';

/** Longer URLs are not portal links to a VM (the longest valid one is well under this). */
const MAX_URL_LENGTH = 2048;
/** `#@{tenant}/resource…`: a tenant domain or id. */
const TENANT = /^[A-Za-z0-9][-A-Za-z0-9._]{0,253}$/;
/** A portal blade after the VM (`/overview`, `/connect`, `/networking`, …). */
const BLADE = /^[A-Za-z0-9][-\w]{0,63}$/;
const MAX_BLADES = 3;

export interface PortalVmLink {
  readonly ref: VmRef;
  /** The directory the link names (`#@contoso.onmicrosoft.com/…`), if any. */
  readonly tenant?: string;
}

/**
 * A VM from an Azure portal link, as the portal writes them:
 * `https://portal.azure.com/#@{tenant}/resource/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{vm}`
 * (with or without `@{tenant}/`, with or without a blade such as `/overview`). The VM id passes the contract's one
 * parser; anything else (another host, another resource type, look-alike hosts, credentials or a port in the URL,
 * odd characters) is undefined. Pure.
 */
export function parsePortalVmLink(input: unknown): PortalVmLink | undefined {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname !== PORTAL_HOST || url.port || url.username || url.password)
    return undefined;
  let hash = url.hash.replace(/^#/, '');
  let tenant: string | undefined;
  if (hash.startsWith('@')) {
    const slash = hash.indexOf('/');
    if (slash < 0) return undefined;
    tenant = hash.slice(1, slash);
    if (!TENANT.test(tenant)) return undefined;
    hash = hash.slice(slash + 1);
  }
  if (!hash.startsWith('resource/')) return undefined;
  const segments = hash.slice('resource'.length).split('/');
  // ['', 'subscriptions', sub, 'resourceGroups', rg, 'providers', 'Microsoft.Compute', 'virtualMachines', name, …blades]
  const idSegments = segments.slice(0, 9);
  const blades = segments.slice(9).filter((s, i, all) => !(s === '' && i === all.length - 1));
  if (blades.length > MAX_BLADES || !blades.every((blade) => BLADE.test(blade))) return undefined;
  const ref = parseVmId(idSegments.join('/'));
  if (!ref) return undefined;
  return { ref, ...(tenant ? { tenant } : {}) };
}
