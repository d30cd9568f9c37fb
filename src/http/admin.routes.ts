import { createRoute, z } from '@hono/zod-openapi';
import { SiyuError } from '../shared/errors.ts';
import { snapshotEmbedded } from '../store/backup.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses } from './errors.ts';
import { requireRole } from './principal.ts';

const backup = createRoute({
  method: 'post',
  path: '/api/v1/admin/backup',
  summary: 'A consistent backup of the embedded store, taken while the server runs (admins)',
  description:
    'The whole embedded data directory as a gzipped tarball, copied between transactions. ' +
    '"siyu backup <file>" calls this when a running server holds the data directory; "siyu restore <file>" restores it. ' +
    'A PostgreSQL server store is backed up with pg_dump instead (400 here).',
  responses: {
    200: { description: 'The backup archive', content: { 'application/gzip': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses,
  },
});

export function adminRoutes({ db }: AppDeps) {
  const router = newRouter();
  router.use('/api/v1/admin/*', requireRole('admin'));
  return router.openapi(backup, async (c) => {
    if (db.kind !== 'embedded') {
      throw new SiyuError('bad_request', 'this server uses a PostgreSQL server store: back it up with pg_dump (or "siyu backup <file>" with DATABASE_URL set)');
    }
    const data = await snapshotEmbedded(db);
    const name = `siyu-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
    return c.body(data, 200, {
      'content-type': 'application/gzip',
      'content-disposition': `attachment; filename="${name}"`,
      'content-length': String(data.byteLength),
    }) as never;
  });
}
