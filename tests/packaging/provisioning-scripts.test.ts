/**
 * The scripts teamsapp.yml runs (infra/scripts), run the way the toolkit runs them: the action's command line in a
 * shell from the project root (fx-core's `executeCommand`: `npm {args}` for cli/runNpmCommand, `run` for script).
 * A step that exits 0 must have acted: `atk provision` reports success on exit code alone.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import YAML from 'yaml';
import { isEntryModule } from '../../infra/scripts/entry.ts';
import {
  CREDENTIAL_NAME,
  TOKEN_EXCHANGE_AUDIENCE,
  TOKEN_SERVICE_CREDENTIAL_NAME,
  tokenServiceSubject,
} from '../../infra/scripts/federated-credential.ts';
import { STATE_KEY_VARIABLE } from '../../infra/scripts/state-key.ts';
import { PROVISIONED_DEV, ROOT, readText } from './support.ts';

interface Action {
  readonly uses: string;
  readonly name?: string;
  readonly with?: Record<string, unknown>;
}
type Stage = 'provision' | 'deploy' | 'publish';
type ProjectFile = Partial<Record<Stage, Action[]>>;

const SCRIPT = /\binfra\/scripts\/[\w-]+\.ts\b/;

/** The shell command and folder the toolkit runs an action in, with its placeholders as written. */
function toolkitCommand(action: Action): { command: string; cwd: string } | undefined {
  const w = action.with ?? {};
  const cwd = join(ROOT, typeof w.workingDirectory === 'string' ? w.workingDirectory : '.');
  if (action.uses === 'cli/runNpmCommand' && typeof w.args === 'string')
    return { command: `npm ${w.args}`, cwd };
  if (action.uses === 'script' && typeof w.run === 'string') return { command: w.run, cwd };
  return undefined;
}

/** Every step of the project files that runs a script of infra/scripts. */
const scriptSteps = ['teamsapp.yml', 'teamsapp.local.yml'].flatMap((file) => {
  const doc = YAML.parse(readText(file)) as ProjectFile;
  return (['provision', 'deploy', 'publish'] as const).flatMap((stage) =>
    (doc[stage] ?? []).flatMap((action) => {
      const cmd = toolkitCommand(action);
      const script = cmd && SCRIPT.exec(cmd.command)?.[0];
      return cmd && script ? [{ file, stage, action, script, ...cmd }] : [];
    }),
  );
});
const step = (script: string) => {
  const found = scriptSteps.find((s) => s.file === 'teamsapp.yml' && s.script === script);
  if (!found) throw new Error(`teamsapp.yml runs no ${script}`);
  return found;
};

/** `${{NAME}}` → value, as the toolkit substitutes (it refuses to run a step with one unset; by hand it is empty). */
const substitute = (command: string, values: Readonly<Record<string, string>>) =>
  command.replace(/\$\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (_, name: string) => values[name] ?? '');

const scratch = mkdtempSync(join(tmpdir(), 'vmm-scripts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * A bin folder to put first on PATH: a fake `az` that logs its arguments (and the `--parameters` file) and answers
 * like the Azure CLI for an app registration without credentials, and a `node` that logs what it runs, then runs it
 * on this Node. Only a command that runs the script on the project's Node (node_modules/.bin first on PATH, as
 * `npm exec` and `npm run` put it) leaves the script out of that log.
 */
function fakeTools(name: string) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const azLog = join(dir, 'az.log');
  const nodeLog = join(dir, 'node.log');
  const write = (file: string, body: string) => {
    writeFileSync(join(dir, file), body);
    chmodSync(join(dir, file), 0o755);
  };
  write(
    'az',
    [
      '#!/bin/sh',
      `printf '%s\\n' "$*" >> '${azLog}'`,
      'case "$*" in',
      `  *"federated-credential list"*) echo '[]' ;;`,
      '  *"federated-credential create"*)',
      `    for a in "$@"; do case "$a" in @*) cat "\${a#@}" >> '${azLog}'; echo >> '${azLog}' ;; esac; done`,
      `    echo '{}' ;;`,
      `  *) echo "fake az: unexpected: $*" >&2; exit 9 ;;`,
      'esac',
      '',
    ].join('\n'),
  );
  write('node', `#!/bin/sh\nprintf '%s\\n' "$*" >> '${nodeLog}'\nexec '${process.execPath}' "$@"\n`);
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  return {
    env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
    azCalls: () => read(azLog),
    /** Scripts the PATH's `node` was started with (its first argument, per invocation). */
    scriptsRunByPathNode: () =>
      read(nodeLog)
        .split('\n')
        .map((line) => line.split(' ')[0]!)
        .filter((first) => first.endsWith('.ts')),
  };
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, { cwd, env, shell: true, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the entry check of infra/scripts', () => {
  const entry = join(ROOT, 'infra/scripts/federated-credential.ts');
  const url = pathToFileURL(entry).href;

  it('recognises the script Node was started with, also through a symlink', () => {
    expect(isEntryModule(url, entry)).toBe(true);
    const link = join(scratch, 'link.ts');
    symlinkSync(entry, link);
    expect(isEntryModule(url, link)).toBe(true);
  });

  it('is false when another module imports the script (as these tests do)', () => {
    expect(isEntryModule(url, join(ROOT, 'node_modules/jest/bin/jest.js'))).toBe(false);
    expect(isEntryModule(url, undefined)).toBe(false);
    expect(isEntryModule(url)).toBe(false);
  });

  it('is what every script uses: import.meta.main is undefined on Node 23.6–24.1, where scripts then do nothing', () => {
    const dir = join(ROOT, 'infra/scripts');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'entry.ts');
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const text = readText(`infra/scripts/${file}`).replace(/^\s*(\/\/|\*).*$/gm, '');
      expect({ file, usesImportMetaMain: text.includes('import.meta.main') }).toEqual({
        file,
        usesImportMetaMain: false,
      });
      expect({ file, entryCheck: /if \(isEntryModule\(import\.meta\.url\)\)/.test(text) }).toEqual({
        file,
        entryCheck: true,
      });
    }
  });
});

describe('teamsapp.yml runs its scripts on the project’s Node', () => {
  it('finds the scripts it runs', () => {
    expect(scriptSteps.map((s) => `${s.stage} ${s.script}`).sort()).toEqual([
      'deploy infra/scripts/stage-webapp.ts',
      'provision infra/scripts/federated-credential.ts',
      'provision infra/scripts/federated-credential.ts',
      'provision infra/scripts/state-key.ts',
    ]);
  });

  it.each(scriptSteps.map((s) => [`${s.stage}: ${s.script}`, s] as const))(
    '%s through npm exec, never a bare node from PATH',
    (_label, s) => {
      // cli/runNpmCommand, or `script` where the toolkit must read the step's `::set-teamsfx-env` output.
      expect(['cli/runNpmCommand', 'script']).toContain(s.action.uses);
      expect(s.command).toMatch(new RegExp(`^npm exec --no -- node ${s.script}( |$)`));
      // npm exec resolves `node` to node_modules/.bin/node, the `node` devDependency.
      const pkg = JSON.parse(readText('package.json')) as { devDependencies: Record<string, string> };
      expect(pkg.devDependencies.node).toMatch(/^\d+\.\d+\.\d+$/);
    },
  );
});

const posix = process.platform === 'win32' ? describe.skip : describe;

posix('federated credential step, run as teamsapp.yml runs it', () => {
  const s = step('infra/scripts/federated-credential.ts');

  it('fails, naming what is missing, when its values are empty (never exits 0 having done nothing)', () => {
    const tools = fakeTools('empty');
    const result = run(substitute(s.command, {}), s.cwd, tools.env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/federated-credential: .*--app-id/);
    expect(result.stderr).toContain('usage: npm exec --no -- node infra/scripts/federated-credential.ts');
    expect(tools.azCalls()).toBe('');
  });

  it('creates the credential from arm/deploy’s outputs, on the project’s Node, and only then exits 0', () => {
    const tools = fakeTools('provisioned');
    const result = run(substitute(s.command, PROVISIONED_DEV), s.cwd, tools.env);
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    expect(result.stdout).toContain(
      `created "${CREDENTIAL_NAME}" trusting ${PROVISIONED_DEV.MANAGED_IDENTITY_PRINCIPAL_ID}`,
    );
    const calls = tools.azCalls();
    expect(calls).toContain(`ad app federated-credential list --id ${PROVISIONED_DEV.AAD_APP_CLIENT_ID}`);
    expect(calls).toContain(`ad app federated-credential create --id ${PROVISIONED_DEV.AAD_APP_CLIENT_ID}`);
    const body = JSON.parse(calls.split('\n').find((l) => l.startsWith('{'))!) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: CREDENTIAL_NAME,
      issuer: PROVISIONED_DEV.FEDERATED_CREDENTIAL_ISSUER,
      subject: PROVISIONED_DEV.MANAGED_IDENTITY_PRINCIPAL_ID,
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
    });
    // The PATH's `node` ran npm at most, never the script.
    expect(tools.scriptsRunByPathNode()).toEqual([]);
  });
});

posix('token service credential step, run as teamsapp.yml runs it', () => {
  const s = scriptSteps.find((x) => x.file === 'teamsapp.yml' && x.command.includes('--token-service'));

  it('trusts the Bot Framework token service for the OAuth connection, from arm/deploy’s outputs', () => {
    expect(s).toBeDefined();
    const tools = fakeTools('token-service');
    const result = run(substitute(s!.command, PROVISIONED_DEV), s!.cwd, tools.env);
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    const subject = tokenServiceSubject(
      PROVISIONED_DEV.AAD_APP_TENANT_ID!,
      PROVISIONED_DEV.BOT_OAUTH_UNIQUE_IDENTIFIER!,
    );
    expect(result.stdout).toContain(`created "${TOKEN_SERVICE_CREDENTIAL_NAME}" trusting ${subject}`);
    const body = JSON.parse(
      tools
        .azCalls()
        .split('\n')
        .find((l) => l.startsWith('{'))!,
    ) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: TOKEN_SERVICE_CREDENTIAL_NAME,
      issuer: PROVISIONED_DEV.FEDERATED_CREDENTIAL_ISSUER,
      subject,
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
    });
    expect(tools.scriptsRunByPathNode()).toEqual([]);
  });

  it('fails when the unique identifier is missing (never exits 0 having done nothing)', () => {
    const tools = fakeTools('token-service-empty');
    const result = run(substitute(s!.command, {}), s!.cwd, tools.env);
    expect(result.status).not.toBe(0);
    expect(tools.azCalls()).toBe('');
  });
});

posix('state key step, run as teamsapp.yml runs it', () => {
  const s = step('infra/scripts/state-key.ts');
  const withKey = (value: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...fakeTools(`state-key-${value?.length ?? 'unset'}`).env };
    delete env[STATE_KEY_VARIABLE];
    if (value !== undefined) env[STATE_KEY_VARIABLE] = value;
    return run(s.command, s.cwd, env);
  };

  it('makes a 32-byte key when the environment has none, as a line the toolkit writes to env/.env.{env}.user', () => {
    for (const value of [undefined, '']) {
      const result = withKey(value);
      expect(result.status).toBe(0);
      const lines = result.stdout.split('\n').filter((l) => l.startsWith('::set-teamsfx-env '));
      expect(lines).toEqual([
        expect.stringMatching(/^::set-teamsfx-env SECRET_STATE_ENCRYPTION_KEY=[0-9a-f]{64}$/),
      ]);
    }
    expect(withKey(undefined).stdout).not.toBe(withKey(undefined).stdout);
  });

  it('keeps the key it made before: prints no new one', () => {
    const result = withKey('ab'.repeat(32));
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('::set-teamsfx-env');
  });

  it('refuses a key that is not 32 bytes of hex, without replacing it', () => {
    const result = withKey('not-a-key');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('must be 64 hexadecimal characters');
    expect(result.stdout).not.toContain('::set-teamsfx-env');
  });
});

posix('stage step, run as teamsapp.yml runs it', () => {
  const s = step('infra/scripts/stage-webapp.ts');

  it('stages the web app (or names the missing build) into the folder it is given', () => {
    const tools = fakeTools('stage');
    const out = join(scratch, 'webapp');
    expect(s.command).toMatch(/ build\/webapp$/);
    const result = run(s.command.replace(/ build\/webapp$/, ` '${out}'`), s.cwd, tools.env);
    if (existsSync(join(ROOT, 'tab/dist'))) {
      expect({ status: result.status, stderr: result.stderr }).toEqual({
        status: 0,
        stderr: expect.any(String),
      });
      for (const path of ['package.json', 'src/main.ts', 'tab/dist'])
        expect(existsSync(join(out, path))).toBe(true);
    } else {
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/tab\/dist \(run `npm run build` first\)/);
    }
    expect(tools.scriptsRunByPathNode()).toEqual([]);
  });
});
