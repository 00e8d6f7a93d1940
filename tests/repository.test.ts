import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './support/paths.ts';

/**
 * The repository stands alone: a fresh clone with no sibling folders must build and test. Reference
 * material that lives next to the checkout is copied in as fixtures instead of read.
 */
describe('the repository stands alone', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => /\.(?:[cm]?[jt]sx?|json|ya?ml|sh)$/.test(file) || file.startsWith('.ci/'))
    .filter((file) => !file.startsWith('tests/fixtures/') && file !== 'package-lock.json')
    .filter((file) => file !== 'tests/repository.test.ts');

  it('has no file that reads a folder beside the checkout', () => {
    const outside = /(?:['"`(]|\s)\.\.\/shared\b|resolve\(\s*ROOT\s*,\s*['"`]\.\.\//;
    const offenders = files.filter((file) => {
      let content: string;
      try {
        content = readFileSync(resolve(ROOT, file), 'utf8');
      } catch {
        return false; // deleted in the work tree
      }
      return outside.test(content);
    });
    expect(offenders).toEqual([]);
  });
});
