/**
 * Shop order integrations: the signed webhook shops post to, and the management of the
 * sources (each with its own secret) behind it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { SiyuError } from '../shared/errors.ts';
import {
  MAX_WEBHOOK_BYTES, SIGNATURE_HEADER, TIMESTAMP_HEADER, addShopSource, listShopSources, orderUpdateSchema, receiveOrderWebhook,
  recentDeliveries, rotateShopSecret, setShopSourceDisabled,
} from '../shop/index.ts';
import { DEFAULT_WORKSPACE } from '../workspaces/index.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponse, errorResponses, errorSchema, json, workspaceQuery } from './errors.ts';
import { clientAddressOf, trustedProxies } from './client.ts';
import { actorOf, workspaceOf } from './principal.ts';
import { refusalLimit } from './refusal-limit.ts';

const sourceParam = z.object({ source: z.string().openapi({ example: 'youzan' }) });

const outcomeSchema = z
  .object({
    orderId: z.string(),
    outcome: z.enum(['applied', 'unchanged', 'rejected']).openapi({ description: 'unchanged: the update said nothing new (a repeat or an older state)' }),
    events: z.array(z.string()).openapi({ description: 'Ids of the order events this update produced' }),
    customerId: z.number().optional(),
    error: z.string().optional(),
  })
  .openapi('ShopOrderOutcome');

const sourceSchema = z
  .object({ source: z.string(), name: z.string(), disabled: z.boolean(), createdAt: z.string(), rotatedAt: z.string().nullable() })
  .openapi('ShopSource');

const webhook = createRoute({
  method: 'post',
  path: '/api/v1/webhooks/orders/{source}',
  summary: 'Receive an order status update from a shop (signed)',
  description:
    `Authenticated by signature, not by login: \`${TIMESTAMP_HEADER}\` is the unix time in seconds and \`${SIGNATURE_HEADER}\` is ` +
    '`sha256=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` with the source\'s secret. Updates of the same order are idempotent ' +
    'and may arrive in any order: a refund before its payment, the same status twice, an older refund after a newer one.',
  request: {
    params: sourceParam,
    query: workspaceQuery,
    headers: z.object({ [SIGNATURE_HEADER]: z.string(), [TIMESTAMP_HEADER]: z.string() }),
    body: { required: true, content: { 'application/json': { schema: orderUpdateSchema } } },
  },
  responses: {
    200: { description: 'What the update changed', content: { 'application/json': { schema: outcomeSchema } } },
    401: { description: 'Missing, stale or wrong signature', content: { 'application/json': { schema: errorSchema } } },
    429: { description: 'Too many refused webhooks from this sender this minute', content: { 'application/json': { schema: errorSchema } } },
    413: { description: `Body larger than ${MAX_WEBHOOK_BYTES} bytes`, content: { 'application/json': { schema: errorSchema } } },
    ...errorResponses,
  },
});

const listSources = createRoute({
  method: 'get', path: '/api/v1/shop/sources', summary: 'Shops that send order webhooks',
  request: { query: workspaceQuery },
  responses: { 200: { description: 'Sources', content: { 'application/json': { schema: z.array(sourceSchema) } } }, ...errorResponses },
});

const addSource = createRoute({
  method: 'post', path: '/api/v1/shop/sources', summary: 'Register a shop; its signing secret is returned this once',
  request: {
    query: workspaceQuery,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ source: z.string().openapi({ example: 'youzan' }), name: z.string().max(100).optional(), secret: z.string().min(16).max(200).optional() }) } },
    },
  },
  responses: {
    201: { description: 'The source with its secret', content: { 'application/json': { schema: sourceSchema.extend({ secret: z.string() }) } } },
    409: { description: 'Already registered', content: { 'application/json': { schema: errorSchema } } },
    ...errorResponses,
  },
});

const rotate = createRoute({
  method: 'post', path: '/api/v1/shop/sources/{source}/rotate', summary: 'Replace a shop\'s signing secret (returned this once)',
  request: { params: sourceParam, query: workspaceQuery },
  responses: { 200: { description: 'New secret', content: { 'application/json': { schema: z.object({ source: z.string(), secret: z.string() }) } } }, ...errorResponses },
});

const setState = createRoute({
  method: 'patch', path: '/api/v1/shop/sources/{source}', summary: 'Disable or enable a shop source (a disabled source\'s webhooks are refused)',
  request: { params: sourceParam, query: workspaceQuery, body: { required: true, content: { 'application/json': { schema: z.object({ disabled: z.boolean() }) } } } },
  responses: { 200: { description: 'The source', content: { 'application/json': { schema: sourceSchema } } }, ...errorResponses },
});

const deliveries = createRoute({
  method: 'get', path: '/api/v1/shop/deliveries', summary: 'Recent webhook and file deliveries with their outcome',
  request: { query: workspaceQuery.extend({ source: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).optional() }) },
  responses: {
    200: {
      description: 'Newest first',
      content: {
        'application/json': {
          schema: z.array(z.object({
            deliveryId: z.number().openapi({ description: '0 for unsigned requests refused, counted per minute' }), source: z.string(),
            receivedAt: z.string(), orderId: z.string().nullable(), outcome: z.string(), events: z.array(z.string()), error: z.string().nullable(),
            requests: z.number().openapi({ description: 'How many requests the entry stands for (refusals are counted per minute)' }),
          })),
        },
      },
    },
    ...errorResponses,
  },
});

/** Refused webhooks a sender may have per minute and source before it is turned away unread. */
export const WEBHOOK_REFUSALS_PER_MINUTE = 30;

export function shopRoutes({ db, now, trustedProxies: proxies }: AppDeps) {
  const router = newRouter();
  const clock = () => now?.() ?? Date.now();
  const trusted = trustedProxies(proxies);
  router.use('/api/v1/webhooks/orders/*', refusalLimit({
    perMinute: WEBHOOK_REFUSALS_PER_MINUTE, now: clock,
    keyOf: (c) => `${clientAddressOf(c, trusted)} ${c.req.query('workspace') ?? DEFAULT_WORKSPACE} ${c.req.path}`,
  }));
  router.use(
    '/api/v1/webhooks/orders/*',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) => errorResponse(c, new SiyuError('payload_too_large', `the request body is larger than ${MAX_WEBHOOK_BYTES} bytes`)),
    }),
  );
  // Documented with its schema, but the signature is checked over the raw bytes before
  // anything reads the body, so an unsigned request learns nothing about the format.
  router.openAPIRegistry.registerPath(webhook);
  router.post('/api/v1/webhooks/orders/:source', async (c) => {
    const workspace = c.req.query('workspace') ?? DEFAULT_WORKSPACE;
    const outcome = await receiveOrderWebhook(db, workspace, c.req.param('source'), {
      body: await c.req.text(),
      signature: c.req.header(SIGNATURE_HEADER),
      timestamp: c.req.header(TIMESTAMP_HEADER),
      address: clientAddressOf(c, trusted),
    }, clock());
    return c.json(outcome, 200);
  });
  router.openapi(listSources, async (c) => c.json(await listShopSources(db, workspaceOf(c)), 200));
  router.openapi(addSource, async (c) => c.json(await addShopSource(db, workspaceOf(c), c.req.valid('json'), actorOf(c)), 201));
  router.openapi(rotate, async (c) => c.json(await rotateShopSecret(db, workspaceOf(c), c.req.valid('param').source, actorOf(c)), 200));
  router.openapi(setState, async (c) =>
    c.json(await setShopSourceDisabled(db, workspaceOf(c), c.req.valid('param').source, c.req.valid('json').disabled, actorOf(c)), 200));
  router.openapi(deliveries, async (c) => {
    const q = c.req.valid('query');
    return c.json(await recentDeliveries(db, workspaceOf(c), q.source, q.limit), 200);
  });
  return router;
}
