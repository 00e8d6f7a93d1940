import { ManagedIdentityCredential, OnBehalfOfCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { AzureRetryConfig, ClientCredentialConfig } from '../config/settings.ts';

/** Audience of the managed identity token used as the app's client assertion (federated credential). */
export const FEDERATED_ASSERTION_SCOPE = 'api://AzureADTokenExchange/.default';

export interface OboCredentialFactoryOptions {
  readonly clientId: string;
  readonly credential: ClientCredentialConfig;
  /** e.g. `https://login.microsoftonline.com` or the emulator URL. */
  readonly authorityHost: string;
  /** Shared HTTP client (one connection pool for every user). */
  readonly httpClient?: HttpClient;
  /** `{ ca }` in local mode; the same object for every client so the agent is shared. */
  readonly tlsOptions?: { readonly ca: string };
  /** Retry policy for token requests. Default: the SDK's. */
  readonly retryOptions?: AzureRetryConfig;
}

/** Creates one OnBehalfOfCredential per user assertion. */
export type OboCredentialFactory = (userAssertionToken: string, tenantId: string) => TokenCredential;

/**
 * Builds OnBehalfOfCredentials for the configured client credential (secret, certificate, or a
 * user-assigned managed identity whose token is the client assertion). The OBO request goes to
 * the user's own tenant. Instance discovery is off: the authority host is configuration we trust,
 * which is also what lets a local authority work.
 */
export function createOboCredentialFactory(options: OboCredentialFactoryOptions): OboCredentialFactory {
  const common = {
    clientId: options.clientId,
    authorityHost: options.authorityHost,
    disableInstanceDiscovery: true,
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
    ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
  };
  const source = options.credential;
  switch (source.kind) {
    case 'secret':
      return (userAssertionToken, tenantId) =>
        new OnBehalfOfCredential({
          ...common,
          tenantId,
          userAssertionToken,
          clientSecret: source.clientSecret,
        });
    case 'certificate':
      return (userAssertionToken, tenantId) =>
        new OnBehalfOfCredential({
          ...common,
          tenantId,
          userAssertionToken,
          certificatePath: source.certificatePath,
        });
    case 'managedIdentity': {
      const managedIdentity = new ManagedIdentityCredential({ clientId: source.managedIdentityClientId });
      const getAssertion = async () => (await managedIdentity.getToken(FEDERATED_ASSERTION_SCOPE)).token;
      return (userAssertionToken, tenantId) =>
        new OnBehalfOfCredential({ ...common, tenantId, userAssertionToken, getAssertion });
    }
    default: {
      const unreachable: never = source;
      throw new Error(`Unknown client credential ${JSON.stringify(unreachable)}`);
    }
  }
}
