import type { Db } from '../store/db.ts';
import { acquisitionBoard, addDays, customerTrend, ensureSnapshots } from '../analytics/index.ts';
import { localDate } from '../shared/time.ts';

export interface AnalyticsBench {
  seeded: number;
  events: number;
  /** p50 / p95 in ms per board query shape (30-day range). */
  boards: { name: string; p50: number; p95: number }[];
  /** Today's snapshot from the stored placements, seconds. */
  storedSnapshot: number;
  /** Replaying `replayDays` missing past days from the event log, seconds. */
  replay: number;
  replayDays: number;
}

const STAFF = 50;
const CHANNELS = 8;
const DAYS = 180;

function percentiles(ms: number[]): { p50: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * `customers` customers added over the last 180 days (8 channels, 50 staff, 10 % through a
 * campaign), 3 % removed again, 10 % joining a campaign, a third buying, and filler
 * messages up to `eventsPerCustomer`; placements stored for everyone. Then the boards'
 * queries over the last 30 days, each run `runs` times.
 */
export async function benchAnalytics(db: Db, workspaceId: string, customers: number, opts: { eventsPerCustomer?: number; runs?: number; replayDays?: number } = {}): Promise<AnalyticsBench> {
  const runs = opts.runs ?? 20;
  const filler = Math.max(0, (opts.eventsPerCustomer ?? 10) - 2);
  const now = Date.now();
  const end = new Date(now);
  const t0 = performance.now();
  const p = [workspaceId, customers, end] as const;
  await db.query(`INSERT INTO staff (workspace_id, staff_id, name) SELECT $1, 'staff-' || g, '员工' || g FROM generate_series(0, ${STAFF - 1}) g`, [workspaceId]);
  await db.query(`INSERT INTO channels (workspace_id, channel, name) SELECT $1, 'ch-' || g, '渠道' || g FROM generate_series(0, ${CHANNELS - 1}) g`, [workspaceId]);
  await db.query(`INSERT INTO customers (workspace_id, customer_id, owner_staff) SELECT $1, g, 'staff-' || (g % ${STAFF}) FROM generate_series(1, $2::int) g`, [p[0], p[1]]);
  await db.query(`SELECT setval('customer_id_seq', $1::bigint)`, [customers]);
  const addedAt = `($3::timestamptz - ((g::bigint * 7919) % ${DAYS}) * interval '1 day' - (g % 86400) * interval '1 second')`;
  await db.query(
    `INSERT INTO customer_aggregates (workspace_id, customer_id, events, added_at, added_by_staff, added_channel, first_seen_at, last_seen_at)
     SELECT $1, g, ${filler + 2}, ${addedAt}, 'staff-' || (g % ${STAFF}), 'ch-' || (g % ${CHANNELS}), ${addedAt}, $3::timestamptz FROM generate_series(1, $2::int) g`, [...p]);
  await db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, staff_id, customer, data)
     SELECT $1, 'add-' || g, g, 'contact.added', ${addedAt}, 'staff-' || (g % ${STAFF}), '{}',
            jsonb_build_object('channel', 'ch-' || (g % ${CHANNELS})) || CASE WHEN g % 10 = 0 THEN jsonb_build_object('campaign', 'camp-' || (g % 20)) ELSE '{}' END
     FROM generate_series(1, $2::int) g`, [...p]);
  await db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, staff_id, customer, data)
     SELECT $1, 'rm-' || g, g, 'contact.removed', ${addedAt} + (1 + g % 60) * interval '1 day', 'staff-' || (g % ${STAFF}), '{}', '{"by":"customer"}'
     FROM generate_series(1, $2::int) g WHERE g % 33 = 0 AND ${addedAt} + (1 + g % 60) * interval '1 day' < $3::timestamptz`, [...p]);
  await db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, customer, data)
     SELECT $1, 'join-' || g, g, 'campaign.joined', ${addedAt} + interval '2 hours', '{}', jsonb_build_object('campaignId', 'camp-' || (g % 20))
     FROM generate_series(1, $2::int) g WHERE g % 10 = 3`, [...p]);
  for (let k = 0; k < filler; k++) {
    await db.query(
      `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, staff_id, customer, conversation_id, data)
       SELECT $1, 'm-' || g || '-' || ${k}, g, CASE WHEN ${k} % 2 = 0 THEN 'message.received' ELSE 'message.sent' END,
              LEAST($3::timestamptz - interval '1 minute', ${addedAt} + (${k} * 3 + g % 5) * interval '1 day'), 'staff-' || (g % ${STAFF}), '{}', 'c-' || g,
              jsonb_build_object('conversationId', 'c-' || g, 'text', '你好')
       FROM generate_series(1, $2::int) g`, [...p]);
  }
  await db.query(
    `INSERT INTO orders (workspace_id, order_id, customer_id, platform, paid_at, amount_fen)
     SELECT $1, 'o-' || g || '-' || k, g, 'youzan', LEAST($3::timestamptz - interval '1 minute', ${addedAt} + (k * 11 + g % 9) * interval '1 day'), 5000 + (g * 31 + k) % 20000
     FROM generate_series(1, $2::int) g, generate_series(1, 3) k WHERE g % 3 = 0 AND k <= 1 + g % 3`, [...p]);
  await db.query(
    `INSERT INTO customer_models (workspace_id, customer_id, trust_level, trust_computed, value_tier, value_tier_computed, rfm_segment, lifecycle_ecommerce, as_of, fingerprint)
     SELECT $1, g, g % 6, g % 6, (ARRAY['普通','一般价值','中等价值','高价值','核心'])[1 + g % 5], (ARRAY['普通','一般价值','中等价值','高价值','核心'])[1 + g % 5],
            CASE WHEN g % 3 = 0 THEN '重要价值客户' END, CASE WHEN g % 3 = 0 THEN '首购' ELSE '新进' END, $3::timestamptz, 'x'
     FROM generate_series(1, $2::int) g`, [...p]);
  const [{ n: events } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1`, [workspaceId]);
  // Past days' snapshots as a replay would leave them, so the trend reads a full history.
  const tz = 'Asia/Shanghai';
  const today = localDate(tz, now);
  const replayDays = opts.replayDays ?? 3;
  await db.query(
    `INSERT INTO analytics_snapshots (workspace_id, day, dim, dim_value, model, value, customers)
     SELECT $1, d::date, dim.dim, dim.v, m.model, m.value, 1 + (extract(doy FROM d)::int * 31 + length(m.value)) % 500
     FROM generate_series($2::date, $3::date, interval '1 day') d,
          (SELECT 'all' AS dim, '' AS v UNION ALL SELECT 'channel', 'ch-' || g FROM generate_series(0, ${CHANNELS - 1}) g
           UNION ALL SELECT 'staff', 'staff-' || g FROM generate_series(0, ${STAFF - 1}) g) dim,
          (SELECT 'trust' AS model, 'L' || g AS value FROM generate_series(0, 5) g UNION ALL SELECT 'customers', 'total' UNION ALL SELECT 'customers', 'friends'
           UNION ALL SELECT 'value_tier', unnest(ARRAY['普通','一般价值','中等价值','高价值','核心'])) m`,
    [workspaceId, addDays(today, -DAYS - 1), addDays(today, -replayDays - 1)],
  );
  await db.query(
    `INSERT INTO analytics_snapshot_days (workspace_id, day, source, customers)
     SELECT $1, d::date, 'replay', 0 FROM generate_series($2::date, $3::date, interval '1 day') d`,
    [workspaceId, addDays(today, -DAYS - 1), addDays(today, -replayDays - 1)],
  );
  await db.exec('ANALYZE customers, customer_aggregates, events, orders, customer_models, analytics_snapshots, analytics_snapshot_days');
  const seeded = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  await ensureSnapshots(db, workspaceId, now);
  const replay = (performance.now() - t1) / 1000;

  const t2 = performance.now();
  await ensureSnapshots(db, workspaceId, now, { today: true });
  const storedSnapshot = (performance.now() - t2) / 1000;

  const from = addDays(today, -29);
  const shapes: { name: string; run: () => Promise<unknown> }[] = [
    { name: 'acquisition, workspace', run: () => acquisitionBoard(db, workspaceId, { from, to: today, now }) },
    { name: 'acquisition, one channel', run: () => acquisitionBoard(db, workspaceId, { from, to: today, now, channel: 'ch-3' }) },
    { name: 'acquisition, staff scope', run: () => acquisitionBoard(db, workspaceId, { from, to: today, now, scope: { kind: 'staff', staffId: 'staff-7' } }) },
    { name: 'customer trend, 12 weeks', run: () => customerTrend(db, workspaceId, { model: 'trust', from: addDays(today, -83), to: today, interval: 'week', now }) },
    { name: 'customer trend, staff, 30 days', run: () => customerTrend(db, workspaceId, { model: 'trust', from, to: today, interval: 'day', now, scope: { kind: 'staff', staffId: 'staff-7' } }) },
  ];
  const boards: AnalyticsBench['boards'] = [];
  for (const s of shapes) {
    await s.run(); // warm
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await s.run();
      ms.push(performance.now() - t);
    }
    boards.push({ name: s.name, ...percentiles(ms) });
  }
  return { seeded, events: Number(events), boards, storedSnapshot, replay, replayDays };
}
