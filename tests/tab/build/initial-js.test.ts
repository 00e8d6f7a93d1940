import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { initialFiles, measureInitialJs } from '../../../tab/build/initial-js.ts';

const manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_react.js', '_shared.js'],
    dynamicImports: ['_teams.js'],
  },
  'auth-end.html': { file: 'assets/auth-end.js', isEntry: true, imports: ['_shared.js'] },
  '_react.js': { file: 'assets/react.js', imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js' },
  '_teams.js': { file: 'assets/teams.js' },
};

describe('initial JS', () => {
  it('follows static imports only, once each', () => {
    expect(initialFiles(manifest, 'index.html')).toEqual([
      'assets/index.js',
      'assets/react.js',
      'assets/shared.js',
    ]);
    expect(() => initialFiles(manifest, 'nope.html')).toThrow(/no entry/);
  });

  it('measures raw and gzipped bytes per HTML page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tab-size-'));
    await mkdir(join(dir, '.vite'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
    for (const chunk of Object.values(manifest)) await writeFile(join(dir, chunk.file), 'x'.repeat(1000));
    const report = await measureInitialJs(dir);
    expect(report.map((r) => [r.page, r.bytes])).toEqual([
      ['auth-end.html', 2000],
      ['index.html', 3000],
    ]);
    expect(report[1]!.gzipBytes).toBeLessThan(200);
  });
});
