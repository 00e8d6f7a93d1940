import { createReadStream, existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, relative as relativePath, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Build output the browser never needs, refused even when it is in the folder: source maps (`*.map`, they hand out the
 * tab's source) and dot-folders such as Vite's `.vite/manifest.json` (the build report reads it; it maps every chunk).
 * `relative` is a path inside the site, `/`-separated or the platform's. Pure.
 */
export function isPrivateAsset(relative: string): boolean {
  const segments = relative.split(/[\\/]+/).filter((s) => s !== '');
  return (
    segments.some((segment) => segment.startsWith('.')) ||
    (segments.at(-1)?.toLowerCase().endsWith('.map') ?? false)
  );
}

export interface StaticFile {
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
  /** Cache policy: hashed assets are immutable, HTML is revalidated. */
  readonly cacheControl: string;
  readonly isHtml: boolean;
}

export interface StaticSite {
  readonly root: string;
  /**
   * The file for a decoded URL path: the file itself, or `index.html` for extensionless paths (SPA
   * routes). Undefined when nothing should be served. Never resolves outside `root`, never to a private
   * asset (isPrivateAsset).
   */
  resolve(urlPath: string): Promise<StaticFile | undefined>;
  open(file: StaticFile): NodeJS.ReadableStream;
}

/** The built tab folder, or undefined when it does not exist (the API still runs). */
export function openStaticSite(root: string): StaticSite | undefined {
  const base = resolve(root);
  if (!existsSync(join(base, 'index.html')) || !statSync(base).isDirectory()) return undefined;

  async function fileAt(path: string): Promise<StaticFile | undefined> {
    if (path !== base && !path.startsWith(base + sep)) return undefined;
    if (isPrivateAsset(relativePath(base, path))) return undefined;
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const ext = extname(path).toLowerCase();
    const isHtml = ext === '.html';
    return {
      path,
      size: info.size,
      contentType: MIME[ext] ?? 'application/octet-stream',
      cacheControl: isHtml
        ? 'no-cache'
        : path.includes(`${sep}assets${sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=3600',
      isHtml,
    };
  }

  return {
    root: base,
    async resolve(urlPath) {
      if (urlPath.includes('\0')) return undefined;
      const relative = urlPath === '/' ? 'index.html' : urlPath.replace(/^\/+/, '');
      // Checked on the URL too, so `/.vite` or `/x.map` never falls back to index.html either.
      if (isPrivateAsset(relative)) return undefined;
      const direct = await fileAt(resolve(base, relative));
      if (direct) return direct;
      // SPA fallback for routes like /vms/xyz; missing assets (with an extension) stay 404.
      return extname(relative) === '' ? fileAt(join(base, 'index.html')) : undefined;
    },
    open: (file) => createReadStream(file.path),
  };
}
