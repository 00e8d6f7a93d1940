/**
 * Lists alice's virtual machines with their power states, then starts web-02 and waits for it — against the
 * local emulator, with nothing but the public Azure SDKs, the way the product talks to Azure:
 *
 *   Teams SSO token ─▶ OnBehalfOfCredential (@azure/identity) ─▶ ARM token of the user
 *                   ─▶ SubscriptionClient / ComputeManagementClient, as the user
 *
 *   npm run emulator            # in one terminal
 *   npm run example             # in another
 *
 * Environment: EMULATOR_URL (default https://127.0.0.1:4443). The emulator's CA is read from EMULATOR_CA_PATH
 * (default .emulator/ca.pem, where `npm run emulator` creates it) and given to every client as `tlsOptions`;
 * without that file, Node's trust store must hold it (NODE_EXTRA_CA_CERTS=<state folder>/ca.pem).
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { ComputeManagementClient, type VirtualMachine } from '@azure/arm-compute';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import {
  OnBehalfOfCredential,
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';

const USER = 'alice';
const VM_TO_START = 'web-02';
const ARM_SCOPE = 'https://management.azure.com/.default';

/** What `GET /_emulator/config` tells a client (in Azure: your tenant and your app registration). */
interface EmulatorConfig {
  readonly tenantId: string;
  readonly authorityHost: string;
  readonly armEndpoint: string;
  readonly app: { readonly clientId: string; readonly clientSecret: string };
}

async function main(): Promise<void> {
  const emulatorUrl = process.env.EMULATOR_URL ?? 'https://127.0.0.1:4443';
  const ca = await readFile(process.env.EMULATOR_CA_PATH ?? '.emulator/ca.pem', 'utf8').catch(
    () => undefined,
  );
  const tlsOptions = ca ? { ca } : undefined;
  const emulator = controlApi(emulatorUrl, ca);

  // 1. Where Entra ID and ARM are, and the app registration.
  const config = await emulator<EmulatorConfig>('/_emulator/config').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `Cannot read ${emulatorUrl}/_emulator/config (${error.code ?? error.message}). ` +
        'Is `npm run emulator` running, and is its CA at EMULATOR_CA_PATH (default .emulator/ca.pem)?',
    );
  });

  // 2. The token Teams would hand the app for the signed-in user.
  const { access_token: ssoToken } = await emulator<{ access_token: string }>('/_emulator/token', {
    user: USER,
  });

  // 3. Exchanged on behalf of the user. `disableInstanceDiscovery` keeps MSAL on the emulator's authority (the
  //    constructor's overloads omit AuthorityValidationOptions, which the credential honours).
  const credentialOptions: OnBehalfOfCredentialSecretOptions &
    MultiTenantTokenCredentialOptions &
    AuthorityValidationOptions = {
    tenantId: config.tenantId,
    clientId: config.app.clientId,
    clientSecret: config.app.clientSecret,
    userAssertionToken: ssoToken,
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions,
  };
  const credential = new OnBehalfOfCredential(credentialOptions);
  const clientOptions = { endpoint: config.armEndpoint, tlsOptions };

  // 4. Every subscription the user can see, and every VM in it with its power state (statusOnly=true).
  const subscriptions = new SubscriptionClient(credential, {
    ...clientOptions,
    credentials: { scopes: [ARM_SCOPE] },
  });
  let target: { compute: ComputeManagementClient; resourceGroup: string } | undefined;
  for await (const subscription of subscriptions.subscriptions.list()) {
    console.log(`${subscription.displayName} (${subscription.subscriptionId})`);
    const compute = new ComputeManagementClient(credential, subscription.subscriptionId!, clientOptions);
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' })) {
      const resourceGroup = /\/resourceGroups\/([^/]+)\//i.exec(vm.id ?? '')?.[1] ?? '';
      const size = vm.hardwareProfile?.vmSize ?? '';
      console.log(
        `  ${`${resourceGroup}/${vm.name}`.padEnd(24)} ${size.padEnd(18)} ${powerState(vm.instanceView)}`,
      );
      if (vm.name === VM_TO_START) target = { compute, resourceGroup };
    }
  }
  if (!target) throw new Error(`${USER} cannot see a VM named ${VM_TO_START}.`);

  // 5. Start it: ARM accepts the long-running operation (202); the poller follows it to the end.
  console.log(`Starting ${VM_TO_START} as ${USER}…`);
  const { compute, resourceGroup } = target;
  const poller = compute.virtualMachines.start(resourceGroup, VM_TO_START);
  poller.onProgress((state) => console.log(`  operation ${state.status}`));
  await poller.pollUntilDone();
  const view = await compute.virtualMachines.instanceView(resourceGroup, VM_TO_START);
  console.log(`${VM_TO_START} is now ${powerState(view)}`);
}

/** `running` from an instance view's `PowerState/running` status. */
function powerState(instanceView: VirtualMachine['instanceView']): string {
  const code = instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;
  return code?.slice('PowerState/'.length) ?? 'unknown';
}

/** The emulator's control API (`/_emulator/*`, not part of Azure): HTTPS + JSON, trusting its CA. */
function controlApi(baseUrl: string, ca: string | undefined) {
  return <T>(path: string, body?: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = payload ? { 'content-type': 'application/json' } : undefined;
      const req = request(`${baseUrl}${path}`, { method: payload ? 'POST' : 'GET', headers, ca }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text) as T)
            : reject(new Error(`${path}: ${res.statusCode} ${text}`)),
        );
      });
      req.on('error', reject);
      req.end(payload);
    });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
