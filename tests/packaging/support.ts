import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeEnvironment, resolvePlaceholders, type TeamsManifest } from '../../scripts/package-app.ts';
import { ROOT } from '../support/paths.ts';

export { ROOT };

export const readText = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
export const readJson = <T = unknown>(path: string): T => JSON.parse(readText(path)) as T;

/**
 * What `atk provision --env dev` writes to env/.env.dev (made-up ids and host), so the dev templates can be
 * resolved and checked without a tenant.
 */
export const PROVISIONED_DEV: Readonly<Record<string, string>> = {
  AZURE_SUBSCRIPTION_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  AZURE_RESOURCE_GROUP_NAME: 'rg-vm-manager-dev',
  AAD_APP_CLIENT_ID: 'c0ffee00-1111-4222-8333-444455556666',
  AAD_APP_OBJECT_ID: 'c0ffee00-aaaa-4bbb-8ccc-dddddddddddd',
  AAD_APP_TENANT_ID: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
  AAD_APP_OAUTH_AUTHORITY: 'https://login.microsoftonline.com/72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
  AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  TEAMS_APP_ID: '9a8b7c6d-5e4f-4321-8fed-cba987654321',
  AZURE_APP_SERVICE_RESOURCE_ID:
    '/subscriptions/3f2504e0-4f89-41d3-9a0c-0305e82c3301/resourceGroups/rg-vm-manager-dev/providers/Microsoft.Web/sites/vmm-dev-abc123',
  TAB_DOMAIN: 'vmm-dev-abc123.azurewebsites.net',
  TAB_ENDPOINT: 'https://vmm-dev-abc123.azurewebsites.net',
  BOT_DOMAIN: 'vmm-dev-abc123.azurewebsites.net',
  BOT_ID: 'b07b07b0-7777-4888-9999-000011112222',
  BOT_TENANT_ID: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
  MANAGED_IDENTITY_CLIENT_ID: 'b07b07b0-7777-4888-9999-000011112222',
  MANAGED_IDENTITY_PRINCIPAL_ID: 'e1e2e3e4-5555-4666-8777-888899990000',
  FEDERATED_CREDENTIAL_ISSUER: 'https://login.microsoftonline.com/72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11/v2.0',
  KEY_VAULT_NAME: 'kvabc123',
  BOT_OAUTH_UNIQUE_IDENTIFIER: 'vmm-dev-TeamsSso',
};

/** An environment's variables from its committed env file (never the machine's environment), plus overrides. */
export function environment(
  name: string,
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return mergeEnvironment(name, { envFile: readText(`env/.env.${name}`), processEnv: overrides });
}

/** appPackage/manifest.json with an environment's values substituted. */
export function resolvedManifest(
  name: string,
  overrides: Readonly<Record<string, string>> = {},
): TeamsManifest {
  return JSON.parse(
    resolvePlaceholders(readText('appPackage/manifest.json'), environment(name, overrides)),
  ) as TeamsManifest;
}

/** The committed env file's keys (declared, possibly empty). */
export function declaredKeys(name: string): Set<string> {
  return new Set(Object.keys(environment(name)));
}
