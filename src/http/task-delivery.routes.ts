import { createRoute, z } from '@hono/zod-openapi';
import { sendTasksToWecom } from '../wecom/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { scopeOf, workspaceOf } from './principal.ts';

const route = createRoute({
  method: 'post', path: '/api/v1/tasks/send-to-wecom',
  summary: 'One-click delivery: pending private-chat tasks due today (SOP steps, rules, care, follow-ups) go to WeCom as add_msg_template, ' +
    'one per staff member and text, so a morning\'s steps are one confirmation. Staff send their own. Results come back into the tasks as WeCom reports them',
  request: {
    query: workspaceQuery,
    body: json(z.object({
      staffId: z.string().max(100).optional().openapi({ description: 'admins and operators: only this staff member\'s tasks' }),
      taskIds: z.array(z.number().int().positive()).min(1).max(5000).optional().openapi({ description: 'only these tasks' }),
    }), false),
  },
  responses: {
    200: ok('What went to WeCom', z.object({
      sends: z.array(z.object({ sendId: z.number(), staffId: z.string(), msgid: z.string(), tasks: z.number(), refused: z.number() })),
      failed: z.array(z.object({ sendId: z.number(), staffId: z.string(), tasks: z.number(), error: z.string() })),
      notContacts: z.number().openapi({ description: 'tasks left pending: the customer is not a WeCom contact' }),
      overMassCap: z.number().openapi({ description: 'tasks left pending: the customer already has today\'s WeCom mass messages (contact policy)' }),
    }).openapi('TaskSendReport')),
    409: { description: 'WeCom is not configured', content: { 'application/json': { schema: errorSchema } } },
    ...errorResponses,
  },
});

export function taskDeliveryRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  return router.openapi(route, async (c) => {
    const body = c.req.valid('json') ?? {};
    const scope = scopeOf(c);
    const staffId = scope.kind === 'staff' ? scope.staffId : body.staffId;
    const r = await sendTasksToWecom(db, workspaceOf(c), {
      now: now?.() ?? Date.now(), staffId, taskIds: body.taskIds,
    });
    return c.json(r, 200);
  });
}
