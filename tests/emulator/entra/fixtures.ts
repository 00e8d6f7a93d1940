import { expect } from '@jest/globals';
import { OnBehalfOfCredential } from '@azure/identity';
import { createLocalJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { TestEmulator } from '../../support/emulator.ts';

/** The agreed `/_emulator/config` shape, as tests read it. */
export interface EmulatorConfig {
  tenantId: string;
  tenantDomain: string;
  authorityHost: string;
  armEndpoint: string;
  caPath: string;
  app: { clientId: string; clientSecret: string; identifierUri: string; scope: string };
  users: { key: string; name: string; upn: string; oid: string }[];
  teamsClientId: string;
  managedIdentity: { clientId: string; principalId: string; resourceId: string };
}

export const ARM_SCOPE = 'https://management.azure.com/.default';

export async function configOf(emulator: TestEmulator): Promise<EmulatorConfig> {
  return (await emulator.call('/_emulator/config')).json<EmulatorConfig>();
}

export interface OboOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly tenantId?: string;
  readonly getAssertion?: () => Promise<string>;
}

/** An OnBehalfOfCredential pointed at the emulator, exactly as the service builds it in local mode. */
export function oboCredential(
  emulator: TestEmulator,
  config: EmulatorConfig,
  userAssertionToken: string,
  options: OboOptions = {},
): OnBehalfOfCredential {
  const common = {
    tenantId: options.tenantId ?? config.tenantId,
    clientId: options.clientId ?? config.app.clientId,
    userAssertionToken,
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emulator.ca },
  };
  return options.getAssertion
    ? new OnBehalfOfCredential({ ...common, getAssertion: options.getAssertion })
    : new OnBehalfOfCredential({ ...common, clientSecret: options.clientSecret ?? config.app.clientSecret });
}

/** Verifies a token against the emulator's served JWKS (fetched over HTTPS). */
export async function verifyWithServedJwks(
  emulator: TestEmulator,
  config: EmulatorConfig,
  token: string,
  options: JWTVerifyOptions = {},
): Promise<JWTPayload> {
  const jwks = (await emulator.call(`/${config.tenantId}/discovery/v2.0/keys`)).json();
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ['RS256'],
    issuer: `${emulator.url}/${config.tenantId}/v2.0`,
    ...options,
  });
  return payload;
}

/** Entra's error body shape, for `toMatchObject`. */
export function entraError(code: number, error: string, extra: Record<string, unknown> = {}) {
  return {
    error,
    error_description: expect.stringMatching(
      new RegExp(
        `^AADSTS${code}: .+ Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
      ),
    ),
    error_codes: [code],
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
    trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    ...extra,
  };
}
