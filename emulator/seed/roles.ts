import type { SeedRoleDefinition } from './types.ts';

/** Built-in Azure roles (ids as in Azure) plus the custom "VM Operator" role. */
export const roleDefinitions: readonly SeedRoleDefinition[] = [
  {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    roleType: 'BuiltInRole',
    actions: ['*'],
    notActions: [],
  },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    roleType: 'BuiltInRole',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
  },
  {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    roleType: 'BuiltInRole',
    actions: ['*/read'],
    notActions: [],
  },
  {
    id: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
    roleName: 'Virtual Machine Contributor',
    roleType: 'BuiltInRole',
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Compute/availabilitySets/*',
      'Microsoft.Compute/locations/*',
      'Microsoft.Compute/virtualMachines/*',
      'Microsoft.Compute/virtualMachineScaleSets/*',
      'Microsoft.Compute/disks/write',
      'Microsoft.Compute/disks/read',
      'Microsoft.Compute/disks/delete',
      'Microsoft.Network/networkInterfaces/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
    ],
    notActions: [],
  },
  {
    id: '40c5ff49-9181-41f8-ae61-143b0e78555e',
    roleName: 'Desktop Virtualization Power On Off Contributor',
    roleType: 'BuiltInRole',
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Compute/virtualMachines/start/action',
      'Microsoft.Compute/virtualMachines/powerOff/action',
      'Microsoft.Compute/virtualMachines/deallocate/action',
      'Microsoft.Compute/virtualMachines/restart/action',
      'Microsoft.Compute/virtualMachines/read',
      'Microsoft.Compute/virtualMachines/instanceView/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
    ],
    notActions: [],
  },
  {
    id: '5d6a2f1e-0c3b-4e8f-9a17-6b2c4d8e1f30',
    roleName: 'VM Operator',
    roleType: 'CustomRole',
    actions: [
      'Microsoft.Compute/virtualMachines/read',
      'Microsoft.Compute/virtualMachines/instanceView/read',
      'Microsoft.Compute/virtualMachines/start/action',
      'Microsoft.Compute/virtualMachines/deallocate/action',
    ],
    notActions: [],
  },
];
