/**
 * WeCom: the callback door (authenticated by WeCom's signature, not by login), the
 * per-workspace configuration, sync, reconciliation, channel codes and the inbox view.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { SiyuError } from '../shared/errors.ts';
import {
  createContactWay, listContactWays, listInbox, receiveCallback, reconcileWecom, setWecomConfig, showWecomConfig, syncWecom,
  transferCustomers, verifyCallbackUrl, wecomConfigSchema, type CallbackOutcome,
} from '../wecom/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponse, errorResponses, errorSchema, json, ok, workspaceQuery } from './errors.ts';
import { clientAddressOf, trustedProxies } from './client.ts';
import { requireRole, workspaceOf } from './principal.ts';
import { refusalLimit } from './refusal-limit.ts';

const MAX_CALLBACK_BYTES = 1024 * 1024;
const callbackQuery = z.object({
  msg_signature: z.string().optional(), timestamp: z.string().optional(), nonce: z.string().optional(), echostr: z.string().optional(),
});
const callbackErrors = {
  400: { description: 'Bad ciphertext, padding, corp id or XML (details.wecomCode: -40002…-40010)', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'Signature mismatch, or a timestamp more than 300 s from the server clock (details.wecomCode -40001)', content: { 'application/json': { schema: errorSchema } } },
  429: { description: 'Too many refused callbacks from this sender this minute', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'WeCom is not configured for this workspace', content: { 'application/json': { schema: errorSchema } } },
} as const;

const configView = z.object({
  workspaceId: z.string(), corpId: z.string(), token: z.string(), aesKey: z.string(), secret: z.string().openapi({ description: 'masked' }),
  apiBase: z.string(), welcomeMessage: z.string().nullable(), callbackPath: z.string(), updatedAt: z.string(),
}).openapi('WecomConfig');
const report = z.record(z.string(), z.unknown()).openapi('WecomReport');

const routes = {
  verify: createRoute({
    method: 'get', path: '/api/v1/wecom/callback/{workspace}', summary: 'WeCom URL verification: answers the decrypted echostr',
    request: { params: z.object({ workspace: z.string() }), query: callbackQuery },
    responses: { 200: { description: 'The decrypted echostr, as plain text', content: { 'text/plain': { schema: z.string() } } }, ...callbackErrors },
  }),
  receive: createRoute({
    method: 'post', path: '/api/v1/wecom/callback/{workspace}', summary: 'WeCom event callback (encrypted XML): stored, then processed',
    description: 'Verified (signature in constant time), decrypted, checked against the corp id, stored in the durable inbox ' +
      '(retries de-duplicated) and answered with "success" at once; a worker fetches the details and applies them.',
    request: { params: z.object({ workspace: z.string() }), query: callbackQuery, body: { required: true, content: { 'text/xml': { schema: z.string() } } } },
    responses: { 200: { description: '"success"', content: { 'text/plain': { schema: z.string() } } }, ...callbackErrors },
  }),
  getConfig: createRoute({
    method: 'get', path: '/api/v1/wecom/config', summary: 'The WeCom configuration, secrets masked',
    request: { query: workspaceQuery }, responses: { 200: ok('Configuration', configView), ...errorResponses },
  }),
  putConfig: createRoute({
    method: 'put', path: '/api/v1/wecom/config', summary: 'Set corp id, callback token, EncodingAESKey, secret and API base (sealed at rest)',
    request: { query: workspaceQuery, body: json(wecomConfigSchema) }, responses: { 200: ok('Saved', configView), ...errorResponses },
  }),
  sync: createRoute({
    method: 'post', path: '/api/v1/wecom/sync', summary: 'Full sync: tags both ways, every contact of every follow user, customer groups, pending tag pushes',
    request: { query: workspaceQuery }, responses: { 200: ok('What the sync did', report), 502: ok('WeCom refused or did not answer', errorSchema), ...errorResponses },
  }),
  reconcile: createRoute({
    method: 'post', path: '/api/v1/wecom/reconcile', summary: "Compare WeCom's contacts and tags with Siyu's and repair drift (missed callbacks)",
    request: { query: workspaceQuery }, responses: { 200: ok('What was repaired', report), 502: ok('WeCom refused or did not answer', errorSchema), ...errorResponses },
  }),
  contactWay: createRoute({
    method: 'post', path: '/api/v1/wecom/contact-ways', summary: 'A 「联系我」 channel QR code for a staff member (state = channel)',
    request: { query: workspaceQuery, body: json(z.object({ channel: z.string().min(1).max(30), staffId: z.string().min(1), remark: z.string().max(30).optional() })) },
    responses: { 201: ok('Created (or the existing one)', report), ...errorResponses },
  }),
  contactWays: createRoute({
    method: 'get', path: '/api/v1/wecom/contact-ways', summary: 'Channel codes made through Siyu',
    request: { query: workspaceQuery }, responses: { 200: ok('Channel codes', z.array(report)), ...errorResponses },
  }),
  transfer: createRoute({
    method: 'post', path: '/api/v1/wecom/transfers', summary: "Hand a staff member's customers to another (离职继承 when resigned, else 在职继承)",
    request: {
      query: workspaceQuery,
      body: json(z.object({ from: z.string().min(1), to: z.string().min(1), resigned: z.boolean().default(true), externalUserIds: z.array(z.string()).optional() })),
    },
    responses: { 200: ok('Transfers started', report), ...errorResponses },
  }),
  inbox: createRoute({
    method: 'get', path: '/api/v1/wecom/inbox', summary: 'Recent callbacks (with their processing result) and refused callbacks',
    request: { query: workspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
    responses: { 200: ok('Inbox', report), ...errorResponses },
  }),
};

function answer(c: Parameters<typeof errorResponse>[0], outcome: CallbackOutcome) {
  if (outcome.ok) return c.text(outcome.body, 200);
  const err = outcome.wecomCode === -40001
    ? new SiyuError('unauthorized', `WeCom callback refused: ${outcome.reason}`, { wecomCode: outcome.wecomCode })
    : new SiyuError('bad_request', `WeCom callback refused: ${outcome.reason}`, { wecomCode: outcome.wecomCode });
  return errorResponse(c, err);
}

/** Refused callbacks a sender may have per minute and workspace before it is turned away unread. */
export const CALLBACK_REFUSALS_PER_MINUTE = 30;

export function wecomRoutes({ db, now, trustedProxies: proxies }: AppDeps) {
  const router = newRouter();
  const trusted = trustedProxies(proxies);
  const clock = () => now?.() ?? Date.now();
  const sender = (c: Parameters<typeof errorResponse>[0]) => ({ now: clock(), address: clientAddressOf(c, trusted) });
  router.use('/api/v1/wecom/callback/*', refusalLimit({
    perMinute: CALLBACK_REFUSALS_PER_MINUTE, now: clock, keyOf: (c) => `${clientAddressOf(c, trusted)} ${c.req.path}`,
  }));
  router.use('/api/v1/wecom/callback/*', bodyLimit({
    maxSize: MAX_CALLBACK_BYTES,
    onError: (c) => errorResponse(c, new SiyuError('payload_too_large', 'a WeCom callback body is at most 1 MiB')),
  }));
  router.use('/api/v1/wecom/config', requireRole('admin'));
  for (const p of ['sync', 'reconcile', 'contact-ways', 'transfers', 'inbox']) router.use(`/api/v1/wecom/${p}`, requireRole('admin', 'operator'));

  router.openapi(routes.verify, async (c) => answer(c, await verifyCallbackUrl(db, c.req.valid('param').workspace, c.req.valid('query'), sender(c))) as never);
  // The body is XML: read it raw, the route only documents it.
  router.openAPIRegistry.registerPath(routes.receive);
  router.post('/api/v1/wecom/callback/:workspace', async (c) =>
    answer(c, await receiveCallback(db, c.req.param('workspace'), c.req.query(), await c.req.text(), sender(c))));

  router.openapi(routes.getConfig, async (c) => {
    const ws = workspaceOf(c);
    const view = await showWecomConfig(db, ws);
    if (!view) throw new SiyuError('not_found', `WeCom is not configured for workspace "${ws}"`);
    return c.json(view, 200);
  });
  router.openapi(routes.putConfig, async (c) => c.json(await setWecomConfig(db, workspaceOf(c), c.req.valid('json')), 200));
  router.openapi(routes.sync, async (c) => c.json(await syncWecom(db, workspaceOf(c), { ...(now ? { now: now() } : {}) }) as unknown as Record<string, unknown>, 200));
  router.openapi(routes.reconcile, async (c) => c.json(await reconcileWecom(db, workspaceOf(c), { ...(now ? { now: now() } : {}) }) as unknown as Record<string, unknown>, 200));
  router.openapi(routes.contactWay, async (c) => {
    const b = c.req.valid('json');
    return c.json(await createContactWay(db, workspaceOf(c), b) as unknown as Record<string, unknown>, 201);
  });
  router.openapi(routes.contactWays, async (c) => c.json(await listContactWays(db, workspaceOf(c)) as unknown as Record<string, unknown>[], 200));
  router.openapi(routes.transfer, async (c) => {
    const b = c.req.valid('json');
    return c.json(await transferCustomers(db, workspaceOf(c), b) as unknown as Record<string, unknown>, 200);
  });
  router.openapi(routes.inbox, async (c) => c.json(await listInbox(db, workspaceOf(c), c.req.valid('query').limit ?? 50) as unknown as unknown as Record<string, unknown>, 200));
  return router;
}
