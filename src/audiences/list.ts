/**
 * The console's customer table: one page of customers matching a filter and/or search,
 * sorted, with a keyset cursor (stable under inserts, O(page) at any depth) and an
 * optional total. Phones are masked unless the caller may see them.
 */
import { engagementScore } from '../models/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { textProblem } from '../shared/text.ts';
import { formatFen } from '../shared/money.ts';
import { maskPhone } from '../shared/phone.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { getModelConfig } from '../workspaces/index.ts';
import type { AudienceFilter } from './filter.ts';
import { audienceWhere, countAudience, withoutJit } from './query.ts';

export const SORT_KEYS = ['addedAt', 'lastInteractionAt', 'paidAmount', 'trustLevel', 'engagement', 'name', 'customerId'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface CustomerSort { by: SortKey; dir: 'asc' | 'desc' }

/**
 * Each sort key as an expression that is never NULL (a keyset needs a total order) and the
 * type its cursor value is cast back to. Missing values sort as the lowest.
 * The engagement score is monotone in its stored log, so sorting by the log is sorting by score.
 */
const SORT_SQL: Record<SortKey, { expr: string; cast: string }> = {
  addedAt: { expr: `COALESCE(c.added_at, a.added_at, '-infinity'::timestamptz)`, cast: 'timestamptz' },
  lastInteractionAt: { expr: `COALESCE(a.last_interaction_at, '-infinity'::timestamptz)`, cast: 'timestamptz' },
  paidAmount: { expr: `COALESCE(a.paid_fen, 0)`, cast: 'bigint' },
  trustLevel: { expr: `COALESCE(m.trust_level, -1)`, cast: 'int' },
  engagement: { expr: `COALESCE(m.engagement_log2, '-infinity'::float8)`, cast: 'float8' },
  name: { expr: `COALESCE(c.name, a.name, '')`, cast: 'text' },
  customerId: { expr: `c.customer_id`, cast: 'bigint' },
};

export interface CustomerListItem {
  customerId: number;
  name: string | null;
  /** The first phone identity, masked (138****8000) unless the caller may see phones. */
  phone: string | null;
  ownerStaff: string | null;
  channel: string | null;
  addedAt: string | null;
  trustLevel: number | null;
  lifecycle: { ecommerce: string | null; sales: string | null };
  rfmSegment: string | null;
  valueTier: string | null;
  engagement: number;
  paidOrders: number;
  /** Yuan, 2 decimals. */
  paidAmount: string;
  /** The most recent few live tags as group/tag (not the models' system tags: those are the columns above). */
  tags: string[];
}

export interface ListCustomersOptions {
  filter?: AudienceFilter | undefined;
  search?: string | undefined;
  scope: CustomerScope;
  sort?: CustomerSort | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Count the whole audience too (one more query). */
  withTotal?: boolean | undefined;
  seePhones?: boolean | undefined;
  now?: number | undefined;
}

export interface CustomerPage {
  items: CustomerListItem[];
  nextCursor: string | null;
  total?: number;
}

const TAGS_SHOWN = 5;
const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export function parseSort(text: string | undefined): CustomerSort | undefined {
  if (!text) return undefined;
  const [by, dir = 'desc'] = text.split(':');
  if (!(SORT_KEYS as readonly string[]).includes(by!) || (dir !== 'asc' && dir !== 'desc')) {
    throw new SiyuError('validation_failed', `sort "${text}" must be one of ${SORT_KEYS.join(', ')} with :asc or :desc`, { path: 'sort' });
  }
  return { by: by as SortKey, dir };
}

type Cursor = { s: SortKey; d: 'asc' | 'desc'; v: string; id: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** What each sort key's cursor value must look like: the text PostgreSQL gave for it, never anything it would refuse to cast. */
const CURSOR_VALUE: Record<string, (v: string) => boolean> = {
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  int: (v) => /^-?\d{1,9}$/.test(v),
  float8: (v) => /^-?Infinity$/.test(v) || (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(v) && Number.isFinite(Number(v))),
  text: (v) => v.length <= 1000 && textProblem(v) === undefined,
  timestamptz: (v) => {
    if (v === '-infinity' || v === 'infinity') return true;
    const m = /^(\d{4})-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/.exec(v);
    if (!m) return false;
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]) && !Number.isNaN(Date.parse(`${v.replace(' ', 'T')}${/[+-]\d{2}$/.test(v) ? ':00' : ''}`));
  },
};

/** A cursor is opaque: an edited or foreign one is a 400 that says so, never a query the store refuses. */
function decodeCursor(text: string, sort: CustomerSort): Cursor {
  const refuse = (why: string) => new SiyuError('bad_request', `cursor ${why}; start again without a cursor`, { path: 'cursor', reason: 'invalid_cursor' });
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw refuse('is not one this API handed out');
  }
  if (typeof c !== 'object' || c === null || typeof c.v !== 'string' || !Number.isSafeInteger(c.id)) throw refuse('is not one this API handed out');
  if (c.s !== sort.by || c.d !== sort.dir) throw refuse('does not belong to this sort order');
  if (!CURSOR_VALUE[SORT_SQL[sort.by].cast]!(c.v)) throw refuse('has been changed: its position is not a value of this sort');
  return c;
}

export async function listCustomers(db: Queryable, ws: string, opts: ListCustomersOptions): Promise<CustomerPage> {
  const page = await withoutJit(db, (q) => listPage(q, ws, opts));
  if (opts.withTotal) {
    page.total = await countAudience(db, ws, opts.filter, opts.scope, { ...(opts.search ? { search: opts.search } : {}), ...(opts.now === undefined ? {} : { now: opts.now }) });
  }
  return page;
}

async function listPage(q: Queryable, ws: string, opts: ListCustomersOptions): Promise<CustomerPage> {
  const sort = opts.sort ?? { by: 'addedAt', dir: 'desc' };
  const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? 50)), 500);
  const key = SORT_SQL[sort.by];
  const w = await audienceWhere(q, ws, opts.filter, opts.scope, { ...(opts.search ? { search: opts.search } : {}), ...(opts.now === undefined ? {} : { now: opts.now }) });
  const params = [...w.params];
  let after = '';
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor, sort);
    params.push(c.v, c.id);
    // Both columns in the same direction, so one row comparison is the keyset condition.
    after = ` AND (${key.expr}, c.customer_id) ${sort.dir === 'asc' ? '>' : '<'} ($${params.length - 1}::${key.cast}, $${params.length}::bigint)`;
  }
  params.push(limit + 1);
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const rows = await q.query<Record<string, unknown>>(
    `SELECT c.customer_id, COALESCE(c.name, a.name) AS name, COALESCE(c.owner_staff, a.added_by_staff) AS owner,
            COALESCE(c.channel, a.added_channel) AS chan, COALESCE(c.added_at, a.added_at) AS added,
            a.paid_orders, a.paid_fen, m.trust_level, m.lifecycle_ecommerce, m.lifecycle_sales, m.rfm_segment, m.value_tier,
            m.engagement_log2, (${key.expr})::text AS sort_value
     FROM customers c
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     LEFT JOIN customer_models m ON m.workspace_id = c.workspace_id AND m.customer_id = c.customer_id
     WHERE ${w.sql}${after}
     ORDER BY ${key.expr} ${dir}, c.customer_id ${dir}
     LIMIT $${params.length}::int`,
    params,
  );
  const page = rows.slice(0, limit);
  const ids = page.map((r) => Number(r.customer_id));
  const now = opts.now ?? Date.now();
  // One query at a time: q may be a transaction's single connection.
  const phones = ids.length === 0 ? [] : await q.query<{ customer_id: number | string; value: string }>(
    `SELECT DISTINCT ON (customer_id) customer_id, value FROM customer_identities
     WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) AND kind = 'phone' ORDER BY customer_id, first_seen_at, value`,
    [ws, ids],
  );
  const tags = ids.length === 0 ? [] : await q.query<{ customer_id: number | string; path: string }>(
    `SELECT x.customer_id, x.path FROM (
       SELECT ct.customer_id, g.name || '/' || t.name AS path,
              row_number() OVER (PARTITION BY ct.customer_id ORDER BY ct.tagged_at DESC, ct.tag_id) AS n
       FROM customer_tags ct
       JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id
       JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
       WHERE ct.workspace_id = $1 AND ct.customer_id = ANY($2::bigint[]) AND (ct.expires_at IS NULL OR ct.expires_at > $3::timestamptz)
         AND NOT g.system
     ) x WHERE x.n <= $4::int ORDER BY x.customer_id, x.n`,
    [ws, ids, new Date(now).toISOString(), TAGS_SHOWN],
  );
  const cfg = await getModelConfig(q, ws);
  const phoneOf = new Map(phones.map((p) => [Number(p.customer_id), opts.seePhones ? p.value : maskPhone(p.value)]));
  const tagsOf = new Map<number, string[]>();
  for (const t of tags) {
    const id = Number(t.customer_id);
    tagsOf.set(id, [...(tagsOf.get(id) ?? []), t.path]);
  }
  const items = page.map((r): CustomerListItem => {
    const id = Number(r.customer_id);
    return {
      customerId: id,
      name: r.name as string | null,
      phone: phoneOf.get(id) ?? null,
      ownerStaff: r.owner as string | null,
      channel: r.chan as string | null,
      addedAt: iso(r.added),
      trustLevel: r.trust_level == null ? null : Number(r.trust_level),
      lifecycle: { ecommerce: r.lifecycle_ecommerce as string | null, sales: r.lifecycle_sales as string | null },
      rfmSegment: r.rfm_segment as string | null,
      valueTier: r.value_tier as string | null,
      engagement: engagementScore((r.engagement_log2 as number | null) ?? undefined, now, cfg.engagement.halfLifeDays),
      paidOrders: Number(r.paid_orders ?? 0),
      paidAmount: formatFen(Number(r.paid_fen ?? 0)),
      tags: tagsOf.get(id) ?? [],
    };
  });
  const last = rows.length > limit ? page.at(-1) : undefined;
  const result: CustomerPage = {
    items,
    nextCursor: last ? encodeCursor({ s: sort.by, d: sort.dir, v: last.sort_value as string, id: Number(last.customer_id) }) : null,
  };
  return result;
}
