import type { AzureErrorDetails, ErrorCode } from './errors.ts';
import type { Vm } from './vm.ts';

/**
 * `GET /api/vms/{subscriptionId}/{resourceGroup}/{name}/details`: one VM as its details panel shows it. The VM itself
 * must be readable (else the usual error answer); its network interfaces and public IP addresses are separate Azure
 * resources the user may not be allowed to read, so each one that could not be read says why (`error`) instead of
 * failing the whole answer.
 */
export interface VmDetails {
  readonly vm: Vm;
  /** The guest's host name (instance view), when the VM is allocated. */
  readonly computerName?: string;
  /** "ubuntu 24.04", "Windows Server 2022 Datacenter Azure Edition" (instance view), when known. */
  readonly osName?: string;
  readonly osVersion?: string;
  /** The image, `{publisher}:{offer}:{sku}`. */
  readonly image?: string;
  /** `osProfile.adminUsername`: the account an `ssh` or RDP connection uses. */
  readonly adminUsername?: string;
  /** Availability zones (`[]` for a regional VM). */
  readonly zones: readonly string[];
  /** ISO 8601. */
  readonly timeCreated?: string;
  /** In the VM's `networkProfile` order; `[]` when it has none. */
  readonly networkInterfaces: readonly NetworkInterfaceDetails[];
  /** The OS disk first, then the data disks by LUN (`storageProfile`); `[]` when the model names none. */
  readonly disks: readonly DiskDetails[];
  /**
   * ISO 8601: since when the VM has been in its power state (the instance view's `ProvisioningState/succeeded` time,
   * the end of the last operation). Only for a stable state (not starting, stopping, …) that the instance view
   * agrees with.
   */
  readonly powerStateSince?: string;
}

/** A disk of the VM, as the portal's Disks blade sums it up. */
export interface DiskDetails {
  readonly name: string;
  /** `os`, or `data` with its LUN. */
  readonly role: 'os' | 'data';
  readonly lun?: number;
  /** `diskSizeGB`: absent when the model does not say (a disk attached from a snapshot, before its first read). */
  readonly sizeGiB?: number;
  /** `managedDisk.storageAccountType`: `Premium_LRS`, `StandardSSD_LRS`, …; absent for an unmanaged disk. */
  readonly storageAccountType?: string;
  /** `None`, `ReadOnly`, `ReadWrite`. */
  readonly caching?: string;
}

/** Why a part could not be read (`AuthorizationFailed` for a NIC the user's role does not cover, `NotFound`, …). */
export interface PartError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly armCode?: string;
  readonly details?: AzureErrorDetails;
}

export interface NetworkInterfaceDetails {
  /** ARM id, as the VM names it. */
  readonly id: string;
  readonly name: string;
  readonly primary: boolean;
  /** Set when the NIC could not be read; `ipConfigurations` is then empty. */
  readonly error?: PartError;
  readonly ipConfigurations: readonly IpConfigurationDetails[];
}

export interface IpConfigurationDetails {
  readonly name: string;
  readonly primary: boolean;
  readonly privateIpAddress?: string;
  readonly publicIp?: PublicIpDetails;
}

export interface PublicIpDetails {
  /** ARM id; may be in another resource group than the NIC. */
  readonly id: string;
  readonly name: string;
  /** Absent for a dynamic address while the VM is deallocated (Azure releases it). */
  readonly ipAddress?: string;
  /** `dnsSettings.fqdn`, e.g. `web-01.westeurope.cloudapp.azure.com`. */
  readonly fqdn?: string;
  readonly allocationMethod?: string;
  /** Set when the public IP resource could not be read. */
  readonly error?: PartError;
}

/**
 * The Azure portal's page of a resource. With the tenant the portal opens the right directory (people with guest
 * accounts in several would otherwise land in their home one).
 */
export function portalUrl(resourceId: string, tenant?: string): string {
  return `https://portal.azure.com/#${tenant ? `@${tenant}/` : ''}resource${resourceId}`;
}

/** The portal's Connect blade of a VM (SSH, RDP and Azure Bastion), in the user's directory. */
export function portalConnectUrl(vmId: string, tenant?: string): string {
  return `${portalUrl(vmId, tenant)}/connect`;
}

/** "Premium SSD LRS" for `Premium_LRS`, as the portal names the disk types; unknown types as Azure spells them. */
export function diskTypeLabel(storageAccountType: string): string {
  const known: Readonly<Record<string, string>> = {
    Premium_LRS: 'Premium SSD LRS',
    Premium_ZRS: 'Premium SSD ZRS',
    PremiumV2_LRS: 'Premium SSD v2 LRS',
    StandardSSD_LRS: 'Standard SSD LRS',
    StandardSSD_ZRS: 'Standard SSD ZRS',
    Standard_LRS: 'Standard HDD LRS',
    UltraSSD_LRS: 'Ultra Disk LRS',
  };
  return known[storageAccountType] ?? storageAccountType;
}
