import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { SiyuError } from '../shared/errors.ts';
import { eventEnvelopeSchema, ingestEvents } from '../events/index.ts';
import { notifyAutomation } from '../automation/index.ts';
import { workspaceOf } from './principal.ts';
import type { AppDeps } from './app.ts';
import { newRouter } from './app.ts';
import { errorResponse, errorResponses, errorSchema } from './errors.ts';
import { decodeUtf8Body } from './text-input.ts';

export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const ingestResult = z
  .object({
    accepted: z.array(z.object({ index: z.number(), id: z.string(), customerId: z.number() })),
    duplicates: z.array(z.object({ index: z.number(), id: z.string() })),
    rejected: z.array(z.object({ index: z.number(), id: z.string().optional(), reason: z.string() })),
  })
  .openapi('IngestResult');

const postEvents = createRoute({
  method: 'post',
  path: '/api/v1/events',
  summary: 'Send events (JSON array or NDJSON)',
  description:
    'Each event is validated on its own: bad ones are rejected with their index and reason, the rest land. ' +
    `The same id sent again is reported as a duplicate. At most ${MAX_EVENTS_PER_REQUEST} events or 10 MiB per request.`,
  request: {
    query: z.object({ workspace: z.string().optional().openapi({ description: 'Workspace id (default "default")' }) }),
    body: {
      required: true,
      content: {
        'application/json': { schema: z.array(eventEnvelopeSchema) },
        'application/x-ndjson': { schema: z.string().openapi({ description: 'One event per line' }) },
      },
    },
  },
  responses: {
    200: { description: 'What happened to each event', content: { 'application/json': { schema: ingestResult } } },
    413: { description: 'Too many events or too large a body', content: { 'application/json': { schema: errorSchema } } },
    ...errorResponses,
  },
});

interface ParsedBody {
  items: unknown[];
  /** Index → reason, for NDJSON lines that are not JSON. */
  badLines: Map<number, string>;
}

/** Parse the body ourselves: one bad line must not reject the whole batch. */
function parseBody(text: string, contentType: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') throw new SiyuError('bad_request', 'the request body is empty; send a JSON array of events or NDJSON');
  const badLines = new Map<number, string>();
  if (contentType.includes('ndjson') || (!trimmed.startsWith('[') && !contentType.includes('json'))) {
    const lines = trimmed.split(/\r?\n/);
    const items: unknown[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        items.push(JSON.parse(line));
      } catch (err) {
        badLines.set(items.length, `line ${i + 1}: not valid JSON (${(err as Error).message})`);
        items.push(null);
      }
    });
    return { items, badLines };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (err) {
    throw new SiyuError('bad_request', `the request body is not valid JSON: ${(err as Error).message}`);
  }
  return { items: Array.isArray(parsed) ? parsed : [parsed], badLines };
}

export function eventRoutes({ db, now }: AppDeps) {
  const router = newRouter();
  router.use(
    '/api/v1/events',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorResponse(c, new SiyuError('payload_too_large', `the request body is larger than 10 MiB; split the batch`)),
    }),
  );
  // Documented with its schemas, but the handler validates item by item: one bad event
  // must not reject the batch, which whole-body validation would do.
  router.openAPIRegistry.registerPath(postEvents);
  router.post('/api/v1/events', async (c) => {
    const workspace = workspaceOf(c);
    // JSON is UTF-8 (RFC 8259): a GBK body is refused, not stored as replacement characters.
    const { items, badLines } = parseBody(decodeUtf8Body(new Uint8Array(await c.req.arrayBuffer())), c.req.header('content-type') ?? '');
    if (items.length > MAX_EVENTS_PER_REQUEST) {
      throw new SiyuError('payload_too_large', `${items.length} events in one request; the limit is ${MAX_EVENTS_PER_REQUEST}`);
    }
    const result = await ingestEvents(db, workspace, items, { source: 'api', now: now?.() });
    if (result.accepted.length > 0) notifyAutomation();
    result.rejected = result.rejected.map((r) => ({ ...r, reason: badLines.get(r.index) ?? r.reason }));
    return c.json(result, 200);
  });
  return router;
}
