/**
 * ARM response bodies, as pure functions of the store's records, shaped like the official Compute
 * examples (tests/fixtures/arm/, from the Azure REST API specs): `properties` envelope, `PowerState/*` and `ProvisioningState/*`
 * statuses with `level` / `displayStatus` / `time`, .NET-style timestamps.
 */
import type { Permission } from '../rbac/evaluate.ts';
import type { PowerSnapshot, PowerState } from './power.ts';
import type {
  NicRecord,
  OperationRecord,
  PublicIpRecord,
  ResourceGroupRecord,
  SubscriptionRecord,
  VmRecord,
} from './store.ts';

/** ARM's timestamp format: `2026-11-28T17:03:09.1230000+00:00` (7 fractional digits, explicit offset). */
export function armTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

export interface InstanceViewStatus {
  readonly code: string;
  readonly level: 'Info' | 'Warning' | 'Error';
  readonly displayStatus: string;
  readonly message?: string;
  readonly time?: string;
}

const POWER_DISPLAY: Record<PowerState, string> = {
  running: 'VM running',
  starting: 'VM starting',
  stopping: 'VM stopping',
  stopped: 'VM stopped',
  deallocating: 'VM deallocating',
  deallocated: 'VM deallocated',
};

export function subscriptionBody(sub: SubscriptionRecord, tenantId: string) {
  return {
    id: sub.id,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: sub.subscriptionId,
    tenantId,
    displayName: sub.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** `Microsoft.Resources/resourceGroups`, as ARM answers it (no `tags` for a group without any, as ARM). */
export function resourceGroupBody(rg: ResourceGroupRecord) {
  return {
    id: rg.id,
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    ...(rg.tags ? { tags: { ...rg.tags } } : {}),
    properties: { provisioningState: 'Succeeded' },
  };
}

/** The OS disk's name, as Azure generates it for an image-based VM. */
function osDiskName(vm: VmRecord): string {
  return `${vm.name}_OsDisk_1_${vm.vmId.replace(/-/g, '')}`;
}

function osDetails(vm: VmRecord): { osName: string; osVersion: string; agentVersion: string } {
  if (vm.osType === 'Windows') {
    const year = /20\d\d/.exec(vm.image.sku)?.[0] ?? '2022';
    const build: Record<string, string> = {
      '2016': '14393',
      '2019': '17763',
      '2022': '20348',
      '2025': '26100',
    };
    return {
      osName: `Windows Server ${year} Datacenter${vm.image.sku.includes('azure-edition') ? ' Azure Edition' : ''}`,
      osVersion: `Microsoft Windows NT 10.0.${build[year] ?? '20348'}.0`,
      agentVersion: '2.7.41491.1102',
    };
  }
  const version = /(\d\d)[_.](\d\d)/.exec(vm.image.offer);
  return {
    osName: vm.image.publisher === 'Canonical' ? 'ubuntu' : vm.image.offer.toLowerCase(),
    osVersion: version ? `${version[1]}.${version[2]}` : '1.0',
    agentVersion: '2.12.0.2',
  };
}

/** `Microsoft.Compute/virtualMachines` resource body (optionally with `properties.instanceView`). */
export function vmBody(
  vm: VmRecord,
  power: PowerSnapshot,
  instanceView?: ReturnType<typeof instanceViewBody>,
) {
  const windows = vm.osType === 'Windows';
  const rgId = `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}`;
  const diskName = osDiskName(vm);
  return {
    name: vm.name,
    id: vm.id,
    type: 'Microsoft.Compute/virtualMachines',
    location: vm.location,
    tags: { ...vm.tags },
    ...(vm.zone ? { zones: [vm.zone] } : {}),
    etag: '"1"',
    properties: {
      vmId: vm.vmId,
      hardwareProfile: { vmSize: vm.size },
      storageProfile: {
        imageReference: {
          ...vm.image,
          version: 'latest',
          exactVersion: windows ? '20348.2849.241206' : '24.04.202501140',
        },
        osDisk: {
          osType: vm.osType,
          name: diskName,
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: {
            storageAccountType: /^Standard_[A-Z]+\d+[a-z]*s/.test(vm.size)
              ? 'Premium_LRS'
              : 'StandardSSD_LRS',
            id: `${rgId}/providers/Microsoft.Compute/disks/${diskName}`,
          },
          deleteOption: 'Delete',
          diskSizeGB: windows ? 127 : 30,
        },
        dataDisks: [],
      },
      osProfile: {
        computerName: windows ? vm.name.slice(0, 15) : vm.name,
        adminUsername: vm.adminUsername,
        ...(windows
          ? {
              windowsConfiguration: {
                provisionVMAgent: true,
                enableAutomaticUpdates: true,
                patchSettings: { patchMode: 'AutomaticByOS', assessmentMode: 'ImageDefault' },
              },
            }
          : {
              linuxConfiguration: {
                disablePasswordAuthentication: true,
                provisionVMAgent: true,
                patchSettings: { patchMode: 'ImageDefault', assessmentMode: 'ImageDefault' },
              },
            }),
        secrets: [],
        allowExtensionOperations: true,
        requireGuestProvisionSignal: true,
      },
      networkProfile: { networkInterfaces: vm.networkInterfaceIds.map((id) => ({ id })) },
      provisioningState: power.updating ? 'Updating' : power.failure ? 'Failed' : 'Succeeded',
      ...(instanceView ? { instanceView } : {}),
      timeCreated: armTime(vm.timeCreated),
    },
  };
}

/**
 * `VirtualMachineInstanceView`. Deallocated VMs have no host, so no agent, computer name or update
 * domains; allocated VMs that are not running report the agent "Not Ready", as Azure does.
 */
export function instanceViewBody(vm: VmRecord, power: PowerSnapshot, now: number) {
  const os = osDetails(vm);
  const allocated = power.state !== 'deallocated';
  const agentReady = power.state === 'running' && !power.updating;
  const statuses: InstanceViewStatus[] = [
    provisioningStatus(power),
    { code: `PowerState/${power.state}`, level: 'Info', displayStatus: POWER_DISPLAY[power.state] },
  ];
  if (power.hibernated)
    statuses.push({ code: 'HibernationState/Hibernated', level: 'Info', displayStatus: 'VM hibernated' });
  const agentStatus: InstanceViewStatus = agentReady
    ? {
        code: 'ProvisioningState/succeeded',
        level: 'Info',
        displayStatus: 'Ready',
        message: 'GuestAgent is running and accepting new configurations.',
        time: armTime(now),
      }
    : {
        code: 'ProvisioningState/Unavailable',
        level: 'Warning',
        displayStatus: 'Not Ready',
        message: 'VM status blob is found but not yet populated.',
        time: armTime(now),
      };
  return {
    ...(allocated
      ? {
          platformUpdateDomain: 0,
          platformFaultDomain: 0,
          computerName: vm.osType === 'Windows' ? vm.name.slice(0, 15) : vm.name,
          osName: os.osName,
          osVersion: os.osVersion,
          vmAgent: {
            vmAgentVersion: agentReady ? os.agentVersion : 'Unknown',
            statuses: [agentStatus],
            extensionHandlers: [],
          },
        }
      : {}),
    disks: [
      {
        name: osDiskName(vm),
        statuses: [
          {
            code: 'ProvisioningState/succeeded',
            level: 'Info',
            displayStatus: 'Provisioning succeeded',
            time: armTime(vm.timeCreated),
          } satisfies InstanceViewStatus,
        ],
      },
    ],
    hyperVGeneration: 'V2',
    isVMInStandbyPool: false,
    statuses,
  };
}

/** The `ProvisioningState/*` status: updating, succeeded, or `failed/{code}` after a failed operation (as Compute shows it). */
function provisioningStatus(power: PowerSnapshot): InstanceViewStatus {
  if (power.updating) return { code: 'ProvisioningState/updating', level: 'Info', displayStatus: 'Updating' };
  if (power.failure) {
    return {
      code: `ProvisioningState/failed/${power.failure.code}`,
      level: 'Error',
      displayStatus: 'Provisioning failed',
      message: power.failure.message,
      time: armTime(power.since),
    };
  }
  return {
    code: 'ProvisioningState/succeeded',
    level: 'Info',
    displayStatus: 'Provisioning succeeded',
    time: armTime(power.since),
  };
}

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** The status of an operation at `now`. */
export function operationStatusAt(op: OperationRecord, now: number): OperationStatus {
  if (op.ended && op.ended.at <= now) return op.ended.status;
  return now >= op.completesAt ? 'Succeeded' : 'InProgress';
}

/** The Compute operation status resource (`Azure-AsyncOperation`). */
export function operationStatusBody(op: OperationRecord, now: number) {
  const status = operationStatusAt(op, now);
  const endTime = status === 'InProgress' ? undefined : armTime(op.ended?.at ?? op.completesAt);
  return {
    startTime: armTime(op.startedAt),
    ...(endTime ? { endTime } : {}),
    status,
    ...(op.ended && status === op.ended.status ? { error: { ...op.ended.error } } : {}),
    name: op.id,
  };
}

/** One entry of `Microsoft.Authorization/permissions`. */
export function permissionBody(permission: Permission) {
  return {
    actions: [...permission.actions],
    notActions: [...permission.notActions],
    dataActions: [],
    notDataActions: [],
  };
}

/** Network resources' etag: a weak ETag of a GUID, as Microsoft.Network sends. */
function networkEtag(resourceGuid: string): string {
  return `W/"${resourceGuid}"`;
}

/**
 * `Microsoft.Network/networkInterfaces`, shaped like the official `NetworkInterfaceGet` example (one IP
 * configuration). The subnet and NSG it names are not served by the emulator: only NICs and public IPs are.
 */
export function networkInterfaceBody(nic: NicRecord) {
  const rgId = `/subscriptions/${nic.subscriptionId}/resourceGroups/${nic.resourceGroup}`;
  const etag = networkEtag(nic.resourceGuid);
  return {
    name: nic.name,
    id: nic.id,
    etag,
    location: nic.location,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: nic.resourceGuid,
      ipConfigurations: [
        {
          name: 'ipconfig1',
          id: `${nic.id}/ipConfigurations/ipconfig1`,
          etag,
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAddress: nic.privateIpAddress,
            privateIPAllocationMethod: 'Dynamic',
            ...(nic.publicIpId ? { publicIPAddress: { id: nic.publicIpId } } : {}),
            subnet: {
              id: `${rgId}/providers/Microsoft.Network/virtualNetworks/${nic.resourceGroup}-vnet/subnets/default`,
            },
            primary: true,
            privateIPAddressVersion: 'IPv4',
          },
        },
      ],
      dnsSettings: {
        dnsServers: [],
        appliedDnsServers: [],
        internalDomainNameSuffix: `${nic.resourceGuid.replace(/-/g, '').slice(0, 22)}.ax.internal.cloudapp.net`,
      },
      macAddress: nic.macAddress,
      enableAcceleratedNetworking: false,
      disableTcpStateTracking: false,
      enableIPForwarding: false,
      networkSecurityGroup: {
        id: `${rgId}/providers/Microsoft.Network/networkSecurityGroups/${nic.name}-nsg`,
      },
      primary: nic.primary,
      virtualMachine: { id: nic.vmResourceId },
      vnetEncryptionSupported: false,
      nicType: 'Standard',
    },
    type: 'Microsoft.Network/networkInterfaces',
  };
}

/**
 * `Microsoft.Network/publicIPAddresses`, shaped like the official `PublicIpAddressGet` example. A dynamic address
 * exists only while the VM it serves is allocated: Azure releases it on deallocation (no `ipAddress` then) and
 * assigns one again on start.
 */
export function publicIpBody(ip: PublicIpRecord, vmState: PowerState) {
  const assigned = ip.allocation === 'Static' || vmState !== 'deallocated';
  return {
    name: ip.name,
    id: ip.id,
    etag: networkEtag(ip.resourceGuid),
    location: ip.location,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: ip.resourceGuid,
      ...(assigned ? { ipAddress: ip.ipAddress } : {}),
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: ip.allocation,
      idleTimeoutInMinutes: 4,
      ...(ip.domainNameLabel
        ? {
            dnsSettings: {
              domainNameLabel: ip.domainNameLabel,
              fqdn: `${ip.domainNameLabel}.${ip.location}.cloudapp.azure.com`,
            },
          }
        : {}),
      ipConfiguration: { id: ip.ipConfigurationId },
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
      ipTags: [],
    },
    type: 'Microsoft.Network/publicIPAddresses',
    sku: { name: ip.sku, tier: 'Regional' },
  };
}
