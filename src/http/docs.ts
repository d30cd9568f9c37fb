/**
 * The browsable API documents at /docs: Swagger UI's own files from the pinned
 * swagger-ui-dist package, served by this server (no CDN, nothing unpinned, no inline
 * script, so the Content-Security-Policy holds on this page too).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';

const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Siyu (私域) API</title>
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

// Structural: any Hono app, whatever its env/schema generics.
type AnyHono = Pick<Hono, 'get'>;

export function mountDocs(app: AnyHono): void {
  const cache = new Map<string, Promise<Buffer>>();
  app.get('/docs', (c) => c.html(PAGE, 200, { 'cache-control': 'no-cache' }));
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/docs/:file', async (c) => {
    const file = c.req.param('file');
    const type = FILES[file];
    if (!type) return c.notFound();
    if (!cache.has(file)) cache.set(file, readFile(join(DIST, file)));
    // The package is pinned, so a file changes only with a new release (and a restart).
    return c.body(new Uint8Array(await cache.get(file)!), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
