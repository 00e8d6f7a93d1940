import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  CREDENTIAL_NAME,
  TOKEN_EXCHANGE_AUDIENCE,
  TOKEN_SERVICE_CREDENTIAL_NAME,
  encodeGuid,
  parseCli,
  tokenServiceSubject,
  planFederatedCredential,
  type FederatedCredential,
} from '../../infra/scripts/federated-credential.ts';
import { WEBAPP_CONTENT, WEBAPP_SOURCE_ROOTS, stageWebApp } from '../../infra/scripts/stage-webapp.ts';
import { ROOT, readJson } from './support.ts';

const ISSUER = 'https://login.microsoftonline.com/72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11/v2.0';
const MI = 'e1e2e3e4-5555-4666-8777-888899990000';
const desired: FederatedCredential = {
  name: CREDENTIAL_NAME,
  issuer: ISSUER,
  subject: MI,
  audiences: [TOKEN_EXCHANGE_AUDIENCE],
};

describe('federated credential script: plan', () => {
  it('creates the credential when the app registration has none', () => {
    expect(planFederatedCredential([], desired)).toEqual({ action: 'create', credential: desired });
  });

  it('does nothing when the credential already trusts the identity', () => {
    expect(planFederatedCredential([{ ...desired, id: 'fic-1' }], desired).action).toBe('none');
  });

  it('fixes a subject that differs only in case (Entra ID matches subjects case-sensitively)', () => {
    const upper = { ...desired, id: 'fic-5', subject: MI.toUpperCase() };
    expect(planFederatedCredential([upper], desired)).toEqual({
      action: 'update',
      id: 'fic-5',
      credential: desired,
    });
  });

  it('does nothing when another credential already trusts the identity (Entra refuses duplicates)', () => {
    const other = { ...desired, id: 'fic-2', name: 'added-by-hand' };
    expect(planFederatedCredential([other], desired)).toEqual({
      action: 'none',
      reason: `credential "added-by-hand" already trusts ${MI}`,
    });
  });

  it('updates its credential when the identity changed (resource group re-created)', () => {
    const stale = { ...desired, id: 'fic-3', subject: '00000000-1111-4222-8333-444444444444' };
    expect(planFederatedCredential([stale], desired)).toEqual({
      action: 'update',
      id: 'fic-3',
      credential: desired,
    });
  });

  it('updates its credential when the audience is wrong', () => {
    const wrongAudience = { ...desired, id: 'fic-4', audiences: ['api://something-else'] };
    expect(planFederatedCredential([wrongAudience], desired)).toMatchObject({
      action: 'update',
      id: 'fic-4',
    });
  });
});

describe('federated credential script: the Bot Framework token service (OAuth connection)', () => {
  it('encodes GUIDs as Microsoft’s table of subject values does (base64url of .NET Guid bytes)', () => {
    // learn.microsoft.com, azure-bot-user-authorization-federated-credentials: Bot Service Token Store, MSIT tenant.
    expect(encodeGuid('5b404cf4-a79d-4cfe-b866-24bf8e1a4921')).toBe('9ExAW52n_ky4ZiS_jhpJIQ');
    expect(encodeGuid('72F988BF-86F1-41AF-91AB-2D7CD011DB47')).toBe('v4j5cvGGr0GRqy180BHbRw');
    expect(() => encodeGuid('not-a-guid')).toThrow(/not a GUID/);
  });

  it('builds the credential for the connection’s unique identifier', () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    expect(
      parseCli([
        '--app-id',
        'c0ffee00-1111-4222-8333-444455556666',
        '--issuer',
        `https://login.microsoftonline.com/${tenant}/v2.0`,
        '--token-service',
        'vmm-dev-TeamsSso',
        '--tenant',
        tenant,
      ]).credential,
    ).toMatchObject({
      name: TOKEN_SERVICE_CREDENTIAL_NAME,
      subject: '/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/9ExAW52n_ky4ZiS_jhpJIQ/vmm-dev-TeamsSso',
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
    });
    expect(tokenServiceSubject(tenant, 'x')).toMatch(/\/x$/);
  });

  it.each([
    ['with --subject too', ['--subject', MI, '--token-service', 'a', '--tenant', MI], /exclude each other/],
    ['a unique identifier with a slash', ['--token-service', 'a/b', '--tenant', MI], /--token-service/],
    ['no tenant', ['--token-service', 'a'], /--tenant/],
  ])('refuses %s', (_name, extra, message) => {
    expect(() => parseCli(['--app-id', MI, '--issuer', ISSUER, ...(extra as string[])])).toThrow(
      message as RegExp,
    );
  });
});

describe('federated credential script: command line', () => {
  const args = ['--app-id', 'c0ffee00-1111-4222-8333-444455556666', '--issuer', ISSUER, '--subject', MI];

  it('builds the credential Entra ID expects for a managed identity', () => {
    expect(parseCli(args)).toEqual({
      appId: 'c0ffee00-1111-4222-8333-444455556666',
      credential: expect.objectContaining({
        name: CREDENTIAL_NAME,
        issuer: ISSUER,
        subject: MI,
        audiences: ['api://AzureADTokenExchange'],
      }),
    });
  });

  it.each([
    ['an app id that is not a GUID', ['--app-id', 'x', '--issuer', ISSUER, '--subject', MI], /--app-id/],
    [
      'a plain http issuer',
      ['--app-id', MI, '--issuer', 'http://login.example/v2.0', '--subject', MI],
      /--issuer/,
    ],
    ['no subject', ['--app-id', MI, '--issuer', ISSUER], /--subject/],
    ['an unknown option', [...args, '--unknown', 'x'], /Unknown option/],
    // An empty variable on the command line: the option swallows the next one (parseArgs: "ambiguous").
    ['an empty value', ['--app-id', '--issuer', ISSUER, '--subject', MI], /--app-id has no value/],
    ['an empty last value', ['--app-id', MI, '--issuer', ISSUER, '--subject'], /--subject has no value/],
    // The toolkit stops at an unresolved `${{…}}`; pasted by hand, it must still not reach az.
    [
      'an unresolved placeholder',
      ['--app-id', '${{AAD_APP_CLIENT_ID}}', '--issuer', ISSUER, '--subject', MI],
      /--app-id/,
    ],
  ])('refuses %s', (_label, argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------------------------

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Runtime imports (type-only ones are erased) of a TypeScript file. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].filter((m) => !m[1]).map((m) => (m[2] ?? m[3])!);
}

/** Every file reachable from `entry` through relative imports, and every package it imports. */
function importClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!existsSync(target)) throw new Error(`${relative(ROOT, file)} imports missing ${spec}`);
        if (/\.(ts|tsx|js|mjs)$/.test(target)) pending.push(target);
      } else if (!isBuiltin(spec)) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  }
  return { files, packages };
}

describe('staged web app', () => {
  const closure = importClosure(join(ROOT, 'src/main.ts'));
  const pkg = readJson<{ dependencies: Record<string, string> }>('package.json');

  it('holds every file the service loads (src/main.ts and what it imports)', () => {
    const roots = WEBAPP_SOURCE_ROOTS.map((r) => join(ROOT, r) + sep);
    const outside = [...closure.files]
      .filter((f) => !roots.some((r) => f.startsWith(r)))
      .map((f) => relative(ROOT, f));
    expect(closure.files.size).toBeGreaterThan(10);
    expect(outside).toEqual([]);
    for (const r of WEBAPP_SOURCE_ROOTS) expect(WEBAPP_CONTENT.map((c) => c.path)).toContain(r);
  });

  it('needs only production dependencies (devDependencies are not installed in Azure)', () => {
    const missing = [...closure.packages].filter((name) => !(name in pkg.dependencies));
    expect(closure.packages.size).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'vmm-stage-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function fakeProject(withTab: boolean): string {
    const root = join(scratch, withTab ? 'with-tab' : 'without-tab');
    const files: Record<string, string> = {
      'package.json': '{}',
      'package-lock.json': '{}',
      'contract/index.ts': 'export {};',
      'src/main.ts': 'export {};',
      'src/vms/vm.test.ts': 'test',
      'bot/index.ts': 'export {};',
      'bot/node_modules/x/index.js': 'x',
      'tests/a.test.ts': 'test',
      'emulator/server.ts': 'export {};',
      ...(withTab ? { 'tab/dist/index.html': '<!doctype html>', 'tab/src/main.tsx': 'x' } : {}),
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  }

  const list = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();

  it('copies the runtime content only: no tests, emulator, tab sources or node_modules', () => {
    const out = join(scratch, 'out');
    mkdirSync(join(out, 'stale'), { recursive: true });
    writeFileSync(join(out, 'stale/old.js'), 'old');
    expect(stageWebApp(fakeProject(true), out)).toEqual([
      'package.json',
      'package-lock.json',
      'contract',
      'src',
      'bot',
      'tab/dist',
    ]);
    expect(list(out)).toEqual([
      'bot/index.ts',
      'contract/index.ts',
      'package-lock.json',
      'package.json',
      'src/main.ts',
      'tab/dist/index.html',
    ]);
  });

  it('refuses to stage before the tab is built', () => {
    expect(() => stageWebApp(fakeProject(false), join(scratch, 'out2'))).toThrow(
      /tab\/dist \(run `npm run build` first\)/,
    );
  });
});
