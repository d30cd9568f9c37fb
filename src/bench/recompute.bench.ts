import type { Db } from '../store/db.ts';
import { ingestEvents } from '../events/index.ts';
import { recompute } from '../models/index.ts';
import { syntheticEvents } from './synthetic.ts';

/**
 * A workspace of `customers` customers written straight into the tables with
 * generate_series (building a million customers through intake would take the bench's
 * whole budget): aggregates, WeCom identities for 90 %, and orders for 40 %.
 */
export async function seedCustomers(db: Db, workspaceId: string, customers: number): Promise<void> {
  const end = Date.now();
  const p = [workspaceId, customers, new Date(end)];
  await db.query(`INSERT INTO customers (workspace_id, customer_id) SELECT $1, g FROM generate_series(1, $2::int) g`, p.slice(0, 2));
  await db.query(`SELECT setval('customer_id_seq', $1::bigint)`, [customers]);
  await db.query(
    `INSERT INTO customer_identities (workspace_id, kind, value, customer_id)
     SELECT $1, 'external_user_id', 'wm-' || g, g FROM generate_series(1, $2::int) g WHERE g % 10 <> 0`, p.slice(0, 2));
  await db.query(
    `INSERT INTO customer_aggregates (workspace_id, customer_id, events, first_seen_at, last_seen_at, last_interaction_at,
       added_at, paid_orders, paid_fen, first_paid_at, last_paid_at, chat_rounds, customer_conversations, last_private_chat_at,
       messages_received, moments_interactions, group_interactions, intent_hits, complaints, complaint_times, referrals, engagement_log2)
     SELECT $1, g, 20, $3::timestamptz - interval '180 days', $3::timestamptz - (g % 120) * interval '1 day',
       $3::timestamptz - (g % 120) * interval '1 day', $3::timestamptz - interval '180 days',
       CASE WHEN g % 5 < 2 THEN 1 + g % 6 ELSE 0 END,
       CASE WHEN g % 5 < 2 THEN (1 + g % 6) * (5000 + (g::bigint * 7919) % 40000) ELSE 0 END,
       CASE WHEN g % 5 < 2 THEN $3::timestamptz - interval '170 days' END,
       CASE WHEN g % 5 < 2 THEN $3::timestamptz - (g % 150) * interval '1 day' END,
       g % 7, g % 4, $3::timestamptz - (g % 100) * interval '1 day', g % 9, g % 3, g % 2, CASE WHEN g % 11 = 0 THEN 1 ELSE 0 END,
       CASE WHEN g % 50 = 0 THEN 1 ELSE 0 END,
       CASE WHEN g % 50 = 0 THEN ARRAY[$3::timestamptz - interval '30 days'] ELSE '{}' END,
       CASE WHEN g % 23 = 0 THEN 1 ELSE 0 END,
       10 + (g % 17)
     FROM generate_series(1, $2::int) g`, p);
  await db.query(
    `INSERT INTO orders (workspace_id, order_id, customer_id, platform, paid_at, amount_fen, refunded_fen)
     SELECT $1, 'o-' || g || '-' || k, g, 'youzan', $3::timestamptz - ((g + k * 13) % 150) * interval '1 day', 5000 + (g::bigint * 7919) % 40000, 0
     FROM generate_series(1, $2::int) g, generate_series(1, 6) k
     WHERE g % 5 < 2 AND k <= 1 + g % 6`, p);
}

export async function benchRecompute(db: Db, workspaceId: string, customers: number) {
  const seedStart = performance.now();
  await seedCustomers(db, workspaceId, customers);
  const seeded = (performance.now() - seedStart) / 1000;
  const first = await recompute(db, workspaceId);
  const second = await recompute(db, workspaceId);
  // The incremental path: 1,000-event batches touching existing customers.
  const batches = 5;
  const times: number[] = [];
  const events = [...syntheticEvents({ events: batches * 1000, customers, end: Date.now() - 60_000, seed: 7 })];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    await ingestEvents(db, workspaceId, events.slice(b * 1000, (b + 1) * 1000), { source: 'bench' });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { seeded, first, second, batchMs: times[Math.floor(times.length / 2)]! };
}
