/**
 * Workspace settings that only an admin changes: where outbound webhooks may go.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { getWebhookTargets, setWebhookTargets } from '../automation/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponses, json, ok, workspaceQuery } from './errors.ts';
import { actorOf, workspaceOf } from './principal.ts';

const targets = z.object({
  allowed: z.array(z.string().max(253)).max(100).openapi({
    description: 'Host names, addresses or CIDR ranges outside the public internet that rule webhooks may post to (e.g. "crm.intranet", "10.20.0.0/16", "127.0.0.1")',
    example: ['crm.intranet', '10.20.0.0/16'],
  }),
}).openapi('WebhookTargets');

const routes = {
  get: createRoute({
    method: 'get', path: '/api/v1/settings/webhook-targets',
    summary: 'Internal targets rule webhooks may post to (by default only the public internet)',
    request: { query: workspaceQuery }, responses: { 200: ok('The allowed internal targets', targets), ...errorResponses },
  }),
  put: createRoute({
    method: 'put', path: '/api/v1/settings/webhook-targets',
    summary: 'Allow internal targets for rule webhooks (loopback, private and link-local addresses are refused otherwise; admin only)',
    request: { query: workspaceQuery, body: json(targets) }, responses: { 200: ok('Saved', targets), ...errorResponses },
  }),
};

export function settingsRoutes({ db }: AppDeps) {
  const router = newRouter();
  router.openapi(routes.get, async (c) => c.json(await getWebhookTargets(db, workspaceOf(c)), 200));
  router.openapi(routes.put, async (c) => c.json(await setWebhookTargets(db, workspaceOf(c), c.req.valid('json').allowed, actorOf(c)), 200));
  return router;
}
