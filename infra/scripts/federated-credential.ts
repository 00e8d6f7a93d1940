/**
 * Trusts the web app's user-assigned managed identity as a federated identity credential of the app registration,
 * so the service's On-Behalf-Of requests need no secret: OnBehalfOfCredential's `getAssertion` presents the
 * identity's token for `api://AzureADTokenExchange` as the client assertion.
 *
 * ARM (and so infra/azure.bicep) cannot add a credential to an app registration; the Microsoft Graph Bicep
 * extension can, but only for applications it manages by `uniqueName`, which aadApp/create does not set. So
 * `atk provision` runs this script after arm/deploy. It is idempotent: it creates the credential, updates it when
 * the identity changed, or does nothing. It exits 0 only after one of those; anything else (a bad or missing
 * option, `az` missing or refusing) exits non-zero with the reason on stderr, so provisioning stops there.
 *
 *   npm exec --no -- node infra/scripts/federated-credential.ts --app-id <client id> --issuer <issuer> --subject <principal id>
 *
 * With `--token-service <unique identifier> --tenant <tenant id>` instead of `--subject`, it trusts the Bot Framework
 * token service for the Azure Bot's OAuth connection (provider "AAD v2 with Federated Credentials", no client
 * secret): the subject is `/eid1/c/pub/t/{tenant}/a/{token service}/{unique identifier}` as Microsoft documents it
 * (learn.microsoft.com, azure-bot-user-authorization-federated-credentials), where the tenant and the token
 * service's app id are base64url of the GUIDs' bytes (.NET `Guid.ToByteArray()` order) and the unique identifier is
 * the connection's `UniqueIdentifier` parameter (infra/azure.bicep output BOT_OAUTH_UNIQUE_IDENTIFIER).
 *
 * `npm exec` runs it on the project's Node (node_modules/.bin/node, the `node` devDependency), as teamsapp.yml does.
 * Needs the Azure CLI signed in to the app registration's tenant (`az login --tenant …`) as an owner of the app
 * registration or an Application Administrator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryModule } from './entry.ts';

/** The audience Entra ID expects in a managed identity token used as a client assertion (public cloud). */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** Name of the credential this script manages on the app registration. */
export const CREDENTIAL_NAME = 'vm-manager-web-app-identity';
/** Name of the credential that trusts the Bot Framework token service (`--token-service`). */
export const TOKEN_SERVICE_CREDENTIAL_NAME = 'vm-manager-bot-token-service';
/**
 * The Bot Service Token Store's app id as the subject encodes it (base64url of its GUID bytes), from Microsoft's
 * table of supported first-party applications (`9ExAW52n_ky4ZiS_jhpJIQ` = 5b404cf4-a79d-4cfe-b866-24bf8e1a4921).
 */
export const BOT_TOKEN_STORE_ENCODED = '9ExAW52n_ky4ZiS_jhpJIQ';

export interface FederatedCredential {
  /** Graph object id; present on existing credentials. */
  readonly id?: string;
  readonly name: string;
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
  readonly description?: string;
}

export type CredentialPlan =
  | { readonly action: 'none'; readonly reason: string }
  | { readonly action: 'create'; readonly credential: FederatedCredential }
  | { readonly action: 'update'; readonly id: string; readonly credential: FederatedCredential };

const sameAudiences = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

/**
 * Decides what to do given the app registration's existing credentials. Pure. Entra ID refuses two credentials
 * with the same issuer and subject, so one under another name that already trusts the identity counts as done.
 * Subjects compare exactly: Entra ID matches them case-sensitively.
 */
export function planFederatedCredential(
  existing: readonly FederatedCredential[],
  desired: FederatedCredential,
): CredentialPlan {
  const named = existing.find((c) => c.name === desired.name);
  const trusting = existing.find(
    (c) =>
      c.issuer === desired.issuer &&
      c.subject === desired.subject &&
      c.audiences.includes(TOKEN_EXCHANGE_AUDIENCE),
  );
  if (named && trusting === named && sameAudiences(named.audiences, desired.audiences)) {
    return { action: 'none', reason: `credential "${desired.name}" already trusts ${desired.subject}` };
  }
  if (trusting && trusting !== named) {
    return { action: 'none', reason: `credential "${trusting.name}" already trusts ${desired.subject}` };
  }
  if (named) {
    if (!named.id) throw new Error(`credential "${named.name}" has no id`);
    return { action: 'update', id: named.id, credential: desired };
  }
  return { action: 'create', credential: desired };
}

export const USAGE =
  'usage: npm exec --no -- node infra/scripts/federated-credential.ts --app-id <client id> --issuer <issuer> ' +
  '(--subject <principal id> | --token-service <unique identifier> --tenant <tenant id>)';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the connection's unique identifier may hold here: one subject path segment. */
const UNIQUE_IDENTIFIER = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * base64url (no padding) of a GUID's 16 bytes in .NET `Guid.ToByteArray()` order: the first three groups
 * little-endian, the last two as written. Pure.
 */
export function encodeGuid(guid: string): string {
  if (!GUID.test(guid)) throw new Error(`not a GUID: ${guid}`);
  const hex = guid.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  const ordered = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8),
  ]);
  return ordered.toString('base64url');
}

/** The subject Entra ID sees from the Bot Framework token service for an OAuth connection. Pure. */
export function tokenServiceSubject(tenantId: string, uniqueIdentifier: string): string {
  return `/eid1/c/pub/t/${encodeGuid(tenantId)}/a/${BOT_TOKEN_STORE_ENCODED}/${uniqueIdentifier}`;
}

export interface CliOptions {
  readonly appId: string;
  readonly credential: FederatedCredential;
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        'app-id': { type: 'string' },
        issuer: { type: 'string' },
        subject: { type: 'string' },
        'token-service': { type: 'string' },
        tenant: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    // `--app-id --issuer …`: a value went missing (an empty variable), which parseArgs calls "ambiguous".
    const { code, message } = error as { code?: unknown; message?: unknown };
    const option = /'(--[\w-]+)/.exec(String(message))?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
      throw new Error(`${option} has no value (is the variable that should fill it empty?)`, {
        cause: error,
      });
    throw error;
  }
}

/** Parses and checks the command line. Throws a usage error naming the bad option. */
export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseOptions(argv);
  const appId = values['app-id'] ?? '';
  const issuer = values.issuer ?? '';
  if (!GUID.test(appId)) throw new Error("--app-id must be the app registration's client id (a GUID)");
  if (!URL.canParse(issuer) || new URL(issuer).protocol !== 'https:') {
    throw new Error(
      '--issuer must be the https issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0',
    );
  }
  const tokenService = values['token-service'];
  if (tokenService !== undefined) {
    if (values.subject !== undefined) throw new Error('--subject and --token-service exclude each other');
    if (!UNIQUE_IDENTIFIER.test(tokenService))
      throw new Error(
        "--token-service must be the OAuth connection's unique identifier (letters, digits, . _ -)",
      );
    const tenant = values.tenant ?? '';
    if (!GUID.test(tenant)) throw new Error("--tenant must be the app registration's tenant id (a GUID)");
    return {
      appId,
      credential: {
        name: values.name ?? TOKEN_SERVICE_CREDENTIAL_NAME,
        issuer,
        subject: tokenServiceSubject(tenant, tokenService),
        audiences: [TOKEN_EXCHANGE_AUDIENCE],
        description:
          "VM Manager: the Bot Framework token service signs users in for the Azure Bot's OAuth connection (no client secret).",
      },
    };
  }
  const subject = values.subject ?? '';
  if (!GUID.test(subject)) throw new Error("--subject must be the managed identity's principal (object) id");
  return {
    appId,
    credential: {
      name: values.name ?? CREDENTIAL_NAME,
      issuer,
      subject,
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
      description: 'VM Manager web app: its managed identity signs On-Behalf-Of requests (no client secret).',
    },
  };
}

/** Quotes an argument for cmd.exe when it holds spaces or shell characters. */
const cmdQuote = (arg: string) => (/[\s"&|<>^]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg);

/** Runs the Azure CLI and returns stdout; throws with its stderr on failure. */
function az(args: readonly string[]): string {
  // az is a .cmd script on Windows, which only a shell runs: pass it one quoted command line there.
  const result =
    process.platform === 'win32'
      ? spawnSync(['az', ...args.map(cmdQuote)].join(' '), { encoding: 'utf8', shell: true })
      : spawnSync('az', [...args], { encoding: 'utf8' });
  if (result.error) throw new Error(`could not run the Azure CLI (az): ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`az ${args.slice(0, 4).join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

function withParametersFile<T>(credential: FederatedCredential, run: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vmm-fic-'));
  try {
    const path = join(dir, 'credential.json');
    const { id: _id, ...body } = credential;
    writeFileSync(path, JSON.stringify(body));
    return run(`@${path}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(argv: readonly string[]): number {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    console.error(
      `federated-credential: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
    );
    return 2;
  }
  const base = ['ad', 'app', 'federated-credential'];
  try {
    const existing = JSON.parse(
      az([...base, 'list', '--id', options.appId, '--output', 'json']),
    ) as FederatedCredential[];
    const plan = planFederatedCredential(existing, options.credential);
    if (plan.action === 'none') {
      console.log(`federated-credential: nothing to do, ${plan.reason}`);
    } else if (plan.action === 'create') {
      withParametersFile(plan.credential, (p) =>
        az([...base, 'create', '--id', options.appId, '--parameters', p]),
      );
      console.log(
        `federated-credential: created "${plan.credential.name}" trusting ${plan.credential.subject}`,
      );
    } else {
      withParametersFile(plan.credential, (p) =>
        az([
          ...base,
          'update',
          '--id',
          options.appId,
          '--federated-credential-id',
          plan.id,
          '--parameters',
          p,
        ]),
      );
      console.log(
        `federated-credential: updated "${plan.credential.name}" to trust ${plan.credential.subject}`,
      );
    }
    return 0;
  } catch (error) {
    console.error(`federated-credential: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

// Not `import.meta.main`: undefined on Node 23.6–24.1, where this script would then exit 0 having done nothing.
if (isEntryModule(import.meta.url)) process.exitCode = main(process.argv.slice(2));
