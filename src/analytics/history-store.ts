/**
 * Daily snapshots against the store: past days are replayed from the event log and orders
 * (once, when missing), today is frozen from the stored placements by the housekeeping
 * pass, and boards and `segments --as-of` read the snapshots back.
 */
import type { EventType, NormalizedEvent } from '../events/index.ts';
import {
  computeStats, segmentDistribution, LIFECYCLE_ECOMMERCE, LIFECYCLE_SALES, RFM_SEGMENTS, TRUST_LEVELS, VALUE_TIERS,
  windowStart, type Distribution, type WorkspaceStats,
} from '../models/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { parseAmount } from '../shared/money.ts';
import type { CustomerScope } from '../shared/scope.ts';
import { localDate, localToInstant, parseEndOfDay } from '../shared/time.ts';
import type { Db, Queryable } from '../store/db.ts';
import { getModelConfig, requireWorkspace, workspaceLock } from '../workspaces/index.ts';
import {
  ordersAt, replayCustomer, SnapshotCounts, trendOf, SNAPSHOT_MODELS,
  type CustomerFacts, type Day, type FactOrder, type Interval, type SnapshotModel,
} from './history.ts';

const PAGE = 2000;
const DAY_MS = 86_400_000;

/** Display order of each model's values. */
export const VALUE_ORDER: Record<SnapshotModel | 'customers', readonly string[]> = {
  trust: TRUST_LEVELS.map((l) => `L${l}`),
  lifecycle_ecommerce: LIFECYCLE_ECOMMERCE,
  lifecycle_sales: LIFECYCLE_SALES,
  rfm: [...RFM_SEGMENTS, '(no order)'],
  value_tier: [...VALUE_TIERS].reverse(),
  customers: ['total', 'friends'],
};

/** YYYY-MM-DD plus n calendar days. */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export function dayEnd(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localToInstant(timeZone, y, m, d + 1);
}

const ms = (v: unknown): number | undefined => (v == null ? undefined : new Date(v as string | Date).getTime());

/** Live customers of an id range with everything the replay needs (events of merged records included). */
async function loadFacts(q: Queryable, workspaceId: string, after: number, upTo: number): Promise<CustomerFacts[]> {
  const customers = await q.query<Record<string, unknown>>(
    `SELECT c.customer_id, c.added_at, c.created_at, c.owner_staff, COALESCE(c.channel, a.added_channel) AS channel,
            EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = c.workspace_id AND i.customer_id = c.customer_id
                    AND i.kind = 'external_user_id') AS friend
     FROM customers c LEFT JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND c.customer_id > $2 AND c.customer_id <= $3
     ORDER BY c.customer_id`,
    [workspaceId, after, upTo],
  );
  if (customers.length === 0) return [];
  const facts = new Map<number, CustomerFacts>();
  for (const c of customers) {
    const id = Number(c.customer_id);
    facts.set(id, {
      customerId: id, explicitAddedAt: ms(c.added_at), createdAt: ms(c.created_at)!, wecomFriend: c.friend as boolean,
      channel: (c.channel as string | null) ?? null, owner: (c.owner_staff as string | null) ?? null,
      events: [], orders: [], followers: [], pins: [],
    });
  }
  const ids = [...facts.keys()];
  // Records merged into these customers keep their own events and orders.
  const members = await q.query<{ customer_id: number; live: number }>(
    `SELECT customer_id, customer_id AS live FROM unnest($2::bigint[]) AS customer_id
     UNION ALL SELECT customer_id, merged_into FROM customers WHERE workspace_id = $1 AND merged_into = ANY($2::bigint[])`,
    [workspaceId, ids],
  );
  const liveOf = new Map(members.map((m) => [Number(m.customer_id), Number(m.live)]));
  const all = [...liveOf.keys()];
  const [events, orders, followers, pins] = await Promise.all([
    q.query<Record<string, unknown>>(
      `SELECT customer_id, event_id, type, (extract(epoch FROM occurred_at) * 1000)::float8 AS at, staff_id, touchpoint,
              customer->>'name' AS name, data
       FROM events WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
      [workspaceId, all],
    ),
    q.query<Record<string, unknown>>(
      `SELECT customer_id, order_id, paid_at, amount_fen, refunded_fen FROM orders
       WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) AND paid_at IS NOT NULL`,
      [workspaceId, all],
    ),
    q.query<Record<string, unknown>>(
      `SELECT customer_id, staff_id, added_at, removed_at FROM customer_followers WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
      [workspaceId, ids],
    ),
    q.query<Record<string, unknown>>(
      `SELECT customer_id, model, value, pinned_at FROM model_pins WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
      [workspaceId, ids],
    ),
  ]);
  const refunds = new Map<string, { at: number; fen: number }[]>();
  for (const e of events) {
    const f = facts.get(liveOf.get(Number(e.customer_id))!)!;
    const data = (e.data as Record<string, unknown>) ?? {};
    const ev: NormalizedEvent = {
      id: e.event_id as string, type: e.type as EventType, occurredAt: e.at as number,
      staffId: (e.staff_id as string | null) ?? undefined, touchpoint: (e.touchpoint as NormalizedEvent['touchpoint']) ?? undefined,
      identities: [], name: (e.name as string | null) ?? undefined, customer: {}, data, amountFen: undefined, referred: undefined,
    };
    f.events.push(ev);
    if (ev.type === 'order.refunded' && typeof data.orderId === 'string') {
      const amount = parseAmount(data.amount);
      if (amount.ok) refunds.set(data.orderId, [...(refunds.get(data.orderId) ?? []), { at: ev.occurredAt, fen: amount.fen }]);
    }
  }
  for (const f of facts.values()) f.events.sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const o of orders) {
    const f = facts.get(liveOf.get(Number(o.customer_id))!)!;
    const paidAt = ms(o.paid_at)!;
    const refundedFen = Number(o.refunded_fen);
    const known = refunds.get(o.order_id as string);
    // A refund with no event (an import) is known from the order itself: taken as of its payment.
    f.orders.push({ orderId: o.order_id as string, paidAt, amountFen: Number(o.amount_fen ?? 0), refunds: known ?? (refundedFen > 0 ? [{ at: paidAt, fen: refundedFen }] : []) });
  }
  for (const r of followers) facts.get(Number(r.customer_id))!.followers.push({ staffId: r.staff_id as string, addedAt: ms(r.added_at), removedAt: ms(r.removed_at) });
  for (const p of pins) facts.get(Number(p.customer_id))!.pins.push({ model: p.model as 'trust' | 'value_tier', value: p.value as string, at: ms(p.pinned_at)! });
  return [...facts.values()];
}

/** The workspace statistics (quintiles, top-20 % line) as they were at the end of each day. */
async function statsByDay(q: Queryable, workspaceId: string, days: readonly Day[], timeZone: string, config: Awaited<ReturnType<typeof getModelConfig>>): Promise<Map<string, WorkspaceStats>> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT COALESCE(c.merged_into, o.customer_id) AS customer_id, o.order_id, o.paid_at, o.amount_fen, o.refunded_fen,
            (SELECT jsonb_agg(jsonb_build_object('at', (extract(epoch FROM e.occurred_at) * 1000)::float8, 'amount', e.data->'amount'))
             FROM events e WHERE e.workspace_id = o.workspace_id AND e.customer_id = o.customer_id AND e.type = 'order.refunded'
               AND e.data->>'orderId' = o.order_id) AS refunds
     FROM orders o JOIN customers c ON c.workspace_id = o.workspace_id AND c.customer_id = o.customer_id
     WHERE o.workspace_id = $1 AND o.paid_at IS NOT NULL`,
    [workspaceId],
  );
  const byCustomer = new Map<number, FactOrder[]>();
  for (const r of rows) {
    const paidAt = ms(r.paid_at)!;
    const events = (r.refunds as { at: number; amount: unknown }[] | null) ?? [];
    const refunds = events.length > 0
      ? events.flatMap((e) => { const a = parseAmount(e.amount); return a.ok ? [{ at: e.at, fen: a.fen }] : []; })
      : Number(r.refunded_fen) > 0 ? [{ at: paidAt, fen: Number(r.refunded_fen) }] : [];
    const list = byCustomer.get(Number(r.customer_id)) ?? [];
    list.push({ orderId: r.order_id as string, paidAt, amountFen: Number(r.amount_fen ?? 0), refunds });
    byCustomer.set(Number(r.customer_id), list);
  }
  const out = new Map<string, WorkspaceStats>();
  for (const day of days) {
    const paid: { lastPaidAt: number; paidOrders: number; paidFen: number }[] = [];
    for (const orders of byCustomer.values()) {
      const o = ordersAt(orders, day.end, windowStart(day.end, config.valueTier.periodDays, timeZone));
      if (o.paidOrders > 0) paid.push({ lastPaidAt: o.lastPaidAt!, paidOrders: o.paidOrders, paidFen: o.paidFen });
    }
    out.set(day.day, computeStats(paid, day.end, timeZone, config));
  }
  return out;
}

/** The first day anything is known of the workspace's customers, in its zone. */
async function firstDay(q: Queryable, workspaceId: string, timeZone: string): Promise<string | null> {
  const [r] = await q.query<{ t: Date | null }>(
    `SELECT LEAST((SELECT min(occurred_at) FROM events WHERE workspace_id = $1),
                  (SELECT min(added_at) FROM customers WHERE workspace_id = $1),
                  (SELECT min(paid_at) FROM orders WHERE workspace_id = $1),
                  (SELECT min(created_at) FROM customers WHERE workspace_id = $1)) AS t`,
    [workspaceId],
  );
  return r?.t ? localDate(timeZone, new Date(r.t).getTime()) : null;
}

export interface SnapshotResult {
  replayed: string[];
  storedToday: boolean;
  seconds: number;
}

export interface EnsureOptions {
  /** Days before today to fill at most (the most recent ones); default 400. */
  maxDays?: number;
  /** Also write (or refresh) today's row from the stored placements. */
  today?: boolean;
  /** Today's row is refreshed when older than this; default one hour. */
  refreshMs?: number;
}

/**
 * Fill every missing past day (replayed from history, so it is what was known then) and,
 * when asked, today's row from the stored placements. Days already written are never
 * changed. Safe to run from several processes: each writes under the workspace lock.
 */
export async function ensureSnapshots(db: Db, workspaceId: string, now: number, opts: EnsureOptions = {}): Promise<SnapshotResult> {
  const started = performance.now();
  const ws = await requireWorkspace(db, workspaceId);
  const tz = ws.timeZone;
  const today = localDate(tz, now);
  const result: SnapshotResult = { replayed: [], storedToday: false, seconds: 0 };
  const have = new Set((await db.query<{ day: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_snapshot_days WHERE workspace_id = $1 AND day < $2::date`, [workspaceId, today],
  )).map((r) => r.day));
  const missing: Day[] = [];
  const yesterday = addDays(today, -1);
  const earliest = [...have].sort()[0];
  // Filled once from the first day anything was known, days are kept contiguous after it; the
  // (scanning) search for the first day is needed only while there is a gap.
  const contiguous = earliest !== undefined && have.has(yesterday) && have.size === Math.round((Date.parse(yesterday) - Date.parse(earliest)) / 86_400_000) + 1;
  if (!contiguous) {
    const first = await firstDay(db, workspaceId, tz);
    if (first === null) return result;
    const maxDays = opts.maxDays ?? 400;
    const start = first > addDays(today, -maxDays) ? first : addDays(today, -maxDays);
    for (let d = start; d < today; d = addDays(d, 1)) if (!have.has(d)) missing.push({ day: d, end: dayEnd(d, tz) });
  }
  if (missing.length > 0) {
    // Read page by page outside any transaction (past days: what arrives meanwhile is about
    // today), so a long first fill never holds the workspace lock that intake needs; the
    // counts are written in one transaction at the end, and a day is there whole or not at all.
    const config = await getModelConfig(db, workspaceId);
    const stats = await statsByDay(db, workspaceId, missing, tz, config);
    const counts = new SnapshotCounts();
    const [{ hi } = { hi: 0 }] = await db.query<{ hi: number | null }>(`SELECT max(customer_id) AS hi FROM customers WHERE workspace_id = $1`, [workspaceId]);
    for (let after = 0; after < Number(hi ?? 0); after += PAGE) {
      for (const f of await loadFacts(db, workspaceId, after, after + PAGE)) replayCustomer(f, missing, stats, config, tz, counts);
    }
    await db.transaction(async (tx) => {
      await workspaceLock(tx, workspaceId);
      // Another process may have filled some of these days meanwhile: theirs stand.
      const done = new Set((await tx.query<{ day: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_snapshot_days WHERE workspace_id = $1 AND day = ANY($2::date[])`,
        [workspaceId, missing.map((d) => d.day)],
      )).map((r) => r.day));
      await writeRows(tx, workspaceId, counts.rows().filter((r) => !done.has(r.day)));
      await tx.query(
        `INSERT INTO analytics_snapshot_days (workspace_id, day, source, customers)
         SELECT $1, d.day::date, 'replay', d.n FROM unnest($2::text[], $3::int[]) AS d(day, n)
         ON CONFLICT (workspace_id, day) DO NOTHING`,
        [workspaceId, missing.map((d) => d.day), missing.map((d) => counts.totals.get(d.day) ?? 0)],
      );
    });
    result.replayed = missing.map((d) => d.day);
  }
  if (opts.today) result.storedToday = await writeToday(db, workspaceId, today, now, opts.refreshMs ?? 3_600_000);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function writeRows(tx: Queryable, workspaceId: string, rows: ReturnType<SnapshotCounts['rows']>): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await tx.query(
      `INSERT INTO analytics_snapshots (workspace_id, day, dim, dim_value, model, value, customers)
       SELECT $1, r.day::date, r.dim, r.dim_value, r.model, r.value, r.customers
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS r(day, dim, dim_value, model, value, customers)
       ON CONFLICT DO NOTHING`,
      [workspaceId, chunk.map((r) => r.day), chunk.map((r) => r.dim), chunk.map((r) => r.dimValue), chunk.map((r) => r.model), chunk.map((r) => r.value), chunk.map((r) => r.customers)],
    );
  }
}

/** Today's row from the stored placements (one grouped query), rewritten while the day lasts. */
async function writeToday(db: Db, workspaceId: string, today: string, now: number, refreshMs: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    const [row] = await tx.query<{ written_at: Date }>(
      `SELECT written_at FROM analytics_snapshot_days WHERE workspace_id = $1 AND day = $2::date`, [workspaceId, today]);
    if (row && now - new Date(row.written_at).getTime() < refreshMs) return false;
    await tx.query(`DELETE FROM analytics_snapshots WHERE workspace_id = $1 AND day = $2::date`, [workspaceId, today]);
    await tx.query(
      `WITH live AS MATERIALIZED (
         SELECT c.customer_id, COALESCE(c.channel, a.added_channel, '(none)') AS channel, COALESCE(c.owner_staff, a.added_by_staff) AS owner,
                (a.added_at IS NOT NULL OR EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = c.workspace_id
                   AND i.customer_id = c.customer_id AND i.kind = 'external_user_id'))
                AND (a.last_removed_at IS NULL OR a.last_added_at > a.last_removed_at) AS friend,
                m.trust_level, m.lifecycle_ecommerce, m.lifecycle_sales, m.rfm_segment, m.value_tier
         FROM customers c JOIN customer_models m USING (workspace_id, customer_id)
         LEFT JOIN customer_aggregates a USING (workspace_id, customer_id)
         WHERE c.workspace_id = $1 AND c.merged_into IS NULL),
       dims AS (
         SELECT customer_id, 'all' AS dim, '' AS dim_value FROM live
         UNION ALL SELECT customer_id, 'channel', channel FROM live
         UNION SELECT customer_id, 'staff', owner FROM live WHERE owner IS NOT NULL
         UNION SELECT f.customer_id, 'staff', f.staff_id FROM customer_followers f JOIN live USING (customer_id)
           WHERE f.workspace_id = $1 AND f.removed_at IS NULL),
       vals AS (
         SELECT customer_id, 'customers' AS model, 'total' AS value FROM live
         UNION ALL SELECT customer_id, 'customers', 'friends' FROM live WHERE friend
         UNION ALL SELECT customer_id, 'trust', 'L' || trust_level FROM live
         UNION ALL SELECT customer_id, 'lifecycle_ecommerce', lifecycle_ecommerce FROM live WHERE lifecycle_ecommerce IS NOT NULL
         UNION ALL SELECT customer_id, 'lifecycle_sales', lifecycle_sales FROM live WHERE lifecycle_sales IS NOT NULL
         UNION ALL SELECT customer_id, 'rfm', COALESCE(rfm_segment, '(no order)') FROM live
         UNION ALL SELECT customer_id, 'value_tier', value_tier FROM live)
       INSERT INTO analytics_snapshots (workspace_id, day, dim, dim_value, model, value, customers)
       SELECT $1, $2::date, d.dim, d.dim_value, v.model, v.value, count(*)::int FROM dims d JOIN vals v USING (customer_id)
       GROUP BY d.dim, d.dim_value, v.model, v.value`,
      [workspaceId, today],
    );
    await tx.query(
      `INSERT INTO analytics_snapshot_days (workspace_id, day, source, customers, written_at)
       SELECT $1, $2::date, 'stored', COALESCE((SELECT customers FROM analytics_snapshots WHERE workspace_id = $1 AND day = $2::date
         AND dim = 'all' AND model = 'customers' AND value = 'total'), 0), $3
       ON CONFLICT (workspace_id, day) DO UPDATE SET source = 'stored', customers = excluded.customers, written_at = excluded.written_at`,
      [workspaceId, today, new Date(now)],
    );
    return true;
  });
}

const scopeDim = (scope: CustomerScope | undefined): { dim: string; value: string } =>
  scope?.kind === 'staff' ? { dim: 'staff', value: scope.staffId } : { dim: 'all', value: '' };

/** One day's distribution from its snapshot, shaped as the live distribution is. */
export async function snapshotDistribution(q: Queryable, workspaceId: string, day: string, timeZone: string, scope?: CustomerScope): Promise<Distribution> {
  const { dim, value } = scopeDim(scope);
  const rows = await q.query<{ model: string; value: string; customers: number }>(
    `SELECT model, value, customers FROM analytics_snapshots WHERE workspace_id = $1 AND day = $2::date AND dim = $3 AND dim_value = $4`,
    [workspaceId, day, dim, value],
  );
  const total = rows.find((r) => r.model === 'customers' && r.value === 'total')?.customers ?? 0;
  const models = {} as Distribution['models'];
  for (const model of SNAPSHOT_MODELS) {
    const c = new Map(rows.filter((r) => r.model === model).map((r) => [r.value, Number(r.customers)]));
    const unused = model.startsWith('lifecycle') && c.size === 0;
    models[model] = (unused ? [] : VALUE_ORDER[model]).map((v) => ({ value: v, count: c.get(v) ?? 0, share: total ? (c.get(v) ?? 0) / total : 0 }));
  }
  return { asOf: new Date(dayEnd(day, timeZone)).toISOString(), customers: total, models };
}

/**
 * Each model's distribution as of the end of a day: a past day from its snapshot (filled
 * first if missing), today or later evaluated on current facts as before.
 */
export async function distributionAsOf(db: Db, workspaceId: string, day: string, now: number, scope?: CustomerScope): Promise<Distribution & { source: 'snapshot' | 'evaluated' }> {
  const ws = await requireWorkspace(db, workspaceId);
  const end = parseEndOfDay(day, ws.timeZone);
  if (!end.ok) throw new SiyuError('validation_failed', `asOf: ${end.reason}`, { field: 'asOf' });
  if (day >= localDate(ws.timeZone, now)) {
    return { ...(await segmentDistribution(db, workspaceId, { asOf: end.instant, ...(scope ? { scope } : {}) })), source: 'evaluated' };
  }
  await ensureSnapshots(db, workspaceId, now);
  return { ...(await snapshotDistribution(db, workspaceId, day, ws.timeZone, scope)), source: 'snapshot' };
}

export interface Trend {
  model: string;
  interval: Interval;
  from: string;
  to: string;
  values: string[];
  buckets: { bucket: string; day: string; total: number; counts: Record<string, number> }[];
}

/** A model's distribution over time (last day of each day / week / month), from the snapshots. */
export async function customerTrend(
  db: Db, workspaceId: string,
  opts: { model: SnapshotModel | 'customers'; from: string; to: string; interval: Interval; now: number; scope?: CustomerScope; channel?: string },
): Promise<Trend> {
  await ensureSnapshots(db, workspaceId, opts.now, { today: true });
  const { dim, value } = opts.channel !== undefined && opts.scope?.kind !== 'staff' ? { dim: 'channel', value: opts.channel } : scopeDim(opts.scope);
  const rows = await db.query<{ day: string; value: string; customers: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, value, customers FROM analytics_snapshots
     WHERE workspace_id = $1 AND dim = $2 AND dim_value = $3 AND model = $4 AND day >= $5::date AND day <= $6::date`,
    [workspaceId, dim, value, opts.model, opts.from, opts.to],
  );
  const t = trendOf(rows.map((r) => ({ ...r, customers: Number(r.customers) })), opts.interval, VALUE_ORDER[opts.model]);
  return { model: opts.model, interval: opts.interval, from: opts.from, to: opts.to, ...t };
}
