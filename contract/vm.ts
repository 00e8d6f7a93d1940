import type { ErrorCode } from './errors.ts';

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
  readonly actions: readonly VmAction[];
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
}

/** `GET /api/vms`. */
export interface VmList {
  readonly vms: readonly Vm[];
  readonly errors: readonly SubscriptionError[];
}
