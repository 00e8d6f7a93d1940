import type { SignedInUser } from '../domain/user.ts';
import type { VmRef } from '../../contract/vm.ts';
import { isResourceGroupName } from '../../contract/vm-id.ts';
import { AppError } from '../domain/errors.ts';
import { toAppError } from './errors.ts';
import type { ArmInstanceViewStatus } from './types.ts';
import type { UserClientsCache } from './user-clients.ts';

/**
 * What the VM details panel reads from ARM beyond the VM list, as the signed-in user: the VM's own model (OS profile,
 * network profile, zones, instance view) and the network interfaces and public IP addresses it names. Plain
 * structural types, as in ./types.ts; failures are AppErrors (./errors.ts), so a 403 on a NIC reads
 * `AuthorizationFailed` with ARM's code and message.
 */

export interface ArmVmModel {
  readonly id?: string;
  readonly zones?: readonly string[];
  readonly timeCreated?: Date | string;
  readonly osProfile?: { readonly adminUsername?: string; readonly computerName?: string };
  readonly storageProfile?: {
    readonly imageReference?: { readonly publisher?: string; readonly offer?: string; readonly sku?: string };
    readonly osDisk?: ArmDisk;
    readonly dataDisks?: readonly (ArmDisk & { readonly lun?: number })[];
  };
  readonly networkProfile?: {
    readonly networkInterfaces?: ReadonlyArray<{ readonly id?: string; readonly primary?: boolean }>;
  };
  readonly instanceView?: {
    readonly computerName?: string;
    readonly osName?: string;
    readonly osVersion?: string;
    readonly statuses?: readonly ArmInstanceViewStatus[];
  };
}

/** A disk as the VM model names it (`storageProfile.osDisk` / `dataDisks[]`). */
export interface ArmDisk {
  readonly name?: string;
  readonly diskSizeGB?: number;
  readonly caching?: string;
  readonly managedDisk?: { readonly id?: string; readonly storageAccountType?: string };
}

export interface ArmNetworkInterface {
  readonly id?: string;
  readonly name?: string;
  readonly primary?: boolean;
  readonly ipConfigurations?: ReadonlyArray<{
    readonly name?: string;
    readonly primary?: boolean;
    readonly privateIPAddress?: string;
    readonly publicIPAddress?: { readonly id?: string };
  }>;
}

export interface ArmPublicIpAddress {
  readonly id?: string;
  readonly name?: string;
  readonly ipAddress?: string;
  readonly publicIPAllocationMethod?: string;
  readonly dnsSettings?: { readonly fqdn?: string };
}

/** A Microsoft.Network resource, as its id names it. */
export interface NetworkRef {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

export type NetworkType = 'networkInterfaces' | 'publicIPAddresses';

const NETWORK_ID =
  /^\/subscriptions\/([0-9a-f-]{36})\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/(networkInterfaces|publicIPAddresses)\/([^/]+)$/i;
const NAME = /^[-\w.]{1,80}$/;

/** Parses a NIC or public IP id (ARM's casing of the type accepted in any case); undefined when it is not one. */
export function parseNetworkId(id: unknown, type: NetworkType): NetworkRef | undefined {
  if (typeof id !== 'string' || id.length > 400) return undefined;
  const match = NETWORK_ID.exec(id);
  if (!match || match[3]!.toLowerCase() !== type.toLowerCase()) return undefined;
  const [, subscriptionId = '', resourceGroup = '', , name = ''] = match;
  if (!isResourceGroupName(resourceGroup) || !NAME.test(name)) return undefined;
  return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name };
}

/** Reads a VM's model and its network resources as one user. */
export interface NetworkReader {
  vmModel(user: SignedInUser, ref: VmRef, signal?: AbortSignal): Promise<ArmVmModel>;
  networkInterface(user: SignedInUser, ref: NetworkRef, signal?: AbortSignal): Promise<ArmNetworkInterface>;
  publicIpAddress(user: SignedInUser, ref: NetworkRef, signal?: AbortSignal): Promise<ArmPublicIpAddress>;
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export function createNetworkReader(clients: UserClientsCache): NetworkReader {
  const abort = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    vmModel: (user, ref, signal) =>
      mapped(() =>
        clients
          .forUser(user)
          .compute(ref.subscriptionId)
          .virtualMachines.get(ref.resourceGroup, ref.name, { expand: 'instanceView', ...abort(signal) }),
      ),
    networkInterface: (user, ref, signal) =>
      mapped(async () => {
        const network = await clients.forUser(user).network(ref.subscriptionId);
        return network.networkInterfaces.get(ref.resourceGroup, ref.name, abort(signal));
      }),
    publicIpAddress: (user, ref, signal) =>
      mapped(async () => {
        const network = await clients.forUser(user).network(ref.subscriptionId);
        return network.publicIPAddresses.get(ref.resourceGroup, ref.name, abort(signal));
      }),
  };
}

/** A network resource in another subscription than its VM: Azure never links one, so it is not followed. */
export function foreignResource(id: string): AppError {
  return new AppError('BadRequest', `'${id.slice(0, 200)}' is not a resource of the VM's subscription.`);
}
