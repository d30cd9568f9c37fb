/**
 * Chaos: events streaming into `siyu serve` (with the demo's rules, journeys and SOPs, so
 * the automation worker and the SOP worker are busy) while the server is killed with -9
 * and restarted, and while PostgreSQL terminates its connections. Clients retry what was
 * not acknowledged, as they should. Then: nothing acknowledged is lost, nothing is stored
 * or processed twice (events, orders, aggregates, rule firings, SOP tasks), and the server
 * recovered by itself (the same process survived the terminated connections).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SKIP, Serve, chaosDatabase, client, eventually, figures, freePort, type ChaosDb } from './harness.ts';

let db: (ChaosDb & { token: string }) | undefined;
let serve: Serve | undefined;
after(async () => {
  await serve?.stop();
  await db?.drop();
});

test('event stream: kill -9 twice, connections terminated twice, restarts under load', { skip: SKIP, timeout: 240_000 }, async () => {
  db = await chaosDatabase();
  serve = new Serve(db, await freePort(), ['--demo', '--demo-customers', '200']);
  await serve.start();
  const api = client(() => serve!.url, db.token);

  const sent = new Set<string>();
  const acknowledged = new Set<string>();
  const orderIds = new Set<string>();
  let attempts = 0;
  let refused = 0;
  const answers = new Map<number, number>();
  let stop = false;
  const lane = async (n: number) => {
    for (let b = 0; !stop; b++) {
      const batch = Array.from({ length: 20 }, (_, i) => {
        const k = b * 20 + i;
        const customer = { externalUserId: `wm-chaos-${n}-${k % 40}`, name: `混沌${n}-${k % 40}` };
        const at = new Date(Date.now() - 3600_000).toISOString();
        return k % 4 === 0
          ? { id: `chaos-${n}-${k}`, type: 'order.paid', occurredAt: at, customer, data: { orderId: `chaos-o-${n}-${k}`, amount: '100.00' } }
          : { id: `chaos-${n}-${k}`, type: 'message.received', occurredAt: at, customer, data: { conversationId: `c-${n}-${k % 40}`, chatType: 'private', text: '这个多少钱' } };
      });
      for (const e of batch) sent.add(e.id);
      // A client retries a batch until it is acknowledged (event ids make that safe).
      for (;;) {
        attempts++;
        const r = await api.post('/api/v1/events', batch);
        answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
        if (r.status === 200) {
          for (const a of [...r.json.accepted, ...r.json.duplicates]) acknowledged.add(a.id);
          for (const e of batch) if (e.type === 'order.paid') orderIds.add((e.data as { orderId: string }).orderId);
          break;
        }
        refused++;
        if (stop) break;
        await sleep(200);
      }
    }
  };
  const lanes = [0, 1, 2].map(lane);

  await sleep(2000);
  await serve.kill9();
  await sleep(300);
  await serve.start();
  await sleep(1500);
  const pid = serve.pid;
  let terminated = await db.terminate();
  await sleep(1500);
  terminated += await db.terminate();
  await sleep(1500);
  assert.ok(serve.alive() && serve.pid === pid, `the server died when its connections were terminated:\n${serve.log.slice(-2000)}`);
  await serve.kill9();
  await serve.start();
  await sleep(2000);
  stop = true;
  await Promise.all(lanes);

  // Recovery: healthy, the automation queue drains, no run left half way.
  assert.ok(await serve.healthy(), 'not healthy after the chaos');
  const drained = await eventually(async () => Number((await db!.query('SELECT count(*)::int AS n FROM automation_signals'))[0]!.n) === 0, 60_000);
  assert.ok(drained, 'the automation queue did not drain after the restarts');

  const [ev] = await db.query(`SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS ids FROM events WHERE event_id LIKE 'chaos-%'`);
  const storedIds = new Set((await db.query(`SELECT event_id FROM events WHERE event_id LIKE 'chaos-%'`)).map((r) => r.event_id as string));
  const lost = [...acknowledged].filter((id) => !storedIds.has(id));
  const [orders] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS ids FROM orders WHERE order_id LIKE 'chaos-o-%'`);
  const [agg] = await db.query(
    `SELECT coalesce(sum(a.paid_orders), 0)::int AS paid_orders, coalesce(sum(a.paid_fen), 0)::bigint AS paid_fen
     FROM customer_aggregates a JOIN customer_identities i ON i.workspace_id = a.workspace_id AND i.customer_id = a.customer_id
     WHERE i.kind = 'external_user_id' AND i.value LIKE 'wm-chaos-%'`);
  const [firings] = await db.query(`SELECT count(*)::int AS n FROM rule_firings`);
  const [tasks] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM outreach_tasks`);
  const [sopTwice] = await db.query(`SELECT count(*)::int AS n FROM (SELECT task_id FROM sop_deliveries WHERE task_id IS NOT NULL GROUP BY task_id HAVING count(*) > 1) d`);
  const storedOrders = Number(orders!.n);

  figures('events', {
    sent: sent.size, acknowledged: acknowledged.size, stored: ev!.ids, duplicated: ev!.rows - ev!.ids, lost: lost.length,
    attempts, refused, answers: [...answers].map(([s, n]) => `${s}×${n}`).join(','), terminated, restarts: serve.starts - 1,
    orders: storedOrders, aggregatedOrders: agg!.paid_orders, firings: firings!.n, tasks: tasks!.n,
  });
  assert.deepEqual(lost, [], 'acknowledged events were lost');
  assert.equal(ev!.rows, ev!.ids, 'an event was stored twice');
  assert.equal(storedIds.size, [...storedIds].filter((id) => sent.has(id)).length, 'an event was stored that was never sent');
  assert.ok(acknowledged.size > 0 && acknowledged.size <= sent.size);
  assert.equal(orders!.n, orders!.ids, 'an order was stored twice');
  // Every stored order is counted once in the aggregates: none lost, none counted twice.
  assert.equal(agg!.paid_orders, storedOrders, 'customer aggregates count orders twice or miss some');
  assert.equal(Number(agg!.paid_fen), storedOrders * 10_000);
  assert.equal(tasks!.n, tasks!.keys, 'a task was created twice');
  assert.equal(sopTwice!.n, 0, 'an SOP step delivered a task twice');
  for (const status of answers.keys()) assert.ok([0, 200, 503].includes(status), `unexpected answer ${status} (only 200, 503 or no connection while down)`);
});
