import type { Plugin, ResolvedConfig } from 'vite';
import { formatKb, measureInitialJs } from './initial-js.ts';

export interface InitialJsReportOptions {
  /** Gzipped byte budgets per page (`index.html`: 250 KB). A page over budget fails the build. Default: none. */
  readonly budgets?: Readonly<Record<string, number>>;
}

/** Prints each page's initial JS (entry + static imports), raw and gzipped, after the bundle is written. */
export function initialJsReport(options: InitialJsReportOptions = {}): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'vm-manager:initial-js-report',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      if (!config) return;
      const outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : `${config.root}/${config.build.outDir}`;
      const report = await measureInitialJs(outDir);
      const over: string[] = [];
      console.log('\nInitial JS per page (entry + static imports):');
      for (const page of report) {
        const budget = options.budgets?.[page.page];
        const verdict =
          budget === undefined
            ? ''
            : page.gzipBytes <= budget
              ? ` (budget ${formatKb(budget)}: ok)`
              : ` (OVER budget ${formatKb(budget)})`;
        console.log(
          `  ${page.page.padEnd(16)} ${formatKb(page.bytes).padStart(10)}  gzip ${formatKb(page.gzipBytes).padStart(9)}${verdict}`,
        );
        if (budget !== undefined && page.gzipBytes > budget) over.push(page.page);
      }
      if (over.length > 0) throw new Error(`initial JS over budget: ${over.join(', ')}`);
    },
  };
}
