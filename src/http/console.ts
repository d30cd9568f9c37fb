/**
 * Serves the built web console (web/dist) from the API server: hashed assets with immutable
 * caching, every other non-API GET falls back to index.html so client-side routes load.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Siyu</title>
<p style="font:16px system-ui;margin:3em">控制台尚未构建 — the console is not built yet: run <code>npm run build:web</code> (or restart with <code>npm start</code>).</p>`;

/** Paths the console must never answer: the API and the server's own documents. */
function isServerPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path === '/openapi.json' || path === '/healthz';
}

async function fileIn(dir: string, urlPath: string): Promise<string | undefined> {
  let rel: string;
  try { rel = decodeURIComponent(urlPath); } catch { return undefined; }
  const full = normalize(join(dir, rel));
  if (!full.startsWith(dir + sep)) return undefined;
  try { return (await stat(full)).isFile() ? full : undefined; } catch { return undefined; }
}

// Structural: any Hono app, whatever its env/schema generics.
type AnyHono = Pick<Hono, 'get'>;

/** Mount last, after every API route. */
export function mountConsole(app: AnyHono, dist: string = DIST): void {
  app.get('*', async (c) => {
    const path = c.req.path;
    if (isServerPath(path)) return c.notFound();
    const file = path === '/' ? undefined : await fileIn(dist, path);
    if (file) {
      const immutable = path.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    // A missing hashed asset is a real 404, not the SPA page.
    if (path.startsWith('/assets/')) return c.notFound();
    try {
      const html = await readFile(join(dist, 'index.html'), 'utf8');
      return c.html(html, 200, { 'cache-control': 'no-cache' });
    } catch {
      return c.html(NOT_BUILT, 200, { 'cache-control': 'no-cache' });
    }
  });
}
