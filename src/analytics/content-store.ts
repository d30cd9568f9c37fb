/**
 * The content board (seed 004 内容看板) from the event log and the content list: per content
 * item reads, readers, shares and the readers who bought within the attribution window; reads
 * per staff member who sent the item (the staff id a content.viewed event carries); the most
 * active readers. Each reader's first read in the range starts the window, and every item a
 * buyer read is credited (several items may share one order).
 */
import { z } from '@hono/zod-openapi';
import { audit, type Actor } from '../customers/index.ts';
import { withoutJit } from '../audiences/index.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { compare } from './operations.ts';
import { boardQuerySchema, boardRange, customerFilter } from './operations-store.ts';
import { parseContentItems, rankContent, DEFAULT_ATTRIBUTION_DAYS, type ContentType } from './content.ts';

export const contentQuerySchema = boardQuerySchema.extend({
  windowDays: z.coerce.number().int().min(1).max(90).optional()
    .openapi({ description: `attribution window after a reader's first read, days (default ${DEFAULT_ATTRIBUTION_DAYS})` }),
}).strict();
export type ContentQuery = z.infer<typeof contentQuerySchema>;

export interface StoredContentItem { contentId: string; title: string | null; type: ContentType; productIds: string[]; source: 'event' | 'operator'; updatedAt: string }

const iso = (ms: number) => new Date(ms).toISOString();

export async function listContentItems(q: Queryable, ws: string): Promise<StoredContentItem[]> {
  const rows = await q.query<{ content_id: string; title: string | null; type: ContentType; product_ids: string[]; source: 'event' | 'operator'; updated_at: Date }>(
    `SELECT content_id, title, type, product_ids, source, updated_at FROM content_items WHERE workspace_id = $1 ORDER BY content_id`, [ws],
  );
  return rows.map((r) => ({ contentId: r.content_id, title: r.title, type: r.type, productIds: r.product_ids, source: r.source, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** The operator's list: each good item saved (the operator's title, type and products win), each bad one reported. */
export async function saveContentItems(q: Queryable, ws: string, input: readonly unknown[], actor: Actor): Promise<{ saved: number; errors: { index: number; reason: string }[] }> {
  const { items, errors } = parseContentItems(input);
  if (items.length > 0) {
    await q.query(
      `INSERT INTO content_items (workspace_id, content_id, title, type, product_ids, source)
       SELECT $1, id, title, type, ARRAY(SELECT jsonb_array_elements_text(p)), 'operator'
       FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) AS x(id, title, type, p)
       ON CONFLICT (workspace_id, content_id) DO UPDATE SET title = EXCLUDED.title, type = EXCLUDED.type,
         product_ids = EXCLUDED.product_ids, source = 'operator', updated_at = now()`,
      [ws, items.map((i) => i.contentId), items.map((i) => i.title), items.map((i) => i.type), items.map((i) => JSON.stringify(i.productIds))],
    );
    await audit(q, ws, actor, 'content.save', null, { contentIds: items.map((i) => i.contentId) });
  }
  return { saved: items.length, errors };
}

/** Items the events name that the list does not have yet (housekeeping): their product ids from the event, no title. */
export async function syncContentItems(q: Queryable, ws: string, since: number): Promise<number> {
  const rows = await q.query(
    `INSERT INTO content_items (workspace_id, content_id, title, product_ids, source)
     SELECT DISTINCT ON (e.data ->> 'contentId') $1, e.data ->> 'contentId', NULLIF(e.data ->> 'title', ''),
            CASE WHEN jsonb_typeof(e.data -> 'productIds') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e.data -> 'productIds')) ELSE '{}' END, 'event'
     FROM events e
     WHERE e.workspace_id = $1 AND e.type IN ('content.viewed', 'content.shared') AND e.occurred_at >= $2::timestamptz
       AND e.data ->> 'contentId' IS NOT NULL
     ORDER BY e.data ->> 'contentId', e.occurred_at DESC
     ON CONFLICT (workspace_id, content_id) DO NOTHING
     RETURNING content_id`,
    [ws, iso(since)],
  );
  return rows.length;
}

export interface ContentBoard {
  from: string; to: string; previous: { from: string; to: string }; windowDays: number;
  views: ReturnType<typeof compare>;
  items: { rank: number; contentId: string; title: string | null; type: string | null; views: number; viewers: number; shares: number; buyers: number; revenueFen: number; conversion: number; previousViews: number }[];
  byStaff: { staffId: string | null; name: string | null; contents: number; views: number; viewers: number }[];
  visitors: { customerId: number; name: string | null; views: number; contents: number; shares: number }[];
}

async function contentBoardIn(q: Queryable, ws: string, query: ContentQuery, scope: CustomerScope): Promise<ContentBoard> {
  const r = await boardRange(q, ws, query);
  const windowDays = query.windowDays ?? DEFAULT_ATTRIBUTION_DAYS;
  const where = async (params: unknown[]) => {
    const cust = await customerFilter(q, ws, query, scope, 'e', params);
    return query.staff === undefined ? cust : `${cust} AND e.staff_id = $${params.push(query.staff)}`;
  };
  const ip: unknown[] = [ws, iso(r.from), iso(r.to), windowDays];
  const itemRows = await q.query<{ cid: string; views: string; viewers: string; buyers: string; revenue: string | null }>(
    `WITH v AS (
       SELECT e.data ->> 'contentId' AS cid, e.customer_id, count(*) AS views, min(e.occurred_at) AS first_at
       FROM events e
       WHERE e.workspace_id = $1 AND e.type = 'content.viewed' AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
         AND e.data ->> 'contentId' IS NOT NULL AND ${await where(ip)}
       GROUP BY 1, 2
     )
     SELECT v.cid, sum(v.views) AS views, count(*) AS viewers, count(*) FILTER (WHERE o.n > 0) AS buyers, sum(o.fen) AS revenue
     FROM v LEFT JOIN LATERAL (
       SELECT count(*) AS n, COALESCE(sum(o.amount_fen - o.refunded_fen), 0) AS fen FROM orders o
       WHERE o.workspace_id = $1 AND o.customer_id = v.customer_id AND o.paid_at >= v.first_at AND o.paid_at < v.first_at + $4::int * interval '1 day'
     ) o ON true
     GROUP BY v.cid`, ip,
  );
  const sp: unknown[] = [ws, iso(r.prevFrom), iso(r.to), iso(r.from)];
  const other = await q.query<{ cid: string; cur: boolean; type: string; n: string }>(
    `SELECT e.data ->> 'contentId' AS cid, e.occurred_at >= $4::timestamptz AS cur, e.type, count(*) AS n FROM events e
     WHERE e.workspace_id = $1 AND e.type IN ('content.viewed', 'content.shared') AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
       AND e.data ->> 'contentId' IS NOT NULL AND ${await where(sp)}
     GROUP BY 1, 2, 3`, sp,
  );
  const shares = new Map<string, number>();
  const prevViews = new Map<string, number>();
  let prevTotal = 0;
  for (const o of other) {
    if (o.type === 'content.shared' && o.cur) shares.set(o.cid, (shares.get(o.cid) ?? 0) + Number(o.n));
    if (o.type === 'content.viewed' && !o.cur) { prevViews.set(o.cid, Number(o.n)); prevTotal += Number(o.n); }
  }
  const items = new Map((await listContentItems(q, ws)).map((i) => [i.contentId, i]));
  const ranked = rankContent(itemRows.map((x) => ({
    contentId: x.cid, views: Number(x.views), viewers: Number(x.viewers), shares: shares.get(x.cid) ?? 0, buyers: Number(x.buyers), revenueFen: Number(x.revenue ?? 0),
  })));

  const bp: unknown[] = [ws, iso(r.from), iso(r.to)];
  const staffRows = await q.query<{ staff_id: string | null; contents: string; views: string; viewers: string }>(
    `SELECT e.staff_id, count(DISTINCT e.data ->> 'contentId') AS contents, count(*) AS views, count(DISTINCT e.customer_id) AS viewers FROM events e
     WHERE e.workspace_id = $1 AND e.type = 'content.viewed' AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz AND ${await where(bp)}
     GROUP BY 1 ORDER BY 3 DESC, 1`, bp,
  );
  const names = new Map((await q.query<{ staff_id: string; name: string }>(`SELECT staff_id, name FROM staff WHERE workspace_id = $1`, [ws])).map((s) => [s.staff_id, s.name]));
  const vp: unknown[] = [ws, iso(r.from), iso(r.to)];
  const visitors = await q.query<{ customer_id: string; name: string | null; views: string; contents: string; shares: string }>(
    `SELECT e.customer_id, COALESCE(c.name, ag.name) AS name, count(*) FILTER (WHERE e.type = 'content.viewed') AS views,
            count(DISTINCT e.data ->> 'contentId') AS contents, count(*) FILTER (WHERE e.type = 'content.shared') AS shares
     FROM events e
     JOIN customers c ON c.workspace_id = e.workspace_id AND c.customer_id = e.customer_id
     LEFT JOIN customer_aggregates ag ON ag.workspace_id = c.workspace_id AND ag.customer_id = c.customer_id
     WHERE e.workspace_id = $1 AND e.type IN ('content.viewed', 'content.shared') AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
       AND ${await where(vp)}
     GROUP BY 1, 2 ORDER BY 3 DESC, 5 DESC, 1 LIMIT 20`, vp,
  );
  const total = ranked.reduce((a, x) => ({ views: a.views + x.views }), { views: 0 });
  return {
    from: query.from, to: query.to, previous: r.previous, windowDays,
    views: compare(total.views, prevTotal),
    items: ranked.map((x) => ({
      rank: x.rank, contentId: x.contentId, title: items.get(x.contentId)?.title ?? null, type: items.get(x.contentId)?.type ?? null,
      views: x.views, viewers: x.viewers, shares: x.shares, buyers: x.buyers, revenueFen: x.revenueFen, conversion: x.conversion, previousViews: prevViews.get(x.contentId) ?? 0,
    })),
    byStaff: staffRows.map((s) => ({ staffId: s.staff_id, name: s.staff_id ? names.get(s.staff_id) ?? null : null, contents: Number(s.contents), views: Number(s.views), viewers: Number(s.viewers) })),
    visitors: visitors.map((v) => ({ customerId: Number(v.customer_id), name: v.name, views: Number(v.views), contents: Number(v.contents), shares: Number(v.shares) })),
  };
}

/** contentBoard, with JIT off on the server: compiling this query's expressions costs more than it saves. */
export const contentBoard = (q: Queryable, ...args: Parameters<typeof contentBoardIn> extends [Queryable, ...infer R] ? R : never) =>
  withoutJit(q, (tx) => contentBoardIn(tx, ...args));
