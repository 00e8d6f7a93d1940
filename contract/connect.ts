import type { PublicIpDetails, VmDetails } from './vm-details.ts';

/**
 * How to connect to a VM, as the Azure portal's "Connect" page decides it: the one rule the tab's details panel and
 * the bot's VM card both show.
 */
export type ConnectOffer =
  /** Linux: a command to copy. */
  | { readonly kind: 'ssh'; readonly command: string; readonly host: string }
  /** Windows: a Remote Desktop file to download. */
  | { readonly kind: 'rdp'; readonly host: string; readonly fileName: string; readonly file: string }
  /** No direct connection: a sentence saying why and what to use instead. */
  | { readonly kind: 'none'; readonly reason: string };

/** The first readable public IP with an address, primary NIC and IP configuration first. Pure. */
export function publicAddress(details: VmDetails): PublicIpDetails | undefined {
  const configs = [...details.networkInterfaces]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .flatMap((nic) => [...nic.ipConfigurations].sort((a, b) => Number(b.primary) - Number(a.primary)));
  return configs.map((c) => c.publicIp).find((ip) => ip && !ip.error && (ip.fqdn || ip.ipAddress));
}

/**
 * A Remote Desktop connection file (`.rdp`, the format mstsc and the Remote Desktop apps open): the host, the admin
 * user, and a prompt for the password (never stored). CRLF line ends, as Windows writes them. Pure.
 */
export function rdpFile(host: string, username: string | undefined): string {
  return [
    `full address:s:${host}:3389`,
    ...(username ? [`username:s:${username}`] : []),
    'prompt for credentials:i:1',
    'administrative session:i:1',
    '',
  ].join('\r\n');
}

/**
 * Connect offer, as the portal's "Connect" page decides it: only a running VM with a public address can be reached
 * directly (`ssh user@host` for Linux, an .rdp file for Windows; the DNS name when it has one, as it survives a
 * dynamic address changing); anything else gets a sentence — start it, or go through Azure Bastion. Pure.
 */
export function connectOffer(details: VmDetails): ConnectOffer {
  const { vm } = details;
  const windows = vm.osType.toLowerCase() === 'windows';
  const address = publicAddress(details);
  const unreadable =
    details.networkInterfaces.some((nic) => nic.error) ||
    details.networkInterfaces.some((nic) => nic.ipConfigurations.some((c) => c.publicIp?.error));
  if (vm.powerState !== 'running')
    return { kind: 'none', reason: `${vm.name} isn't running. Start it to connect.` };
  if (!address) {
    if (unreadable && details.networkInterfaces.length > 0)
      return {
        kind: 'none',
        reason: `Your Azure role doesn't let you read all of ${vm.name}'s network settings, so no direct connection can be offered here. Connect through Azure Bastion in the Azure portal.`,
      };
    return {
      kind: 'none',
      reason: `${vm.name} has no public IP address. Connect through Azure Bastion in the Azure portal (or from a machine in its virtual network).`,
    };
  }
  const host = address.fqdn ?? address.ipAddress!;
  if (windows)
    return { kind: 'rdp', host, fileName: `${vm.name}.rdp`, file: rdpFile(host, details.adminUsername) };
  return { kind: 'ssh', host, command: `ssh ${details.adminUsername ?? 'azureuser'}@${host}` };
}
