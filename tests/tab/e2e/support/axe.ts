import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { settled } from './browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe-core violations of the page as it is now (rule id and the offending elements). */
export async function axeViolations(p: Page): Promise<string[]> {
  await settled(p); // after a theme switch, colours animate: contrast is only right once they settle
  // The tab's CSP (script-src 'self') refuses an injected <script>; an evaluation through the debugging protocol is
  // not a page script, so axe-core's source goes in that way.
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(await readFile(AXE, 'utf8'));
  const violations = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe;
    // Tabster's focus sentinels (`<i data-tabster-dummy aria-hidden tabindex="0">`, which Fluent's Toolbar, DataGrid
    // and dialogs use to move focus in and out) trip `aria-hidden-focus`; they hand focus on the moment they get it
    // and hold no content, so only they are left out — everything else of the page is checked.
    const result = (await axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      { resultTypes: ['violations'] },
    )) as {
      violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 5).join(', ')}`);
}
