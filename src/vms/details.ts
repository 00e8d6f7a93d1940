import type { Logger } from 'pino';
import { powerStateWording } from '../../contract/power.ts';
import type {
  DiskDetails,
  IpConfigurationDetails,
  NetworkInterfaceDetails,
  PartError,
  PublicIpDetails,
  VmDetails,
} from '../../contract/vm-details.ts';
import type { Vm, VmRef } from '../../contract/vm.ts';
import {
  foreignResource,
  parseNetworkId,
  type ArmDisk,
  type ArmNetworkInterface,
  type ArmPublicIpAddress,
  type ArmVmModel,
  type NetworkReader,
} from '../azure/network.ts';
import { AppError, errorFields, isAppError } from '../domain/errors.ts';
import { powerStateOf } from './power-state.ts';
import type { VmService } from '../domain/services.ts';
import type { SignedInUser } from '../domain/user.ts';
import { withDeadline } from '../util/deadline.ts';

/** `GET /api/vms/{sub}/{rg}/{vm}/details`. Throws AppError only when the VM itself cannot be read. */
export interface VmDetailsService {
  get(user: SignedInUser, ref: VmRef, options?: { readonly signal?: AbortSignal }): Promise<VmDetails>;
}

export interface VmDetailsServiceOptions {
  /** The VM service the other endpoints use: the same visibility check, RBAC-derived actions and read budget. */
  readonly vms: VmService;
  readonly network: NetworkReader;
  /** Longest wait for the whole answer → 503 AzureTimeout. Default 20 000 ms. */
  readonly requestDeadlineMs?: number;
  /** NICs read at most (a VM has at most a few; Azure's largest sizes allow 8). Default 8. */
  readonly maxNetworkInterfaces?: number;
  readonly logger?: Logger;
}

/** A part that could not be read, in the contract's words (never a stack, never an unknown code). */
export function partError(error: unknown): PartError {
  if (isAppError(error) && error.code !== 'InternalError') {
    return errorFields(error);
  }
  return { code: 'InternalError', message: 'This part could not be read.' };
}

const iso = (value: Date | string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

const nameOf = (id: string) => id.split('/').at(-1) ?? id;

function diskDetails(disk: ArmDisk, role: 'os' | 'data', lun?: number): DiskDetails | undefined {
  const name = disk.name ?? (disk.managedDisk?.id ? nameOf(disk.managedDisk.id) : undefined);
  if (!name) return undefined;
  const size = disk.diskSizeGB;
  return {
    name,
    role,
    ...(lun !== undefined ? { lun } : {}),
    ...(typeof size === 'number' && Number.isFinite(size) && size > 0 ? { sizeGiB: size } : {}),
    ...(disk.managedDisk?.storageAccountType
      ? { storageAccountType: disk.managedDisk.storageAccountType }
      : {}),
    ...(disk.caching ? { caching: disk.caching } : {}),
  };
}

/** The OS disk, then the data disks by LUN, from the model's `storageProfile`. Pure. */
export function disksOf(model: ArmVmModel): DiskDetails[] {
  const profile = model.storageProfile;
  const os = profile?.osDisk ? diskDetails(profile.osDisk, 'os') : undefined;
  const data = [...(profile?.dataDisks ?? [])]
    .sort((a, b) => (a.lun ?? Number.MAX_SAFE_INTEGER) - (b.lun ?? Number.MAX_SAFE_INTEGER))
    .map((disk) => diskDetails(disk, 'data', disk.lun))
    .filter((disk): disk is DiskDetails => disk !== undefined);
  return [...(os ? [os] : []), ...data];
}

/**
 * Since when the VM has been in its power state: the `ProvisioningState/succeeded` status's time (Compute sets it
 * when the last operation ended). Only for a stable state, as the list has it and the instance view agrees: while
 * a VM is starting, updating or failed that time says nothing about the state. Pure.
 */
export function powerStateSinceOf(vm: Vm, model: ArmVmModel): string | undefined {
  const statuses = model.instanceView?.statuses;
  const state = powerStateOf(statuses);
  if (state === 'unknown' || state !== vm.powerState || powerStateWording(state).transitional)
    return undefined;
  const provisioning = statuses?.filter((s) => s.code?.toLowerCase().startsWith('provisioningstate/'));
  if (provisioning?.length !== 1 || provisioning[0]!.code!.toLowerCase() !== 'provisioningstate/succeeded')
    return undefined;
  return iso(provisioning[0]!.time);
}

/** The VM model's fields the panel shows. Pure. */
export function modelDetails(
  vm: Vm,
  model: ArmVmModel,
): Omit<VmDetails, 'networkInterfaces' | 'vm'> & { readonly vm: Vm } {
  const image = model.storageProfile?.imageReference;
  const view = model.instanceView;
  const computerName = view?.computerName ?? model.osProfile?.computerName;
  const timeCreated = iso(model.timeCreated);
  const since = powerStateSinceOf(vm, model);
  return {
    vm,
    ...(computerName ? { computerName } : {}),
    ...(view?.osName ? { osName: view.osName } : {}),
    ...(view?.osVersion ? { osVersion: view.osVersion } : {}),
    ...(image?.publisher && image.offer && image.sku
      ? { image: `${image.publisher}:${image.offer}:${image.sku}` }
      : {}),
    ...(model.osProfile?.adminUsername ? { adminUsername: model.osProfile.adminUsername } : {}),
    zones: [...(model.zones ?? [])],
    ...(timeCreated ? { timeCreated } : {}),
    disks: disksOf(model),
    ...(since ? { powerStateSince: since } : {}),
  };
}

/** A NIC as the contract carries it; its public IPs are filled in by the caller. Pure. */
export function nicDetails(
  id: string,
  primary: boolean,
  nic: ArmNetworkInterface,
  publicIps: ReadonlyMap<string, PublicIpDetails>,
): NetworkInterfaceDetails {
  const ipConfigurations: IpConfigurationDetails[] = (nic.ipConfigurations ?? []).map((config, index) => {
    const publicId = config.publicIPAddress?.id;
    const publicIp = publicId ? publicIps.get(publicId.toLowerCase()) : undefined;
    return {
      name: config.name ?? `ipconfig${index + 1}`,
      primary: config.primary ?? index === 0,
      ...(config.privateIPAddress ? { privateIpAddress: config.privateIPAddress } : {}),
      ...(publicIp ? { publicIp } : {}),
    };
  });
  return { id, name: nic.name ?? nameOf(id), primary: nic.primary ?? primary, ipConfigurations };
}

/** A public IP as the contract carries it. Pure. */
export function publicIpDetails(id: string, ip: ArmPublicIpAddress): PublicIpDetails {
  return {
    id,
    name: ip.name ?? nameOf(id),
    ...(ip.ipAddress ? { ipAddress: ip.ipAddress } : {}),
    ...(ip.dnsSettings?.fqdn ? { fqdn: ip.dnsSettings.fqdn } : {}),
    ...(ip.publicIPAllocationMethod ? { allocationMethod: ip.publicIPAllocationMethod } : {}),
  };
}

/**
 * The VM details as the user may read them. The VM goes through the VM service (its subscription must be one the
 * user sees, the read budget applies, and its actions come from their RBAC); its model, NICs and public IPs are then
 * read as the user, NICs in parallel, then public IPs in parallel. A NIC or public IP the user may not read (or
 * that is gone) is reported in place with ARM's code, never as a failure of the answer: the portal shows the rest
 * of a VM too.
 */
export function createVmDetailsService(options: VmDetailsServiceOptions): VmDetailsService {
  const { vms, network } = options;
  const deadlineMs = options.requestDeadlineMs ?? 20_000;
  const maxNics = options.maxNetworkInterfaces ?? 8;

  async function details(user: SignedInUser, ref: VmRef, signal: AbortSignal): Promise<VmDetails> {
    const vm = await vms.get(user, ref, { signal });
    const model = await network.vmModel(user, ref, signal);
    const references = (model.networkProfile?.networkInterfaces ?? [])
      .filter((n): n is { id: string; primary?: boolean } => typeof n.id === 'string')
      .slice(0, maxNics);

    const nics = await Promise.all(
      references.map(async (reference, index) => {
        const nicRef = parseNetworkId(reference.id, 'networkInterfaces');
        try {
          if (!nicRef || nicRef.subscriptionId !== ref.subscriptionId.toLowerCase())
            throw foreignResource(reference.id);
          return { reference, index, nic: await network.networkInterface(user, nicRef, signal) };
        } catch (error) {
          return { reference, index, error: partError(error) };
        }
      }),
    );

    const publicIds = new Map<string, string>();
    for (const entry of nics)
      for (const config of entry.nic?.ipConfigurations ?? []) {
        const id = config.publicIPAddress?.id;
        if (id) publicIds.set(id.toLowerCase(), id);
      }
    const publicIps = new Map<string, PublicIpDetails>();
    await Promise.all(
      [...publicIds].map(async ([key, id]) => {
        const ipRef = parseNetworkId(id, 'publicIPAddresses');
        try {
          if (!ipRef || ipRef.subscriptionId !== ref.subscriptionId.toLowerCase()) throw foreignResource(id);
          publicIps.set(key, publicIpDetails(id, await network.publicIpAddress(user, ipRef, signal)));
        } catch (error) {
          publicIps.set(key, { id, name: nameOf(id), error: partError(error) });
        }
      }),
    );

    const networkInterfaces = nics.map(({ reference, index, nic, error }) =>
      nic
        ? nicDetails(reference.id, reference.primary ?? index === 0, nic, publicIps)
        : {
            id: reference.id,
            name: nameOf(reference.id),
            primary: reference.primary ?? index === 0,
            ipConfigurations: [],
            ...(error ? { error } : {}),
          },
    );
    for (const { error, reference } of nics)
      if (error?.code === 'InternalError')
        options.logger?.error({ vmId: vm.id, nicId: reference.id }, 'reading a network interface failed');
    return { ...modelDetails(vm, model), networkInterfaces };
  }

  return {
    get: (user, ref, getOptions = {}) =>
      withDeadline(deadlineMs, (signal) => details(user, ref, signal), {
        ...(getOptions.signal ? { signal: getOptions.signal } : {}),
        onTimeout: () =>
          new AppError(
            'AzureTimeout',
            `Azure did not answer within ${Math.round(deadlineMs / 1000)} s; try again in a moment.`,
            { retryAfter: 5 },
          ),
      }),
  };
}
