import { apiPaths, ARM_DELEGATED_SCOPE, type ClientConfig } from '../../../contract/index.ts';

/** `GET /client-config.json`, as the contract defines it. */
export type { ClientConfig };

/** Azure Resource Manager's delegated scope: what the consent popup asks the user to grant. */
export const ARM_SCOPE = ARM_DELEGATED_SCOPE;

export class ClientConfigError extends Error {
  readonly code = 'InvalidClientConfig';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClientConfigError';
  }
}

/** Validates the JSON of `/client-config.json`. Throws ClientConfigError naming the bad field. */
export function parseClientConfig(value: unknown): ClientConfig {
  if (typeof value !== 'object' || value === null)
    throw new ClientConfigError('client config is not an object');
  const v = value as Record<string, unknown>;
  const str = (key: string, required = true): string | undefined => {
    const field = v[key];
    if (field === undefined && !required) return undefined;
    if (typeof field !== 'string' || field.length === 0)
      throw new ClientConfigError(`client config: '${key}' must be a non-empty string`);
    return field;
  };
  const authority = str('authority')!;
  if (!/^https:\/\//i.test(authority))
    throw new ClientConfigError(`client config: 'authority' must be an https URL`);
  const scopes = v.scopes;
  if (
    !Array.isArray(scopes) ||
    scopes.length === 0 ||
    !scopes.every((s) => typeof s === 'string' && s.length > 0)
  ) {
    throw new ClientConfigError(`client config: 'scopes' must be a non-empty array of strings`);
  }
  const emulatorUrl = str('emulatorUrl', false);
  const teamsClientId = str('teamsClientId', false);
  return {
    clientId: str('clientId')!,
    tenantId: str('tenantId')!,
    authority: authority.replace(/\/+$/, ''),
    identifierUri: str('identifierUri')!,
    scopes: scopes as string[],
    localMode: v.localMode === true,
    ...(emulatorUrl !== undefined && { emulatorUrl }),
    ...(teamsClientId !== undefined && { teamsClientId }),
  };
}

export interface LoadClientConfigOptions {
  /** Default `/client-config.json` (same origin as the tab). */
  readonly url?: string;
  /** Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
}

export async function loadClientConfig(options: LoadClientConfigOptions = {}): Promise<ClientConfig> {
  const { url = apiPaths.clientConfig, fetch: fetchFn = globalThis.fetch.bind(globalThis) } = options;
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (error) {
    throw new ClientConfigError(`could not load ${url}: the service is unreachable`, { cause: error });
  }
  if (!response.ok) throw new ClientConfigError(`could not load ${url}: HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new ClientConfigError(`${url} is not JSON`, { cause: error });
  }
  return parseClientConfig(body);
}
