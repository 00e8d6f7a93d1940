import { describe, expect, it } from '@jest/globals';
import {
  ClientConfigError,
  loadClientConfig,
  parseClientConfig,
} from '../../../tab/src/config/client-config.ts';

const valid = {
  clientId: 'c',
  tenantId: 't',
  authority: 'https://127.0.0.1:4443/t/',
  identifierUri: 'api://localhost/botid-c',
  scopes: ['api://localhost/botid-c/access_as_user'],
  localMode: true,
  emulatorUrl: 'https://127.0.0.1:4443',
};

describe('client config', () => {
  it('parses the agreed shape and trims the authority', () => {
    expect(parseClientConfig(valid)).toEqual({ ...valid, authority: 'https://127.0.0.1:4443/t' });
    expect(parseClientConfig({ ...valid, localMode: 'yes', emulatorUrl: undefined }).localMode).toBe(false);
  });

  it.each([
    [null, /not an object/],
    [{ ...valid, clientId: '' }, /'clientId'/],
    [{ ...valid, authority: 'http://login' }, /'authority' must be an https URL/],
    [{ ...valid, scopes: [] }, /'scopes'/],
    [{ ...valid, teamsClientId: 5 }, /'teamsClientId'/],
  ])('refuses %j', (value, message) => {
    expect(() => parseClientConfig(value)).toThrow(message);
  });

  it('reports an unreachable or failing service', async () => {
    await expect(
      loadClientConfig({ fetch: async () => Promise.reject(new TypeError('down')) }),
    ).rejects.toBeInstanceOf(ClientConfigError);
    await expect(
      loadClientConfig({ fetch: async () => new Response('no', { status: 500 }) }),
    ).rejects.toThrow(/HTTP 500/);
    await expect(
      loadClientConfig({ fetch: async () => new Response(JSON.stringify(valid), { status: 200 }) }),
    ).resolves.toMatchObject({ clientId: 'c' });
  });
});
