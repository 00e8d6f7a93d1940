import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import {
  OnBehalfOfCredential,
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import type { TestEmulator } from '../../support/emulator.ts';

export const ARM_SCOPE = 'https://management.azure.com/.default';
export const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
export const PROD = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';

/** The real Azure SDK clients pointed at the emulator, for one credential. */
export interface ArmClients {
  readonly credential: TokenCredential;
  compute(subscriptionId: string): ComputeManagementClient;
  network(subscriptionId: string): NetworkManagementClient;
  readonly subscriptions: SubscriptionClient;
  authorization(subscriptionId: string): AuthorizationManagementClient;
}

/** `OnBehalfOfCredential` for a seeded user: the app exchanges that user's Teams SSO token, as the service does. */
export async function oboCredential(emulator: TestEmulator, user: string): Promise<OnBehalfOfCredential> {
  const { tenant, app } = emulator.context.seed;
  // The constructor overloads omit AuthorityValidationOptions, which the credential honours at run time.
  const options: OnBehalfOfCredentialSecretOptions &
    MultiTenantTokenCredentialOptions &
    AuthorityValidationOptions = {
    tenantId: tenant.id,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    userAssertionToken: await emulator.ssoToken(user),
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
    tlsOptions: emulator.tlsOptions,
  };
  return new OnBehalfOfCredential(options);
}

/** SDK clients for a credential (by default, a user's OBO credential). Retries are fast so 429 tests stay quick. */
export async function clientsFor(
  emulator: TestEmulator,
  user: string | TokenCredential,
): Promise<ArmClients> {
  const credential = typeof user === 'string' ? await oboCredential(emulator, user) : user;
  const common = { endpoint: emulator.url, tlsOptions: emulator.tlsOptions };
  return {
    credential,
    compute: (subscriptionId) => new ComputeManagementClient(credential, subscriptionId, common),
    network: (subscriptionId) =>
      new NetworkManagementClient(credential, subscriptionId, {
        ...common,
        retryOptions: { maxRetries: 0 },
      }),
    subscriptions: new SubscriptionClient(credential, { ...common, credentials: { scopes: [ARM_SCOPE] } }),
    authorization: (subscriptionId) =>
      new AuthorizationManagementClient(credential, subscriptionId, {
        ...common,
        credentialScopes: ARM_SCOPE,
      }),
  };
}

/** Drains an async iterable. */
export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A bearer token for raw HTTP calls, obtained through the credential like any SDK call would. */
export async function bearer(credential: TokenCredential): Promise<Record<string, string>> {
  const token = await credential.getToken(ARM_SCOPE);
  if (!token) throw new Error('no token');
  return { authorization: `Bearer ${token.token}` };
}
