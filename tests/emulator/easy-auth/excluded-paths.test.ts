/**
 * The front door lets through exactly what App Service does: infra/azure.bicep's `globalValidation.excludedPaths`
 * (a trailing `*` is a prefix), and nothing else.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/paths.ts';
import { DEFAULT_EXCLUDED_PATHS, isExcludedPath } from '../../../emulator/easy-auth/front-door.ts';

/** The string entries of the bicep's `excludedPaths: [ … ]` (comments skipped). */
function bicepExcludedPaths(): string[] {
  const bicep = readFileSync(join(ROOT, 'infra', 'azure.bicep'), 'utf8');
  const block = /excludedPaths:\s*\[([^\]]*)\]/.exec(bicep)?.[1];
  if (block === undefined) throw new Error('infra/azure.bicep has no excludedPaths');
  return block
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => {
      const entry = /^'([^']*)'$/.exec(line);
      if (!entry) throw new Error(`unexpected excludedPaths entry: ${line}`);
      return entry[1]!;
    });
}

describe('excluded paths', () => {
  it("are infra/azure.bicep's excludedPaths, in order", () => {
    const bicep = bicepExcludedPaths();
    expect(bicep).toContain('/');
    expect([...DEFAULT_EXCLUDED_PATHS]).toEqual(bicep);
  });

  it('match exactly, or as a prefix when they end with *', () => {
    const excluded = [...DEFAULT_EXCLUDED_PATHS];
    for (const path of [
      '/',
      '/index.html',
      '/auth-start.html',
      '/auth-end.html',
      '/assets/index-abc.js',
      '/client-config.json',
      '/api/health',
      '/api/messages',
      '/api/notifications/auto-shutdown/token123',
    ])
      expect([path, isExcludedPath(excluded, path)]).toEqual([path, true]);
    for (const path of [
      '/favicon.ico',
      '/assets',
      '/index.htm',
      '/api/vms',
      '/api/health/x',
      '/api/notifications/auto-shutdown',
      '/other',
    ])
      expect([path, isExcludedPath(excluded, path)]).toEqual([path, false]);
  });
});
