/** The default seed's cast, as the tests refer to it. */
export const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
export const PROD = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
export const TENANT = '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11';
export const CLIENT_ID = '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c';
export const OIDS = {
  alice: 'a11ce000-0000-4000-8000-000000000001',
  bob: 'b0b00000-0000-4000-8000-000000000002',
  carol: 'ca401000-0000-4000-8000-000000000003',
  dave: 'da7e0000-0000-4000-8000-000000000004',
  erin: 'e4140000-0000-4000-8000-000000000005',
} as const;

export const vmId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
export const vmPath = (sub: string, rg: string, name: string) => `/api/vms/${sub}/${rg}/${name}`;
