/**
 * The operations-side boards at scale: a funnel, the operations board, responsiveness,
 * complaints and content over a 30-day range, as an admin and as one staff member. Seeded with
 * generate_series: per customer a funnel path, two private conversations, tasks and ledger
 * touches over the last 90 days, a complaint for some.
 */
import type { Db } from '../store/db.ts';
import { complaintsBoard, contentBoard, operationsBoard, responsivenessBoard, runFunnel } from '../analytics/index.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { localDate } from '../shared/time.ts';

export interface BoardTiming { board: string; scope: string; p50: number; p95: number; note: string }
export interface BoardsOpsBench { seeded: number; events: number; tasks: number; timings: BoardTiming[] }

const DAY = 86_400_000;

export async function benchBoardsOps(db: Db, ws: string, customers: number, runs = 7): Promise<BoardsOpsBench> {
  const t0 = performance.now();
  const end = Date.now();
  await db.query(
    `INSERT INTO customers (workspace_id, customer_id, owner_staff, channel, added_at)
     SELECT $1, g, 'staff-' || (g % 20), 'ch-' || (g % 6), $3::timestamptz - (g % 120) * interval '1 day' FROM generate_series(1, $2::int) g`,
    [ws, customers, new Date(end)],
  );
  await db.query(`INSERT INTO customer_aggregates (workspace_id, customer_id) SELECT $1, g FROM generate_series(1, $2::int) g`, [ws, customers]);
  await db.query(`SELECT setval('customer_id_seq', $1::bigint)`, [customers]);
  // Funnel: a view for everyone at a hashed time in the last 90 days; each later step for a shrinking share, minutes apart.
  await db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, customer, data)
     SELECT $1, 'f-' || g || '-' || k, g, (ARRAY['content.viewed', 'product.viewed', 'cart.added', 'order.paid', 'content.shared'])[k],
            $3::timestamptz - ((g::bigint * 7919) % 7776000) * interval '1 second' + k * ((g % 50) + 1) * interval '1 minute', '{}',
            jsonb_build_object('contentId', 'a-' || (g % 200), 'productId', 'p-' || (g % 40))
     FROM generate_series(1, $2::int) g, generate_series(1, 5) k
     WHERE (g::bigint * 2654435761 % 100) < (ARRAY[100, 55, 30, 12, 4])[k]`,
    [ws, customers, new Date(end)],
  );
  // Two private conversations each: customer, staff, customer, staff (the last answer missing for some).
  await db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, staff_id, conversation_id, customer, data)
     SELECT $1, 'm-' || g || '-' || j || '-' || k, g, CASE WHEN k % 2 = 1 THEN 'message.received' ELSE 'message.sent' END,
            $3::timestamptz - ((g::bigint * 104729 + j * 7777777) % 7776000) * interval '1 second' + k * ((g + j) % (5 + 40 * (g % 4))) * interval '1 minute',
            CASE WHEN k % 2 = 0 THEN 'staff-' || (g % 20) END, 'c-' || g || '-' || j, '{}',
            jsonb_build_object('conversationId', 'c-' || g || '-' || j, 'chatType', 'private')
     FROM generate_series(1, $2::int) g, generate_series(1, 2) j, generate_series(1, 4) k
     WHERE NOT (k = 4 AND (g + j) % 9 = 0)`,
    [ws, customers, new Date(end)],
  );
  await db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, customer, data)
     SELECT $1, 'x-' || g, g, 'complaint.filed', $3::timestamptz - ((g::bigint * 31337) % 7776000) * interval '1 second', '{}',
            jsonb_build_object('reason', (ARRAY['坏果', '少发漏发', '物流慢', '与描述不符'])[1 + g % 4])
     FROM generate_series(1, $2::int) g WHERE g % 25 = 0`,
    [ws, customers, new Date(end)],
  );
  await db.query(
    `INSERT INTO outreach_tasks (workspace_id, dedupe_key, customer_id, staff_id, kind, purpose, channel, title, content, due_at, requested_at, source_type, source_id, status, created_at, updated_at, done_at)
     SELECT $1, 'b-' || g || '-' || k, g, 'staff-' || (g % 20), 'sop_step', 'marketing', 'private_chat', 't', 'c', d, d, 'sop', (1 + g % 5)::text,
            (ARRAY['sent', 'sent', 'sent', 'skipped', 'pending'])[1 + (g + k) % 5], d, d, d + ((g % 300) * interval '1 minute')
     FROM generate_series(1, $2::int) g, generate_series(1, 2) k,
          LATERAL (SELECT $3::timestamptz - ((g::bigint * 15485863 + k * 99991) % 7776000) * interval '1 second' AS d) x`,
    [ws, customers, new Date(end)],
  );
  await db.query(
    `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, outcome, code, created_at)
     SELECT $1, g, $3::timestamptz - ((g::bigint * 15485863 + k) % 7776000) * interval '1 second', 'marketing', 'private_chat', false,
            CASE WHEN g % 7 = 0 THEN 'suppressed' ELSE 'sent' END, CASE WHEN g % 7 = 0 THEN (ARRAY['frequency_cap', 'trust_below_min'])[1 + k % 2] END, now()
     FROM generate_series(1, $2::int) g, generate_series(1, 2) k`,
    [ws, customers, new Date(end)],
  );
  await db.exec('ANALYZE customers, customer_aggregates, events, outreach_tasks, contact_touches');
  const [{ n: events }] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws]) as [{ n: string }];
  const [{ n: tasks }] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM outreach_tasks WHERE workspace_id = $1`, [ws]) as [{ n: string }];
  const seeded = (performance.now() - t0) / 1000;

  const range = { from: localDate('Asia/Shanghai', end - 29 * DAY), to: localDate('Asia/Shanghai', end) };
  const staff: CustomerScope = { kind: 'staff', staffId: 'staff-3' };
  const boards: [string, (scope: CustomerScope) => Promise<string>][] = [
    ['funnel (5 steps)', async (s) => { const r = await runFunnel(db, ws, range, s); return `${r.steps[0]!.customers} entered, ${r.steps[4]!.customers} shared`; }],
    ['funnel split by channel', async (s) => { const r = await runFunnel(db, ws, { ...range, split: 'channel' }, s); return `${r.groups.length} groups`; }],
    ['operations', async (s) => { const r = await operationsBoard(db, ws, range, s, end); return `${r.tasks.due} due, ${r.leaderboard.length} staff`; }],
    ['responsiveness', async (s) => { const r = await responsivenessBoard(db, ws, range, s); return `${r.total.asks} asks, median ${r.total.medianMinutes} min`; }],
    ['complaints', async (s) => { const r = await complaintsBoard(db, ws, range, s); return `${r.total.current} complaints`; }],
    ['content', async (s) => { const r = await contentBoard(db, ws, range, s); return `${r.views.current} reads of ${r.items.length} items`; }],
  ];
  const timings: BoardTiming[] = [];
  for (const [board, run] of boards) {
    for (const [label, scope] of [['admin', ALL_CUSTOMERS], ['staff', staff]] as const) {
      const times: number[] = [];
      let note = '';
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        note = await run(scope);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      timings.push({ board, scope: label, p50: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!, note });
    }
  }
  return { seeded, events: Number(events), tasks: Number(tasks), timings };
}
