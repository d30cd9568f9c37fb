import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorSchema } from './errors.ts';

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness and store check',
  responses: {
    200: {
      description: 'Healthy',
      content: { 'application/json': { schema: z.object({ ok: z.boolean(), store: z.enum(['embedded', 'server']) }) } },
    },
    503: {
      description: 'The store cannot be reached at the moment (code store_unavailable); the server keeps running and reconnects by itself',
      content: { 'application/json': { schema: errorSchema } },
    },
  },
});

export function healthRoutes({ db }: AppDeps) {
  return newRouter().openapi(health, async (c) => {
    await db.query('SELECT 1');
    return c.json({ ok: true, store: db.kind }, 200);
  });
}
