import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import YAML from 'yaml';
import { placeholdersIn } from '../../scripts/package-app.ts';
import { STATE_KEY_VARIABLE } from '../../infra/scripts/state-key.ts';
import { parseBicep } from './bicep.ts';
import { ROOT, declaredKeys, environment, readText } from './support.ts';

interface Action {
  readonly uses: string;
  readonly name?: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  readonly version: string;
  readonly environmentFolderPath: string;
  readonly provision?: Action[];
  readonly deploy?: Action[];
  readonly publish?: Action[];
}

const load = (path: string) => {
  const text = readText(path);
  return { text, doc: YAML.parse(text) as ProjectFile };
};
const project = load('teamsapp.yml');
const local = load('teamsapp.local.yml');
const bicep = parseBicep(readText('infra/azure.bicep'));
const uses = (actions: Action[] | undefined) => (actions ?? []).map((a) => a.uses);

/**
 * A Bicep release whose built-in Azure type index (Azure.Bicep.Types.Az) has each resource type at that api-version:
 * a template using a type@version its Bicep does not know gets only warnings (BCP081) and no validation of it.
 * Found from Azure/bicep-types-az (the commit adding `generated/…/{api-version}/types.json`, whose git height is the
 * package's patch number) and the Azure.Bicep.Types.Az version each Azure/bicep release tag references. Entered in
 * package → first Bicep release with it: Microsoft.Web 2024-11-01 0.2.771 → v0.36.1; Microsoft.KeyVault 2024-11-01
 * 0.2.744 → v0.34.1; Microsoft.OperationalInsights 2023-09-01 0.2.671 → v0.25.3; Microsoft.ManagedIdentity
 * 2023-01-31 0.2.327 → v0.15.31; the rest are in v0.14.6 (0.2.324) already. v0.30.23, pinned before, has 0.2.706.
 */
const BICEP_TYPES_SINCE: Readonly<Record<string, string>> = {
  'Microsoft.Authorization/roleAssignments@2022-04-01': 'v0.14.6',
  // Known by this release at the latest (types published with the 2023-08-01 Microsoft.Cache API).
  'Microsoft.Cache/redis@2023-08-01': 'v0.26.54',
  'Microsoft.Cache/redis/accessPolicyAssignments@2023-08-01': 'v0.26.54',
  'Microsoft.BotService/botServices@2022-09-15': 'v0.14.6',
  'Microsoft.BotService/botServices/channels@2022-09-15': 'v0.14.6',
  // Published with the same Microsoft.BotService 2022-09-15 types as the bot and its channels.
  'Microsoft.BotService/botServices/connections@2022-09-15': 'v0.14.6',
  'Microsoft.Insights/components@2020-02-02': 'v0.14.6',
  'Microsoft.Insights/diagnosticSettings@2021-05-01-preview': 'v0.14.6',
  'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31': 'v0.15.31',
  'Microsoft.OperationalInsights/workspaces@2023-09-01': 'v0.25.3',
  'Microsoft.KeyVault/vaults@2024-11-01': 'v0.34.1',
  'Microsoft.KeyVault/vaults/secrets@2024-11-01': 'v0.34.1',
  'Microsoft.Web/serverfarms@2024-11-01': 'v0.36.1',
  'Microsoft.Web/sites@2024-11-01': 'v0.36.1',
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01': 'v0.36.1',
  'Microsoft.Web/sites/config@2024-11-01': 'v0.36.1',
};

/** Orders `vX.Y.Z` release tags. */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
const stages = (doc: ProjectFile) => [
  ...(doc.provision ?? []),
  ...(doc.deploy ?? []),
  ...(doc.publish ?? []),
];

/** Project files an action reads (paths are relative to the project root). */
function filesRead(action: Action): string[] {
  const w = action.with ?? {};
  const paths: string[] = [];
  for (const key of ['manifestPath', 'parameters'])
    if (typeof w[key] === 'string') paths.push(w[key] as string);
  for (const t of (w.templates as Array<Record<string, string>> | undefined) ?? []) {
    paths.push(t.path!);
    if (t.parameters) paths.push(t.parameters);
  }
  // Scripts the action runs with node.
  for (const key of ['run', 'args']) {
    const m = typeof w[key] === 'string' ? /\bnode\s+(\S+\.ts)\b/.exec(w[key] as string) : null;
    if (m) paths.push(m[1]!);
  }
  return paths;
}

/** Placeholders an action needs: in its parameters and in the files it reads. */
function placeholdersNeeded(action: Action): string[] {
  const own = placeholdersIn(JSON.stringify(action.with ?? {}));
  const inFiles = filesRead(action)
    .filter((p) => /\.json$/.test(p))
    .flatMap((p) => placeholdersIn(readText(p)));
  return [...new Set([...own, ...inFiles])];
}

/** Variables an action writes to the environment file once it ran. */
function variablesWritten(action: Action): string[] {
  const written = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') written.push(...bicep.outputs.keys());
  // aadApp/update generates the scope id when the manifest references it and it is empty.
  if (action.uses === 'aadApp/update') written.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  // A `script` action's `::set-teamsfx-env` lines: infra/scripts/state-key.ts sets the key when it is missing.
  if (action.uses === 'script' && String(action.with?.run).includes('infra/scripts/state-key.ts'))
    written.push(STATE_KEY_VARIABLE);
  return written;
}

describe.each([
  ['teamsapp.yml', project],
  ['teamsapp.local.yml', local],
])('%s', (_path, { text, doc }) => {
  it('parses, with a current schema version and its schema reference', () => {
    expect(doc.version).toBe('v1.13');
    expect(text).toContain(
      `# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${doc.version}/yaml.schema.json`,
    );
    expect(doc.environmentFolderPath).toBe('./env');
  });

  it('names only files that exist', () => {
    const named = stages(doc).flatMap(filesRead);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('validates the manifest before zipping it, and zips to build/appPackage', () => {
    const provision = uses(doc.provision);
    expect(provision.indexOf('teamsApp/validateManifest')).toBeLessThan(
      provision.indexOf('teamsApp/zipAppPackage'),
    );
    const zip = doc.provision!.find((a) => a.uses === 'teamsApp/zipAppPackage')!;
    expect(zip.with).toEqual({
      manifestPath: './appPackage/manifest.json',
      outputZipPath: './build/appPackage/appPackage.${{TEAMSFX_ENV}}.zip',
      outputFolder: './build/appPackage',
    });
  });
});

describe('teamsapp.yml (dev and other cloud environments)', () => {
  const { doc } = project;

  it('provisions in dependency order', () => {
    expect(uses(doc.provision)).toEqual([
      'aadApp/create',
      'teamsApp/create',
      // infra/scripts/state-key.ts: the state encryption key, made once
      'script',
      'arm/deploy',
      // infra/scripts/federated-credential.ts: the managed identity (OBO), then the token service (OAuth connection)
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
  });

  it('creates a single-tenant app registration without a secret, with its service principal (for admin consent)', () => {
    const create = doc.provision!.find((a) => a.uses === 'aadApp/create')!;
    expect(create.with).toMatchObject({
      generateClientSecret: false,
      generateServicePrincipal: true,
      signInAudience: 'AzureADMyOrg',
    });
    expect(Object.values(create.writeToEnvironmentFile!).some((v) => v.startsWith('SECRET_'))).toBe(false);
  });

  it('has every placeholder set by the env file or by an earlier step (provision, deploy, publish)', () => {
    // Known before provisioning: what env/.env.dev sets, plus what the toolkit asks for when empty.
    const preset = Object.entries(environment('dev'))
      .filter(([name, value]) => value !== '' || name === 'APP_NAME_SUFFIX')
      .map(([name]) => name);
    for (const stage of ['provision', 'deploy', 'publish'] as const) {
      // deploy and publish run after provision filled env/.env.dev.
      const known = new Set([...preset, 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);
      if (stage !== 'provision')
        for (const a of doc.provision!) for (const v of variablesWritten(a)) known.add(v);
      for (const action of doc[stage] ?? []) {
        // aadApp/update generates the scope id it needs.
        if (action.uses === 'aadApp/update') known.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
        const unknown = placeholdersNeeded(action).filter((name) => !known.has(name));
        expect({ stage, action: action.name ?? action.uses, unknown }).toEqual({
          stage,
          action: action.name ?? action.uses,
          unknown: [],
        });
        for (const v of variablesWritten(action)) known.add(v);
      }
    }
  });

  it('declares in env/.env.dev every variable provisioning writes', () => {
    const declared = declaredKeys('dev');
    // SECRET_* go to env/.env.dev.user (git-ignored), never to the committed file.
    const written = stages(doc)
      .flatMap(variablesWritten)
      .filter((name) => !name.startsWith('SECRET_'));
    expect(written.filter((name) => !declared.has(name))).toEqual([]);
    expect(declared.has(STATE_KEY_VARIABLE)).toBe(false);
  });

  it('runs the federated credential script on arm/deploy’s outputs, on the project’s Node', () => {
    const step = doc.provision![uses(doc.provision).indexOf('arm/deploy') + 1]!;
    expect(step.uses).toBe('cli/runNpmCommand');
    const run = String(step.with!.args);
    // npm exec: node_modules/.bin/node (see provisioning-scripts.test.ts), never a bare `node` from PATH.
    expect(run).toMatch(/^exec --no -- node infra\/scripts\/federated-credential\.ts /);
    for (const output of ['FEDERATED_CREDENTIAL_ISSUER', 'MANAGED_IDENTITY_PRINCIPAL_ID']) {
      expect(run).toContain(`\${{${output}}}`);
      expect(bicep.outputs.has(output)).toBe(true);
    }
    expect(run).toContain('--app-id ${{AAD_APP_CLIENT_ID}}');
  });

  it('pins a Bicep CLI whose type index knows every resource type and api-version the template uses', () => {
    const arm = doc.provision!.find((a) => a.uses === 'arm/deploy')!;
    const pinned = String(arm.with!.bicepCliVersion);
    expect(pinned).toMatch(/^v\d+\.\d+\.\d+$/);
    const used = [...new Set(bicep.resources.map((r) => `${r.type}@${r.apiVersion}`))].sort();
    // A new type or api-version needs its row here: look it up before changing the template.
    expect(used.filter((t) => !(t in BICEP_TYPES_SINCE))).toEqual([]);
    const needed = used
      .map((t) => BICEP_TYPES_SINCE[t]!)
      .sort(compareVersions)
      .at(-1)!;
    expect({ pinned, atLeast: needed, ok: compareVersions(pinned, needed) >= 0 }).toEqual({
      pinned,
      atLeast: needed,
      ok: true,
    });
  });

  it('deploys the staged web app folder to the App Service from arm/deploy', () => {
    const deploy = doc.deploy!;
    expect(uses(deploy)).toEqual([
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
    ]);
    expect(deploy[2]!.with!.args).toBe('exec --no -- node infra/scripts/stage-webapp.ts build/webapp');
    expect(deploy[3]!.with).toEqual({
      workingDirectory: './build/webapp',
      args: 'ci --omit=dev --ignore-scripts --no-audit --no-fund',
    });
    expect(deploy[4]!.with).toEqual({
      artifactFolder: './build/webapp',
      resourceId: '${{AZURE_APP_SERVICE_RESOURCE_ID}}',
    });
    expect(bicep.outputs.get('AZURE_APP_SERVICE_RESOURCE_ID')?.expr).toBe('webApp.id');
  });

  it('publishes to the org catalog', () => {
    expect(uses(doc.publish).at(-1)).toBe('teamsApp/publishAppPackage');
  });
});

describe('teamsapp.local.yml (the emulator)', () => {
  it('creates nothing in a tenant or a subscription', () => {
    const cloud =
      /^(aadApp|botAadApp|botFramework|arm|teamsApp\/(create|update|validateAppPackage|publishAppPackage|extendToM365)|azure)/;
    expect(
      stages(local.doc)
        .map((a) => a.uses)
        .filter((u) => cloud.test(u)),
    ).toEqual([]);
  });

  it('resolves from env/.env.local alone', () => {
    const declared = declaredKeys('local');
    const needed = stages(local.doc).flatMap(placeholdersNeeded);
    expect(needed.filter((name) => !declared.has(name))).toEqual([]);
  });
});

describe('environment files', () => {
  it.each(['local', 'dev'])('env/.env.%s holds no secrets', (name) => {
    const text = readText(`env/.env.${name}`);
    expect(text).not.toMatch(/^SECRET_/m);
    expect(text).not.toMatch(/^\w*(PASSWORD|SECRET|KEY)\w*=\S/im);
  });

  it('.user files, where Teams Toolkit writes secrets, are git-ignored', () => {
    expect(readText('.gitignore').split('\n')).toContain('env/.env.*.user');
  });
});
