import type { Seed, SeedPowerState, SeedVm } from '../seed/types.ts';
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
}

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

  for (const sub of seed.subscriptions) {
    const subId = sub.subscriptionId;
    subscriptions.push({
      subscriptionId: subId,
      displayName: sub.displayName,
      id: `/subscriptions/${subId}`,
    });
    const inSubscription: VmRecord[] = [];
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
        const record: VmRecord = {
          id,
          subscriptionId: subId,
          resourceGroup: rg.name,
          name: vm.name,
          location: vm.location ?? rg.location,
          size: vm.size,
          osType: vm.osType,
          image: vm.image,
          tags: vm.tags ?? {},
          vmId: vm.vmId ?? guidFrom(`vmId:${id.toLowerCase()}`),
          timeCreated: createdAt(id),
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

/** A stable creation time in 2025 derived from the resource id, so bodies are the same on every run. */
function createdAt(id: string): number {
  const days = parseInt(guidFrom(`timeCreated:${id.toLowerCase()}`).slice(0, 6), 16) % 300;
  return Date.UTC(2025, 0, 6, 9, 30, 0) + days * 86_400_000 + (days % 7) * 3_600_000;
}
