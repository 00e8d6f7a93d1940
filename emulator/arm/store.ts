import type { Seed, SeedNetworkInterface, SeedPowerState, SeedVm } from '../seed/types.ts';
import { guidFrom } from '../seed/large.ts';
import type { PowerAction, PowerTimeline } from './power.ts';

export interface SubscriptionRecord {
  readonly subscriptionId: string;
  readonly displayName: string;
  /** `/subscriptions/{id}` */
  readonly id: string;
}

export interface ResourceGroupRecord {
  readonly subscriptionId: string;
  readonly name: string;
  readonly location: string;
  /** undefined: the group has no tags. */
  readonly tags: Readonly<Record<string, string>> | undefined;
  /** `/subscriptions/{id}/resourceGroups/{name}` */
  readonly id: string;
}

/** A VM's model (what does not change at run time). Power state lives in its `PowerTimeline`. */
export interface VmRecord {
  /** Canonical resource id. */
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  readonly size: string;
  readonly osType: SeedVm['osType'];
  readonly image: SeedVm['image'];
  readonly tags: Readonly<Record<string, string>>;
  readonly vmId: string;
  /** Epoch ms. */
  readonly timeCreated: number;
  readonly zone: string | undefined;
  readonly adminUsername: string;
  /** Resource ids of its NICs, primary first (may be in other resource groups). */
  readonly networkInterfaceIds: readonly string[];
}

/** The resource types the Microsoft.Network half serves. */
export type NetworkType = 'networkInterfaces' | 'publicIPAddresses';

/** A network interface of a seeded VM (one IP configuration, `ipconfig1`). */
export interface NicRecord {
  readonly type: 'networkInterfaces';
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  /** Resource id of the VM it is attached to. */
  readonly vmResourceId: string;
  readonly primary: boolean;
  readonly privateIpAddress: string;
  readonly macAddress: string;
  readonly resourceGuid: string;
  readonly publicIpId: string | undefined;
}

/** A public IP address associated with a NIC's IP configuration. */
export interface PublicIpRecord {
  readonly type: 'publicIPAddresses';
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  readonly allocation: 'Static' | 'Dynamic';
  readonly ipAddress: string;
  readonly domainNameLabel: string | undefined;
  readonly sku: 'Basic' | 'Standard';
  readonly resourceGuid: string;
  /** `{nicId}/ipConfigurations/ipconfig1`. */
  readonly ipConfigurationId: string;
  /** Resource id of the VM whose NIC it is on (a dynamic address follows its allocation). */
  readonly vmResourceId: string;
}

export type NetworkRecord = NicRecord | PublicIpRecord;

/** How an operation ends other than by succeeding at `completesAt`: early (preempted) or failed (injected). */
export interface OperationEnding {
  readonly status: 'Failed' | 'Canceled';
  readonly at: number;
  readonly error: { readonly code: string; readonly message: string };
}

/** An asynchronous power operation, as the operation status resource reports it. */
export interface OperationRecord {
  readonly id: string;
  readonly subscriptionId: string;
  /** Normalized region, e.g. `westeurope`. */
  readonly location: string;
  readonly resourceId: string;
  readonly action: PowerAction;
  /** Object id of the caller that started it. */
  readonly principalId: string;
  readonly startedAt: number;
  readonly completesAt: number;
  readonly ended?: OperationEnding;
}

/** The ARM half's state. Lookups are case-insensitive; records carry canonical casing. */
export interface ArmStore {
  subscriptions(): readonly SubscriptionRecord[];
  subscription(subscriptionId: string): SubscriptionRecord | undefined;
  /** Resource groups of a subscription, in seed order. */
  resourceGroups(subscriptionId: string): readonly ResourceGroupRecord[];
  resourceGroup(subscriptionId: string, name: string): ResourceGroupRecord | undefined;
  /** VMs of a subscription, or of one resource group, in seed order. */
  vms(subscriptionId: string, resourceGroup?: string): readonly VmRecord[];
  vm(subscriptionId: string, resourceGroup: string, name: string): VmRecord | undefined;
  /** Network resources of a type in a subscription, or in one resource group, in seed order. */
  network<T extends NetworkType>(
    type: T,
    subscriptionId: string,
    resourceGroup?: string,
  ): readonly Extract<NetworkRecord, { type: T }>[];
  networkResource<T extends NetworkType>(
    type: T,
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): Extract<NetworkRecord, { type: T }> | undefined;
  power(resourceId: string): PowerTimeline;
  setPower(resourceId: string, timeline: PowerTimeline): void;
  operation(subscriptionId: string, operationId: string): OperationRecord | undefined;
  addOperation(operation: OperationRecord): void;
  /** Ends every operation on `resourceId` still running at `ending.at` (a preempting action arrived), scheduled failures included. */
  endInFlight(resourceId: string, ending: OperationEnding): void;
  /** Back to the seed's power states; forgets operations. */
  reset(): void;
}

export interface MemoryArmStoreOptions {
  /** Clock for the seed's initial power states. */
  readonly now: () => number;
  /** Oldest operations are forgotten past this many. Default 10 000. */
  readonly maxOperations?: number;
}

const key = (...parts: string[]) => parts.join('/').toLowerCase();

/** An in-memory store built from the seed. */
export function createMemoryArmStore(seed: Seed, options: MemoryArmStoreOptions): ArmStore {
  const maxOperations = options.maxOperations ?? 10_000;
  const subscriptions: SubscriptionRecord[] = [];
  const groups = new Map<string, ResourceGroupRecord>();
  const groupsBySubscription = new Map<string, ResourceGroupRecord[]>();
  const vmsBySubscription = new Map<string, VmRecord[]>();
  const vmsByGroup = new Map<string, VmRecord[]>();
  const vmsById = new Map<string, VmRecord>();
  const seedPower = new Map<string, SeedPowerState>();
  const networkById = new Map<string, NetworkRecord>();
  const networkList: NetworkRecord[] = [];
  const addNetwork = (record: NetworkRecord) => {
    if (networkById.has(record.id.toLowerCase())) throw new Error(`Seed: ${record.id} appears twice`);
    networkById.set(record.id.toLowerCase(), record);
    networkList.push(record);
  };

  for (const sub of seed.subscriptions) {
    const subId = sub.subscriptionId;
    subscriptions.push({
      subscriptionId: subId,
      displayName: sub.displayName,
      id: `/subscriptions/${subId}`,
    });
    const inSubscription: VmRecord[] = [];
    /** Canonical group name (seed references may differ in case); the seed is wrong if it names none. */
    const groupName = (name: string) => {
      const found = sub.resourceGroups.find((g) => g.name.toLowerCase() === name.toLowerCase());
      if (!found) throw new Error(`Seed: no resource group ${name} in ${subId}`);
      return found.name;
    };
    for (const rg of sub.resourceGroups) {
      const rgId = `/subscriptions/${subId}/resourceGroups/${rg.name}`;
      const group: ResourceGroupRecord = {
        subscriptionId: subId,
        name: rg.name,
        location: rg.location,
        tags: rg.tags,
        id: rgId,
      };
      groups.set(key(subId, rg.name), group);
      groupsBySubscription.set(subId.toLowerCase(), [
        ...(groupsBySubscription.get(subId.toLowerCase()) ?? []),
        group,
      ]);
      const inGroup: VmRecord[] = [];
      for (const vm of rg.vms) {
        const id = `${rgId}/providers/Microsoft.Compute/virtualMachines/${vm.name}`;
        const location = vm.location ?? rg.location;
        const nics = networkRecords(subId, rg.name, id, location, vm, groupName);
        nics.forEach(addNetwork);
        const record: VmRecord = {
          id,
          subscriptionId: subId,
          resourceGroup: rg.name,
          name: vm.name,
          location,
          size: vm.size,
          osType: vm.osType,
          image: vm.image,
          tags: vm.tags ?? {},
          vmId: vm.vmId ?? guidFrom(`vmId:${id.toLowerCase()}`),
          timeCreated: createdAt(id),
          zone: vm.zone,
          adminUsername: vm.adminUsername ?? 'azureuser',
          networkInterfaceIds: nics.filter((n) => n.type === 'networkInterfaces').map((n) => n.id),
        };
        inGroup.push(record);
        vmsById.set(id.toLowerCase(), record);
        seedPower.set(id.toLowerCase(), vm.powerState);
      }
      vmsByGroup.set(key(subId, rg.name), inGroup);
      inSubscription.push(...inGroup);
    }
    vmsBySubscription.set(subId.toLowerCase(), inSubscription);
  }

  const power = new Map<string, PowerTimeline>();
  const operations = new Map<string, OperationRecord>();
  const reset = () => {
    power.clear();
    operations.clear();
    const since = options.now();
    for (const [id, state] of seedPower) power.set(id, { settled: state, since, hibernated: false });
  };
  reset();

  return {
    subscriptions: () => subscriptions,
    subscription: (id) => subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase()),
    resourceGroups: (subId) => groupsBySubscription.get(subId.toLowerCase()) ?? [],
    resourceGroup: (subId, name) => groups.get(key(subId, name)),
    vms: (subId, rg) =>
      (rg === undefined ? vmsBySubscription.get(subId.toLowerCase()) : vmsByGroup.get(key(subId, rg))) ?? [],
    vm: (subId, rg, name) =>
      vmsById.get(
        key(
          '',
          'subscriptions',
          subId,
          'resourceGroups',
          rg,
          'providers/Microsoft.Compute/virtualMachines',
          name,
        ),
      ),
    power: (resourceId) => {
      const timeline = power.get(resourceId.toLowerCase());
      if (!timeline) throw new Error(`No VM ${resourceId}`);
      return timeline;
    },
    network: <T extends NetworkType>(type: T, subId: string, rg?: string) =>
      networkList.filter(
        (r): r is Extract<NetworkRecord, { type: T }> =>
          r.type === type &&
          r.subscriptionId.toLowerCase() === subId.toLowerCase() &&
          (rg === undefined || r.resourceGroup.toLowerCase() === rg.toLowerCase()),
      ),
    networkResource: <T extends NetworkType>(type: T, subId: string, rg: string, name: string) => {
      const record = networkById.get(
        key('', 'subscriptions', subId, 'resourceGroups', rg, 'providers/Microsoft.Network', type, name),
      );
      return record?.type === type ? (record as Extract<NetworkRecord, { type: T }>) : undefined;
    },
    setPower: (resourceId, timeline) => void power.set(resourceId.toLowerCase(), timeline),
    operation: (subId, operationId) => {
      const op = operations.get(operationId.toLowerCase());
      return op && op.subscriptionId.toLowerCase() === subId.toLowerCase() ? op : undefined;
    },
    addOperation: (op) => {
      operations.set(op.id.toLowerCase(), op);
      while (operations.size > maxOperations) {
        const oldest = operations.keys().next().value;
        if (oldest === undefined) break;
        operations.delete(oldest);
      }
    },
    endInFlight: (resourceId, ending) => {
      const target = resourceId.toLowerCase();
      for (const [id, op] of operations) {
        const pending = !op.ended || op.ended.at > ending.at; // a scheduled failure has not happened yet
        if (op.resourceId.toLowerCase() === target && pending && op.completesAt > ending.at) {
          operations.set(id, { ...op, ended: ending });
        }
      }
    },
    reset,
  };
}

/**
 * The NICs and public IPs of a seeded VM: its `networkInterfaces`, or by default one NIC `{name}-nic` in its group
 * without a public address. Ids, MAC addresses, GUIDs and default private addresses derive from the resource ids,
 * so they are the same on every run.
 */
function networkRecords(
  subscriptionId: string,
  vmGroup: string,
  vmResourceId: string,
  location: string,
  vm: SeedVm,
  groupName: (name: string) => string,
): NetworkRecord[] {
  const nics: readonly SeedNetworkInterface[] = vm.networkInterfaces ?? [{ name: `${vm.name}-nic` }];
  const records: NetworkRecord[] = [];
  nics.forEach((nic, index) => {
    const nicGroup = groupName(nic.resourceGroup ?? vmGroup);
    const nicId = `/subscriptions/${subscriptionId}/resourceGroups/${nicGroup}/providers/Microsoft.Network/networkInterfaces/${nic.name}`;
    const digest = guidFrom(`nic:${nicId.toLowerCase()}`).replace(/-/g, '');
    const ip = nic.publicIp;
    const ipGroup = ip ? groupName(ip.resourceGroup ?? nicGroup) : undefined;
    const ipId = ip
      ? `/subscriptions/${subscriptionId}/resourceGroups/${ipGroup}/providers/Microsoft.Network/publicIPAddresses/${ip.name}`
      : undefined;
    records.push({
      type: 'networkInterfaces',
      id: nicId,
      subscriptionId,
      resourceGroup: nicGroup,
      name: nic.name,
      location,
      vmResourceId,
      primary: index === 0,
      privateIpAddress:
        nic.privateIpAddress ??
        `10.0.${parseInt(digest.slice(0, 2), 16)}.${4 + (parseInt(digest.slice(2, 4), 16) % 250)}`,
      macAddress: `00-0D-3A-${digest.slice(4, 10).toUpperCase().match(/../g)!.join('-')}`,
      resourceGuid: guidFrom(`resourceGuid:${nicId.toLowerCase()}`),
      publicIpId: ipId,
    });
    if (ip && ipId && ipGroup) {
      records.push({
        type: 'publicIPAddresses',
        id: ipId,
        subscriptionId,
        resourceGroup: ipGroup,
        name: ip.name,
        location,
        allocation: ip.allocation,
        ipAddress: ip.ipAddress,
        domainNameLabel: ip.domainNameLabel,
        sku: ip.sku ?? (ip.allocation === 'Static' ? 'Standard' : 'Basic'),
        resourceGuid: guidFrom(`resourceGuid:${ipId.toLowerCase()}`),
        ipConfigurationId: `${nicId}/ipConfigurations/ipconfig1`,
        vmResourceId,
      });
    }
  });
  return records;
}

/** A stable creation time in 2025 derived from the resource id, so bodies are the same on every run. */
function createdAt(id: string): number {
  const days = parseInt(guidFrom(`timeCreated:${id.toLowerCase()}`).slice(0, 6), 16) % 300;
  return Date.UTC(2025, 0, 6, 9, 30, 0) + days * 86_400_000 + (days % 7) * 3_600_000;
}
