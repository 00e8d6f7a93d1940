import type { AutoShutdown } from './auto-shutdown.ts';
import type { AzureErrorDetails, ErrorCode } from './errors.ts';

/** The VM as the API, the tab and the bot's cards see it. No ARM or MSAL types here. */

export const POWER_STATES = [
  'running',
  'starting',
  'stopping',
  'stopped',
  'deallocating',
  'deallocated',
  'unknown',
] as const;
export type PowerState = (typeof POWER_STATES)[number];

/** Actions a user can request. `deallocate` is what users call "stop" (it stops compute billing). */
export const VM_ACTIONS = ['start', 'deallocate', 'powerOff', 'restart'] as const;
export type VmAction = (typeof VM_ACTIONS)[number];

/**
 * What the user's role may do on a VM: the power actions, and `setAutoShutdown` (change its daily
 * auto-shutdown: `Microsoft.DevTestLab/schedules/write`).
 */
export const VM_CAPABILITIES = [...VM_ACTIONS, 'setAutoShutdown'] as const;
export type VmCapability = (typeof VM_CAPABILITIES)[number];

/** The power actions among a VM's capabilities (what power buttons and bulk actions are about). */
export function powerActionsOf(actions: readonly VmCapability[]): VmAction[] {
  return actions.filter((a): a is VmAction => a !== 'setAutoShutdown');
}

/**
 * The pay-as-you-go list price of the VM's size in its region for its OS (Azure Retail Prices API):
 * no discounts, reservations or savings plans. Compute only (no disks, network or licences brought).
 */
export interface VmPrice {
  /** Per hour, in `currency`. */
  readonly perHour: number;
  /** ISO 4217, e.g. `USD`. */
  readonly currency: string;
  /** The meter priced, e.g. `B2s` or `D4s v5`, as the Retail Prices API names it. */
  readonly meter: string;
}

export interface Vm {
  /** Full ARM resource id. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly location: string;
  readonly size: string;
  readonly osType: string;
  readonly powerState: PowerState;
  readonly provisioningState: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The subset of actions the user's Azure RBAC allows on this VM. */
  readonly actions: readonly VmCapability[];
  /** List price per hour (`null` when unknown: the price lookup failed or has no meter for it). */
  readonly price?: VmPrice | null;
  /** Its daily auto-shutdown (`null`: none, or the user may not read it). */
  readonly autoShutdown?: AutoShutdown | null;
}

/** Addresses one VM. `resourceGroup` and `name` compare case-insensitively, as in ARM. */
export interface VmRef {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

/** A subscription that could not be listed (the others still are). */
export interface SubscriptionError {
  readonly subscriptionId: string;
  /** The subscription's display name, when the service knows it (clients show it instead of the id). */
  readonly subscriptionName?: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly armCode?: string;
  readonly details?: AzureErrorDetails;
}

/** `GET /api/vms`. */
export interface VmList {
  readonly vms: readonly Vm[];
  readonly errors: readonly SubscriptionError[];
}
