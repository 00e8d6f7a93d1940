import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jose from 'jose';
import { OnBehalfOfCredential } from '@azure/identity';
import { CloudAdapter } from 'botbuilder';
import { ROOT } from './support/paths.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } }>;
};

const parse = (version: string) =>
  version.replace(/^v/, '').split('.').map(Number) as [number, number, number];
const atLeast = (version: string, floor: string) => {
  const [a, b, c] = parse(version);
  const [x, y, z] = parse(floor);
  return a !== x ? a > x : b !== y ? b > y : c >= z;
};

/**
 * The Node the tests run on is the one the project pins (`node` devDependency, which npm scripts
 * put first on PATH), and it satisfies `engines`: with another Node on PATH, or a pin that drifted
 * from `engines` or from the lock file, these fail.
 */
describe('runtime', () => {
  it('engines names a floor (>=x.y.z) that the pinned Node meets', () => {
    const floor = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node)?.[1];
    expect(floor).toBeDefined();
    const pinned = pkg.devDependencies.node;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(atLeast(pinned!, `${floor}.0.0`.split('.').slice(0, 3).join('.'))).toBe(true);
    expect(lock.packages['node_modules/node']?.version).toBe(pinned);
  });

  it('runs on the pinned Node', () => {
    expect(process.versions.node).toBe(pkg.devDependencies.node);
  });

  it('the packages that declare an engines floor accept this Node', () => {
    for (const name of ['restify', '@azure/identity', '@azure/arm-compute', 'botbuilder', 'jose']) {
      const range = lock.packages[`node_modules/${name}`]?.engines?.node;
      const floor = range && /^>=\s*(\d+(?:\.\d+){0,2})/.exec(range)?.[1];
      if (floor)
        expect({
          name,
          ok: atLeast(process.versions.node, `${floor}.0.0`.split('.').slice(0, 3).join('.')),
        }).toEqual({ name, ok: true });
    }
  });

  it('loads ESM-only jose together with the CJS Azure SDK and botbuilder', () => {
    expect(typeof jose.jwtVerify).toBe('function');
    expect(typeof OnBehalfOfCredential).toBe('function');
    expect(typeof CloudAdapter).toBe('function');
  });
});
