import { createRoute, z } from '@hono/zod-openapi';
import { listImportRuns, markInterruptedImports } from '../imports/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, ok } from './errors.ts';
import { requireRole, workspaceOf } from './principal.ts';

const importRun = z.object({
  importId: z.number(),
  workspaceId: z.string(),
  kind: z.enum(['customers', 'orders', 'events']),
  file: z.string(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']).openapi({
    description: 'interrupted: the process running it stopped mid-way; committed batches are kept, importing the same file again completes it',
  }),
  rowsRead: z.number(),
  rowsLanded: z.number(),
  rowsUnchanged: z.number(),
  rowsRejected: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
}).openapi('ImportRun');

const listRuns = createRoute({
  method: 'get',
  path: '/api/v1/imports',
  summary: 'The latest import runs of the workspace (running, done, failed, interrupted)',
  request: { query: z.object({ workspace: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(50) }) },
  responses: { 200: ok('Import runs, newest first', z.object({ runs: z.array(importRun) })), ...errorResponses },
});

export function importRoutes({ db }: AppDeps) {
  const router = newRouter();
  router.use('/api/v1/imports', requireRole('admin', 'operator'));
  return router.openapi(listRuns, async (c) => {
    const { limit } = c.req.valid('query');
    await markInterruptedImports(db);
    return c.json({ runs: await listImportRuns(db, workspaceOf(c), limit) }, 200);
  });
}
