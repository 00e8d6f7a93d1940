import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}
export type Manifest = Readonly<Record<string, ManifestChunk>>;

export interface InitialJs {
  /** The page, e.g. `index.html`. */
  readonly page: string;
  /** JS files loaded before the page can run: the entry and its static imports (not dynamic ones). */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** The entry's file and every chunk it imports statically, transitively, in load order. Pure. */
export function initialFiles(manifest: Manifest, page: string): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no entry '${key}'`);
    files.push(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(page);
  return files;
}

/** Reads `<outDir>/.vite/manifest.json` and measures each HTML page's initial JS (gzip level 9). */
export async function measureInitialJs(outDir: string): Promise<InitialJs[]> {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const pages = Object.keys(manifest).filter((key) => key.endsWith('.html') && manifest[key]?.isEntry);
  return Promise.all(
    pages.sort().map(async (page) => {
      const files = initialFiles(manifest, page);
      const contents = await Promise.all(files.map((file) => readFile(join(outDir, file))));
      return {
        page,
        files,
        bytes: contents.reduce((sum, c) => sum + c.length, 0),
        gzipBytes: contents.reduce((sum, c) => sum + gzipSync(c, { level: 9 }).length, 0),
      };
    }),
  );
}

export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
