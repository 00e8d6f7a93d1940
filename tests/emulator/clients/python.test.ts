import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_VERSIONS } from '../../../emulator/arm/api-versions.ts';
import { ROOT } from '../../support/paths.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';

/**
 * Black-box tests with clients no one here wrote: Debian's packaged Python SDK (`python3-azure`: azure-identity
 * 1.13, azure-mgmt-compute 29, azure-mgmt-resource 22, azure-mgmt-authorization) and `python3-msal` 1.21, run by
 * Debian's own interpreter against an in-process emulator. The scripts (./python/*.py) are what a developer's
 * existing Azure code looks like — the seed's flow, unchanged but for the authority, endpoint and CA — and print
 * what they observed; the checks are here.
 *
 * `/usr/bin/python3` on purpose: `python3` on PATH may be another Python without the Debian packages. `.ci/run`
 * installs them and sets `EMULATOR_CLIENT_TESTS=required`, which makes their absence a failure; elsewhere the
 * suite is skipped with a note (`EMULATOR_PYTHON` picks another interpreter that has them).
 */
const PYTHON = process.env.EMULATOR_PYTHON ?? '/usr/bin/python3';
const SCRIPTS = join(ROOT, 'tests', 'emulator', 'clients', 'python');
const PROBE =
  'import azure.identity, azure.mgmt.compute, azure.mgmt.resource, azure.mgmt.authorization, msal';
const available = spawnSync(PYTHON, ['-c', PROBE], { stdio: 'ignore' }).status === 0;
const run = promisify(execFile);

/** Python scripts take a second or two each, most of it importing the SDKs. */
const SCRIPT_TIMEOUT_MS = 60_000;

if (!available) {
  const why = `${PYTHON} cannot import the Debian Azure SDK (apt-get install python3-azure python3-msal)`;
  if (process.env.EMULATOR_CLIENT_TESTS === 'required') {
    it('has the Python Azure SDK to test with', () => {
      throw new Error(why);
    });
  } else {
    console.warn(`[tests/emulator/clients] skipped: ${why}`);
  }
}

(available ? describe : describe.skip)('Python clients (Debian python3-azure, python3-msal)', () => {
  let emulator: TestEmulator;
  // Retry-After 1 (not the test default 0): azure-core reads 0 as "none" and falls back to a 30 s poll interval.
  beforeAll(async () => {
    emulator = await startTestEmulator({ lroRetryAfterSeconds: 1 });
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await emulator.call('/_emulator/reset', { method: 'POST' });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function python(script: string): Promise<any> {
    const { stdout } = await run(PYTHON, ['-B', '-s', join(SCRIPTS, script)], {
      cwd: SCRIPTS,
      timeout: SCRIPT_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        EMULATOR_URL: emulator.url,
        REQUESTS_CA_BUNDLE: emulator.caPath,
        NO_PROXY: '127.0.0.1,localhost',
        PYTHONIOENCODING: 'utf-8',
      },
    });
    return JSON.parse(stdout);
  }

  it(
    'OnBehalfOfCredential → resource group, VM list, VM with instance view, start to completion: one OBO request',
    async () => {
      const seen = await python('obo_flow.py');
      expect(seen.oboForFiveGetToken).toBe(1);
      expect(seen.sameToken).toBe(true);
      expect(seen.oboForWholeFlow).toBe(1);
      expect(seen.tokenClaims).toEqual({
        aud: 'https://management.azure.com/',
        scp: 'user_impersonation',
        upn: 'alice@contoso.onmicrosoft.com',
        tid: emulator.context.seed.tenant.id,
        ver: '2.0',
      });
      expect(seen.resourceGroup).toEqual({
        id: `/subscriptions/${seen.subscription.id}/resourceGroups/rg-web`,
        name: 'rg-web',
        type: 'Microsoft.Resources/resourceGroups',
        location: 'westeurope',
        tags: { env: 'dev', app: 'storefront' },
        provisioningState: 'Succeeded',
      });
      expect(seen.resourceGroups).toEqual(['rg-web', 'rg-data']);
      expect(seen.vms).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
      expect(seen.web01).toMatchObject({
        vmSize: 'Standard_B2s',
        statuses: ['ProvisioningState/succeeded', 'PowerState/running'],
      });
      expect(seen.startStatus).toBe('Succeeded');
      expect(seen.web02After).toContain('PowerState/running');
    },
    SCRIPT_TIMEOUT_MS,
  );

  it(
    "bob gets ARM's 403 as HttpResponseError; erin's missing consent is a ClientAuthenticationError (AADSTS65001)",
    async () => {
      const { bob, erin } = await python('access_errors.py');
      expect(bob.vms).toEqual(['web-01', 'web-02']);
      expect(bob.resourceGroups).toEqual(['rg-web']);
      for (const refused of [bob.getSql01, bob.getRgData, bob.startWeb01]) {
        expect(refused).toMatchObject({
          type: 'HttpResponseError',
          status: 403,
          code: 'AuthorizationFailed',
        });
      }
      expect(bob.getRgData.message).toContain(
        "perform action 'Microsoft.Resources/subscriptions/resourceGroups/read' over scope",
      );
      expect(bob.startWeb01.message).toContain("'Microsoft.Compute/virtualMachines/start/action'");
      expect(bob.missingGroup).toEqual({
        type: 'ResourceNotFoundError',
        status: 404,
        code: 'ResourceGroupNotFound',
        message: "Resource group 'rg-gone' could not be found.",
      });
      expect(erin).toMatchObject({
        type: 'ClientAuthenticationError',
        throughClient: 'ClientAuthenticationError',
      });
      expect(erin.message).toMatch(
        /^Authentication failed: AADSTS65001: The user or administrator has not consented/,
      );
      expect(erin.oboRequests).toBeGreaterThanOrEqual(1);
    },
    SCRIPT_TIMEOUT_MS,
  );

  it(
    'MSAL Python: OBO answers with id_token, refresh_token and client_info; the cache answers the next call',
    async () => {
      const seen = await python('msal_obo.py');
      const alice = emulator.context.seed.users.find((u) => u.key === 'alice')!;
      const { tenant, app } = emulator.context.seed;
      expect(seen.keys).toEqual([
        'access_token',
        'client_info',
        'expires_in',
        'ext_expires_in',
        'id_token',
        'refresh_token',
        'scope',
        'token_type',
      ]);
      expect(seen.scope.split(' ')).toEqual(
        expect.arrayContaining([
          'https://management.azure.com/user_impersonation',
          'https://management.azure.com/.default',
          'openid',
          'profile',
          'offline_access',
        ]),
      );
      expect(seen.idTokenClaims).toEqual({
        aud: app.clientId,
        iss: `${emulator.url}/${tenant.id}/v2.0`,
        oid: alice.oid,
        tid: tenant.id,
        preferred_username: alice.upn,
        name: alice.name,
        ver: '2.0',
      });
      expect(seen.idTokenHas).toEqual(expect.arrayContaining(['exp', 'iat', 'nbf', 'sub']));
      expect(seen.accounts).toEqual([{ username: alice.upn, home_account_id: `${alice.oid}.${tenant.id}` }]);
      expect(seen.silentHit).toBe(true);
      expect(seen.oboForTwo).toBe(1);
      expect(seen.aud).toBe('https://management.azure.com/');
      expect(seen.arm).toEqual({ status: 200, count: 1 });
      // azure-cli's ARM scope: the audience is the resource asked for, and ARM takes it as Azure does.
      expect(seen.core).toEqual({
        aud: 'https://management.core.windows.net/',
        scope:
          'https://management.core.windows.net//user_impersonation https://management.core.windows.net//.default ' +
          'offline_access openid profile',
        arm: { status: 200, count: 1 },
      });
      // The app's service principal has no role: ARM authenticates it and lists nothing.
      expect(seen.appOnly).toEqual({
        aud: 'https://management.core.windows.net/',
        idtyp: 'app',
        arm: { status: 200, count: 0 },
      });
    },
    SCRIPT_TIMEOUT_MS,
  );

  it(
    'the SDK at every api-version it ships; an unknown one gets InvalidApiVersionParameter; msrestazure reads the cloud metadata',
    async () => {
      const seen = await python('api_versions.py');
      // azure-mgmt-compute 29 ships 19 versions with virtual machines, 2015-06-15 … 2022-08-01.
      const compute = Object.keys(seen.compute);
      expect(compute.length).toBeGreaterThanOrEqual(19);
      expect(compute).toEqual(expect.arrayContaining(['2015-06-15', '2016-04-30-preview', '2022-08-01']));
      for (const version of compute) {
        expect(API_VERSIONS.compute).toContain(version);
        expect({ version, ...seen.compute[version] }).toEqual({
          version,
          vms: ['build-agent-01', 'sql-01', 'web-01', 'web-02'],
          power: ['PowerState/running'],
        });
      }
      expect(Object.keys(seen.subscriptions)).toEqual(
        expect.arrayContaining(['2016-06-01', '2019-11-01', '2021-01-01']),
      );
      for (const names of Object.values(seen.subscriptions)) expect(names).toEqual(['Contoso Dev']);
      expect(Object.keys(seen.resourceGroups).length).toBeGreaterThanOrEqual(16);
      for (const [version, name] of Object.entries(seen.resourceGroups)) {
        expect(API_VERSIONS.resourceGroups).toContain(version);
        expect({ version, name }).toEqual({ version, name: 'rg-web' });
      }
      for (const actions of Object.values(seen.permissions)) {
        expect(actions).toEqual(expect.arrayContaining(['Microsoft.Compute/virtualMachines/*']));
      }
      expect(seen.unknownVersion).toEqual({
        status: 400,
        body: {
          error: {
            code: 'InvalidApiVersionParameter',
            message: `The api-version '2099-01-01' is invalid. The supported versions are '${API_VERSIONS.resourceGroups.join(',')}'.`,
          },
        },
      });
      expect(seen.cloud).toEqual({
        active_directory: `${emulator.url}/`,
        active_directory_resource_id: 'https://management.core.windows.net/',
        active_directory_graph_resource_id: 'https://graph.windows.net/',
        gallery: 'https://gallery.azure.com/',
        management: emulator.url,
      });
    },
    SCRIPT_TIMEOUT_MS,
  );
});
