import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../../support/paths.ts';

/** Official example bodies, kept in the repository (see tests/fixtures/arm/README.md for their source). */
const REFERENCE = resolve(ROOT, 'tests/fixtures/arm');

/** The 200 body of an official example file. */
export const example = (name: string): unknown => {
  const doc = JSON.parse(readFileSync(resolve(REFERENCE, name), 'utf8')) as {
    responses: { 200: { body: unknown } };
  };
  return doc.responses[200].body;
};

/** Free-form maps (keys are data, not schema): only their value types are compared. */
const MAPS = new Set(['$.tags']);

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Recursive key-structure comparison. Every key of the reference must exist in `actual` with the same JSON type;
 * keys `actual` has beyond the reference must be listed in `extras` (real ARM properties the trimmed examples
 * leave out), so a misspelt or misplaced property fails. Arrays compare their first elements; `emptyOk` names
 * array paths that may be empty here though the example has items; `MAPS` are compared by value type only.
 */
export function shapeDiff(
  reference: unknown,
  actual: unknown,
  extras: ReadonlySet<string>,
  emptyOk: ReadonlySet<string>,
  path = '$',
): string[] {
  if (kind(reference) !== kind(actual)) return [`${path}: expected ${kind(reference)}, got ${kind(actual)}`];
  if (Array.isArray(reference) && Array.isArray(actual)) {
    if (reference.length === 0 || actual.length === 0) {
      return reference.length > 0 && !emptyOk.has(path) ? [`${path}: empty, the example has items`] : [];
    }
    return shapeDiff(reference[0], actual[0], extras, emptyOk, `${path}[0]`);
  }
  if (kind(reference) !== 'object') return [];
  if (MAPS.has(path)) {
    const types = new Set(Object.values(reference as object).map(kind));
    return Object.entries(actual as object)
      .filter(([, v]) => !types.has(kind(v)))
      .map(([k, v]) => `${path}.${k}: ${kind(v)} value`);
  }
  const ref = reference as Record<string, unknown>;
  const act = actual as Record<string, unknown>;
  const missing = Object.keys(ref)
    .filter((k) => !(k in act))
    .map((k) => `${path}.${k}: missing`);
  const unexpected = Object.keys(act)
    .filter((k) => !(k in ref) && !extras.has(`${path}.${k}`))
    .map((k) => `${path}.${k}: not in the example`);
  const nested = Object.keys(ref)
    .filter((k) => k in act)
    .flatMap((k) => shapeDiff(ref[k], act[k], extras, emptyOk, `${path}.${k}`));
  return [...missing, ...unexpected, ...nested];
}
