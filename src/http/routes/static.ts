import type { Request, Response, Server } from 'restify';
import { notFound } from '../errors.ts';
import type { StaticSite } from '../static-files.ts';

/**
 * Sign-in / consent pages opened as popups (Teams `authentication.authenticate`, the tab's consent popup): they answer
 * their opener with `postMessage`, so they must keep `window.opener`, which any COOP but `unsafe-none` severs.
 */
const POPUP_PAGES = new Set(['/auth-start.html', '/auth-end.html']);

/** The decoded path of a request target; undefined when its escapes are not UTF-8 (`%E0%A4`), which no file is. */
function decodedPath(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent((url ?? '/').split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
}

/**
 * Serves the built tab at `/` (index.html for SPA routes). API paths never fall back to HTML. Source maps and
 * dot-folders (`/.vite/manifest.json`) are misses like any unknown file: 404 JSON (see isPrivateAsset).
 */
export function registerStaticRoutes(
  server: Server,
  site: StaticSite,
  htmlHeaders: Readonly<Record<string, string>>,
): void {
  async function serve(req: Request, res: Response): Promise<void> {
    const path = decodedPath(req.url);
    if (path === undefined) throw notFound('No such file.');
    // API paths never fall back to the tab's HTML, in any letter case (`/API/VMS` is not a page).
    if (/^\/api(?:\/|$)/i.test(path)) throw notFound('No such endpoint.');
    const file = await site.resolve(path);
    if (!file) throw notFound('No such file.');
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'content-length': String(file.size),
      'cache-control': file.cacheControl,
      ...(file.isHtml ? htmlHeaders : {}),
      ...(POPUP_PAGES.has(path) ? { 'cross-origin-opener-policy': 'unsafe-none' } : {}),
    };
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.writeHead(200);
    await new Promise<void>((resolve, reject) => {
      const stream = site.open(file);
      stream.on('error', reject);
      res.on('close', resolve);
      stream.pipe(res);
    });
  }
  server.get('/', async function staticRoot(req: Request, res: Response) {
    await serve(req, res);
  });
  server.get('/*', async function staticFile(req: Request, res: Response) {
    await serve(req, res);
  });
}
