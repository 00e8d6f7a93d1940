import { roleDefinitions } from './roles.ts';
import type { Seed } from './types.ts';

const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const PROD = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
const CLIENT_ID = '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c';
const vm = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

const ubuntu = { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' } as const;
const windows = {
  publisher: 'MicrosoftWindowsServer',
  offer: 'WindowsServer',
  sku: '2022-datacenter-azure-edition',
} as const;

/** The default cast: tenant `contoso`, subscriptions Contoso Dev / Contoso Prod, users alice…erin. */
export const defaultSeed: Seed = {
  tenant: {
    id: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
    name: 'contoso',
    domain: 'contoso.onmicrosoft.com',
  },
  app: {
    displayName: 'VM Manager for Teams (local)',
    clientId: CLIENT_ID,
    clientSecret: 'local-dev-secret-not-for-production',
    identifierUri: `api://localhost/botid-${CLIENT_ID}`,
    scope: 'access_as_user',
    redirectUris: ['http://localhost', 'https://localhost', 'http://127.0.0.1', 'https://127.0.0.1'],
  },
  teamsClientId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  users: [
    {
      key: 'alice',
      name: 'Alice Wong',
      upn: 'alice@contoso.onmicrosoft.com',
      oid: 'a11ce000-0000-4000-8000-000000000001',
      consented: true,
    },
    {
      key: 'bob',
      name: 'Bob Martin',
      upn: 'bob@contoso.onmicrosoft.com',
      oid: 'b0b00000-0000-4000-8000-000000000002',
      consented: true,
    },
    {
      key: 'carol',
      name: 'Carol Diaz',
      upn: 'carol@contoso.onmicrosoft.com',
      oid: 'ca401000-0000-4000-8000-000000000003',
      consented: true,
    },
    {
      key: 'dave',
      name: 'Dave Okafor',
      upn: 'dave@contoso.onmicrosoft.com',
      oid: 'da7e0000-0000-4000-8000-000000000004',
      consented: true,
    },
    {
      key: 'erin',
      name: 'Erin Novak',
      upn: 'erin@contoso.onmicrosoft.com',
      oid: 'e4140000-0000-4000-8000-000000000005',
      consented: false,
    },
  ],
  subscriptions: [
    {
      subscriptionId: DEV,
      displayName: 'Contoso Dev',
      resourceGroups: [
        {
          name: 'rg-web',
          location: 'westeurope',
          tags: { env: 'dev', app: 'storefront' },
          vms: [
            {
              name: 'web-01',
              size: 'Standard_B2s',
              osType: 'Linux',
              image: ubuntu,
              powerState: 'running',
              tags: { env: 'dev', app: 'storefront', owner: 'alice' },
              // The public IP lives in another resource group than the NIC (bob, Reader on rg-web, can't read it).
              networkInterfaces: [
                {
                  name: 'web-01-nic',
                  privateIpAddress: '10.1.0.4',
                  publicIp: {
                    name: 'web-01-ip',
                    resourceGroup: 'rg-data',
                    allocation: 'Static',
                    ipAddress: '20.105.21.17',
                    domainNameLabel: 'contoso-web-01',
                  },
                },
              ],
            },
            {
              name: 'web-02',
              size: 'Standard_B2s',
              osType: 'Linux',
              image: ubuntu,
              powerState: 'deallocated',
              tags: { env: 'dev', app: 'storefront', owner: 'bob' },
              // NIC and (dynamic) public IP in rg-data: bob may run web-02 but not read its NIC.
              networkInterfaces: [
                {
                  name: 'web-02-nic',
                  resourceGroup: 'rg-data',
                  privateIpAddress: '10.1.0.5',
                  publicIp: {
                    name: 'web-02-ip',
                    allocation: 'Dynamic',
                    ipAddress: '20.105.33.84',
                    domainNameLabel: 'contoso-web-02',
                  },
                },
              ],
            },
          ],
        },
        {
          name: 'rg-data',
          location: 'westeurope',
          tags: { env: 'dev' },
          vms: [
            {
              name: 'sql-01',
              size: 'Standard_E4s_v5',
              osType: 'Windows',
              image: windows,
              powerState: 'stopped',
              tags: { env: 'dev', app: 'orders-db' },
              adminUsername: 'sqladmin',
              networkInterfaces: [
                {
                  name: 'sql-01-nic',
                  privateIpAddress: '10.1.1.4',
                  publicIp: { name: 'sql-01-ip', allocation: 'Static', ipAddress: '20.105.40.12' },
                },
              ],
            },
            {
              name: 'build-agent-01',
              size: 'Standard_D4s_v5',
              osType: 'Linux',
              image: ubuntu,
              powerState: 'running',
              tags: { env: 'dev', role: 'ci' },
              location: 'northeurope',
              zone: '2',
            },
          ],
        },
      ],
    },
    {
      subscriptionId: PROD,
      displayName: 'Contoso Prod',
      resourceGroups: [
        {
          name: 'rg-app',
          location: 'eastus2',
          tags: { env: 'prod' },
          vms: [
            {
              name: 'app-01',
              size: 'Standard_D8s_v5',
              osType: 'Linux',
              image: ubuntu,
              powerState: 'running',
              tags: { env: 'prod', app: 'storefront' },
              zone: '1',
              networkInterfaces: [
                {
                  name: 'app-01-nic',
                  publicIp: {
                    name: 'app-01-ip',
                    allocation: 'Static',
                    ipAddress: '20.96.110.23',
                    domainNameLabel: 'contoso-app-01',
                  },
                },
              ],
            },
            {
              name: 'app-02',
              size: 'Standard_D8s_v5',
              osType: 'Linux',
              image: ubuntu,
              powerState: 'running',
              tags: { env: 'prod', app: 'storefront' },
            },
            {
              name: 'app-03',
              size: 'Standard_D4s_v5',
              osType: 'Windows',
              image: windows,
              powerState: 'deallocated',
              tags: { env: 'prod', app: 'reporting' },
              // A VM without network interfaces: its details say so instead of failing.
              networkInterfaces: [],
            },
          ],
        },
      ],
    },
  ],
  roleDefinitions,
  roleAssignments: [
    { user: 'alice', role: 'Virtual Machine Contributor', scope: `/subscriptions/${DEV}` },
    { user: 'bob', role: 'Reader', scope: `/subscriptions/${DEV}/resourceGroups/rg-web` },
    {
      user: 'bob',
      role: 'Desktop Virtualization Power On Off Contributor',
      scope: vm(DEV, 'rg-web', 'web-02'),
    },
    { user: 'dave', role: 'Owner', scope: `/subscriptions/${PROD}` },
    { user: 'dave', role: 'Reader', scope: `/subscriptions/${DEV}` },
    { user: 'erin', role: 'Virtual Machine Contributor', scope: `/subscriptions/${DEV}` },
  ],
};
