/**
 * The slices of ARM resources the product reads, as plain structural types. The SDK models
 * (`@azure/arm-compute` VirtualMachine, …) are assignable to them, and the pure mappers in
 * src/vms take these, so they are testable without the SDK.
 */

export interface ArmInstanceViewStatus {
  readonly code?: string;
  readonly level?: string;
  readonly displayStatus?: string;
  readonly time?: Date | string;
}

export interface ArmVirtualMachine {
  readonly id?: string;
  readonly name?: string;
  readonly location?: string;
  readonly tags?: Record<string, string>;
  /** The SDK flattens ARM's `properties` envelope onto the resource. */
  readonly provisioningState?: string;
  readonly hardwareProfile?: { readonly vmSize?: string };
  readonly storageProfile?: { readonly osDisk?: { readonly osType?: string } };
  readonly instanceView?: { readonly statuses?: readonly ArmInstanceViewStatus[] };
}

export interface ArmSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state?: string;
}

/** One entry of `…/providers/Microsoft.Authorization/permissions`: the caller's effective rights. */
export interface ArmPermission {
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
}

/** Where permissions are asked: a subscription, a resource group, or one VM. */
export type PermissionScope =
  | { readonly kind: 'subscription'; readonly subscriptionId: string }
  | { readonly kind: 'resourceGroup'; readonly subscriptionId: string; readonly resourceGroup: string }
  | {
      readonly kind: 'vm';
      readonly subscriptionId: string;
      readonly resourceGroup: string;
      readonly name: string;
    };
