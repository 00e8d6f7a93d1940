import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import {
  iconProblems,
  manifestSchemaErrors,
  packageApp,
  type TeamsManifest,
} from '../../scripts/package-app.ts';
import { PROVISIONED_DEV, ROOT } from './support.ts';

/** Runs `npm run package -- …` as a user would, with the Teams Toolkit variables of this machine cleared. */
function npmPackage(...args: string[]) {
  const env = { ...process.env };
  for (const name of Object.keys(PROVISIONED_DEV)) delete env[name];
  return spawnSync('npm', ['run', '--silent', 'package', '--', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
}

describe('npm run package', () => {
  it('--env local builds a valid app package: manifest.json and both icons', async () => {
    const run = npmPackage('--env', 'local');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('build/appPackage/appPackage.local.zip');

    const zip = await JSZip.loadAsync(readFileSync(join(ROOT, 'build/appPackage/appPackage.local.zip')));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as TeamsManifest;
    expect(manifestSchemaErrors(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(iconProblems('color', await zip.file(manifest.icons.color)!.async('nodebuffer'))).toEqual([]);
    expect(iconProblems('outline', await zip.file(manifest.icons.outline)!.async('nodebuffer'))).toEqual([]);
  });

  it('refuses an environment that is not provisioned yet, naming what is missing, without a stack trace', () => {
    const run = npmPackage('--env', 'dev');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Cannot package "dev"');
    expect(run.stderr).toContain('env/.env.dev');
    for (const name of ['TEAMS_APP_ID', 'AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_ENDPOINT'])
      expect(run.stderr).toContain(`- ${name}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses unknown environments and bad options', () => {
    const unknown = npmPackage('--env', 'nope');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('env/.env.nope does not exist');
    const bad = npmPackage('--envv', 'local');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: npm run package -- --env');
  });
});

describe('packageApp', () => {
  const out = mkdtempSync(join(tmpdir(), 'vmm-package-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('packages a provisioned environment from the machine environment, reproducibly', async () => {
    const first = await packageApp({ env: 'dev', outDir: out, processEnv: PROVISIONED_DEV });
    const bytes = readFileSync(first.zipPath);
    await packageApp({ env: 'dev', outDir: out, processEnv: PROVISIONED_DEV });
    expect(Buffer.compare(readFileSync(first.zipPath), bytes)).toBe(0);
    expect(first.manifest.id).toBe(PROVISIONED_DEV.TEAMS_APP_ID);
    expect(JSON.parse(readFileSync(first.manifestPath, 'utf8'))).toEqual(first.manifest);
  });

  it('rejects a manifest that fails the official schema once substituted', async () => {
    await expect(
      packageApp({ env: 'dev', outDir: out, processEnv: { ...PROVISIONED_DEV, TEAMS_APP_ID: 'not-a-guid' } }),
    ).rejects.toMatchObject({
      code: 'InvalidManifest',
      details: [expect.stringMatching(/^\/id must match pattern/)],
    });
  });
});
