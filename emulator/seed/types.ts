/**
 * The emulator's seed: the tenant, the app registration, users, subscriptions, VMs and role
 * assignments it starts with. Plain data, no behaviour; the Entra and ARM handlers read it.
 */

export type SeedPowerState = 'running' | 'stopped' | 'deallocated';

export interface SeedTenant {
  /** Directory (tenant) id, a GUID. Routes accept it or `domain`. */
  readonly id: string;
  /** Short name used in docs and tests, e.g. `contoso`. */
  readonly name: string;
  /** Verified domain, e.g. `contoso.onmicrosoft.com`. */
  readonly domain: string;
}

export interface SeedApp {
  readonly displayName: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Application ID URI, `api://localhost/botid-{clientId}`. */
  readonly identifierUri: string;
  /** Delegated scope exposed by the app (tab + bot SSO), `access_as_user`. */
  readonly scope: string;
  /** Redirect URIs allowed for the authorization code flow (prefix match on origin + path). */
  readonly redirectUris: readonly string[];
}

export interface SeedUser {
  /** Short key used by tests and the control API: `alice`, `bob`, … */
  readonly key: string;
  readonly name: string;
  readonly upn: string;
  readonly oid: string;
  /** Has the user consented to the app's delegated permission on Azure Service Management? */
  readonly consented: boolean;
}

export interface SeedVm {
  readonly name: string;
  readonly size: string;
  readonly osType: 'Linux' | 'Windows';
  readonly image: { readonly publisher: string; readonly offer: string; readonly sku: string };
  readonly powerState: SeedPowerState;
  readonly tags?: Readonly<Record<string, string>>;
  /** Defaults to the resource group's location. */
  readonly location?: string;
  /** Stable `vmId` GUID; generated from the name when absent. */
  readonly vmId?: string;
  /** Availability zone (`"1"`, `"2"`, `"3"`); absent for a regional VM. */
  readonly zone?: string;
  /** Admin account of `osProfile` (default `azureuser`). */
  readonly adminUsername?: string;
  /**
   * Its network interfaces, primary first. Absent: one NIC `{name}-nic` in the VM's resource group with a private
   * address and no public one (what most seeded VMs need). `[]`: a VM without NICs.
   */
  readonly networkInterfaces?: readonly SeedNetworkInterface[];
}

/** A NIC attached to a seeded VM (Microsoft.Network/networkInterfaces), with one IP configuration. */
export interface SeedNetworkInterface {
  readonly name: string;
  /** Defaults to the VM's resource group; must be a group of the same subscription. */
  readonly resourceGroup?: string;
  /** Defaults to an address derived from the NIC's id in 10.0.0.0/16. */
  readonly privateIpAddress?: string;
  readonly publicIp?: SeedPublicIp;
}

/** A public IP address (Microsoft.Network/publicIPAddresses) associated with a seeded NIC. */
export interface SeedPublicIp {
  readonly name: string;
  /** Defaults to the NIC's resource group (it may be another group, as in Azure). */
  readonly resourceGroup?: string;
  /** `Dynamic`: Azure releases the address while the VM is deallocated and assigns it again on start. */
  readonly allocation: 'Static' | 'Dynamic';
  /** The address it has (while allocated, for a dynamic one). */
  readonly ipAddress: string;
  /** `dnsSettings.domainNameLabel`: the FQDN is `{label}.{location}.cloudapp.azure.com`. */
  readonly domainNameLabel?: string;
  /** Default `Standard` for static addresses, `Basic` for dynamic ones (Standard is always static). */
  readonly sku?: 'Basic' | 'Standard';
}

export interface SeedResourceGroup {
  readonly name: string;
  readonly location: string;
  /** The group's own tags (ARM omits `tags` for a group that has none). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly vms: readonly SeedVm[];
}

export interface SeedSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly resourceGroups: readonly SeedResourceGroup[];
}

export interface SeedRoleDefinition {
  /** Role definition GUID (built-in roles use Azure's ids). */
  readonly id: string;
  readonly roleName: string;
  readonly roleType: 'BuiltInRole' | 'CustomRole';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
}

export interface SeedRoleAssignment {
  /** SeedUser.key */
  readonly user: string;
  /** SeedRoleDefinition.roleName */
  readonly role: string;
  /** ARM scope: `/subscriptions/{id}`, `/subscriptions/{id}/resourceGroups/{rg}` or a VM id. */
  readonly scope: string;
}

export interface Seed {
  readonly tenant: SeedTenant;
  readonly app: SeedApp;
  /** The Teams client application id that appears as `azp` in SSO tokens. */
  readonly teamsClientId: string;
  readonly users: readonly SeedUser[];
  readonly subscriptions: readonly SeedSubscription[];
  readonly roleDefinitions: readonly SeedRoleDefinition[];
  readonly roleAssignments: readonly SeedRoleAssignment[];
}
