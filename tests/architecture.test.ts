import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT } from './support/paths.ts';

/**
 * The layers, enforced: which folder may import which. Imports are read from every tracked
 * TypeScript file and resolved relative to it, so `../../src/x` from `tab/src/a/b.ts` is known to
 * be the tab's own `tab/src/x`, not the service's.
 */
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\0')
  .filter((f) => /\.(?:ts|tsx)$/.test(f) && !f.includes('/dist/') && !f.startsWith('node_modules/'));

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Edge[] {
  let source: string;
  try {
    source = readFileSync(join(ROOT, file), 'utf8');
  } catch {
    return []; // deleted in the work tree
  }
  // Comments may show imports (usage examples): not edges.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const edges: Edge[] = [];
  for (const match of code.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    if (!spec?.startsWith('.')) continue;
    const to = normalize(relative(ROOT, join(ROOT, dirname(file), spec)));
    edges.push({ from: file, to, typeOnly: /^\s*(?:import|export)\s+type\s/.test(match[0].trimStart()) });
  }
  return edges;
}

const edges = files.flatMap(importsOf);
const under = (path: string, ...folders: string[]) =>
  folders.some((f) => path === f || path.startsWith(`${f}/`));

/** Rules: [what imports, what it may not import, why]. */
const RULES: ReadonlyArray<{
  readonly from: (file: string) => boolean;
  readonly forbidden: (target: string) => boolean;
  readonly why: string;
}> = [
  {
    from: (f) => under(f, 'contract'),
    forbidden: (t) => !under(t, 'contract'),
    why: 'the wire contract is dependency-free',
  },
  {
    from: (f) => under(f, 'tab'),
    forbidden: (t) => !under(t, 'tab', 'contract'),
    why: 'the tab knows the service only through the contract',
  },
  {
    from: (f) => under(f, 'bot/cards'),
    // The command catalog is plain data (the help card lists it).
    forbidden: (t) => !under(t, 'bot/cards', 'contract') && t !== 'bot/commands/catalog.ts',
    why: 'cards are pure functions of contract data',
  },
  {
    from: (f) => under(f, 'src', 'bot', 'tab', 'contract'),
    forbidden: (t) => under(t, 'emulator', 'tests', 'bench', 'scripts', 'examples'),
    why: 'production code never imports the emulator or test code',
  },
  {
    from: (f) =>
      under(
        f,
        'src/domain',
        'src/azure',
        'src/vms',
        'src/operations',
        'src/auth',
        'src/limits',
        'src/config',
        'src/util',
        'src/net',
      ),
    forbidden: (t) => under(t, 'src/http', 'bot', 'tab') || t === 'src/app.ts' || t === 'src/main.ts',
    why: 'lower layers never import routes, the chat or the composition root',
  },
  {
    from: (f) => under(f, 'emulator'),
    forbidden: (t) => under(t, 'src', 'bot', 'tab', 'tests'),
    why: 'the emulator stands alone, like the cloud it copies',
  },
];

describe('architecture', () => {
  it.each(RULES.map((rule) => [rule.why, rule] as const))('%s', (_why, rule) => {
    const violations = edges
      .filter((e) => rule.from(e.from) && rule.forbidden(e.to))
      .map((e) => `${e.from} → ${e.to}`);
    expect(violations).toEqual([]);
  });

  it('has no import cycles (type-only imports included)', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'visiting')
          cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    expect(cycles).toEqual([]);
  });

  it('reads imports (a self-check, so the rules above cannot pass by reading nothing)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'src/app.ts', to: 'bot/index.ts' }));
  });
});
