/** Funnels on the event log, on every store: entries in the range, the window, the scope, a split, saving a step as a segment. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import { countAudience, getSegment } from '../audiences/index.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { TestStore } from '../store/test-store.ts';
import { runFunnel, saveFunnelAudience } from './index.ts';

const WS = 'funnel-store';
let store: TestStore;
let ids: number[];
const LI = { kind: 'staff', staffId: 'li' } as const;

async function event(customerId: number, type: string, at: string, data: Record<string, unknown> = {}) {
  const n = Math.random().toString(36).slice(2);
  await store.db.query(
    `INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, customer, data) VALUES ($1, $2, $3, $4, $5::timestamptz, '{}', $6::jsonb)`,
    [WS, `e-${n}`, customerId, type, at, JSON.stringify(data)],
  );
}

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ rfm: '重要价值' }, { rfm: '重要价值' }, { owner: 'li', rfm: '一般维持' }, {}, {}]);
  await store.db.query(`UPDATE customers SET channel = CASE WHEN customer_id = $2 THEN 'ad' ELSE 'qr' END WHERE workspace_id = $1`, [WS, ids[0]]);
  const [a, b, c, d, e] = ids as [number, number, number, number, number];
  // a: the whole funnel within a day; b: view, click, then cart nine days later (outside 7 days);
  // c (li's): view, click, cart, pay; d: a view before the range only; e: a click without a view.
  await event(a, 'content.viewed', '2026-11-02T10:00:00+08:00', { contentId: 'c1' });
  await event(a, 'product.viewed', '2026-11-02T10:05:00+08:00', { productId: 'p1' });
  await event(a, 'cart.added', '2026-11-02T10:15:00+08:00', { productId: 'p1' });
  await event(a, 'order.paid', '2026-11-02T11:00:00+08:00', { orderId: 'o1', amount: '10' });
  await event(a, 'content.shared', '2026-11-02T12:00:00+08:00', { contentId: 'c1' });
  await event(b, 'content.viewed', '2026-11-03T10:00:00+08:00', { contentId: 'c2' });
  await event(b, 'product.viewed', '2026-11-03T10:01:00+08:00', { productId: 'p2' });
  await event(b, 'cart.added', '2026-11-12T10:00:00+08:00', { productId: 'p2' });
  await event(c, 'content.viewed', '2026-11-30T23:00:00+08:00', { contentId: 'c1' });
  await event(c, 'product.viewed', '2026-12-01T09:00:00+08:00', { productId: 'p1' });
  await event(c, 'cart.added', '2026-12-01T09:30:00+08:00', { productId: 'p1' });
  await event(c, 'order.paid', '2026-12-01T10:00:00+08:00', { orderId: 'o2', amount: '10' });
  await event(d, 'content.viewed', '2026-10-31T23:59:00+08:00', { contentId: 'c1' });
  await event(e, 'product.viewed', '2026-11-05T10:00:00+08:00', { productId: 'p1' });
});
after(() => store.close());

const NOV = { from: '2026-11-01', to: '2026-11-30' };

test('the default funnel: customers, conversion and median time per step, later steps past the range end', async () => {
  const r = await runFunnel(store.db, WS, NOV, ALL_CUSTOMERS);
  assert.deepEqual(r.steps.map((s) => s.customers), [3, 3, 2, 2, 1]);
  assert.deepEqual(r.steps.map((s) => s.type), ['content.viewed', 'product.viewed', 'cart.added', 'order.paid', 'content.shared']);
  assert.equal(r.steps[1]!.medianSeconds, 60 * 5, 'a: 5 min, b: 1 min, c: 10 h → 5 min');
  assert.equal(r.steps[2]!.conversion, 0.6667);
  assert.equal(r.windowHours, 168);
});

test('a window, predicates on the data, and a split', async () => {
  const long = await runFunnel(store.db, WS, { ...NOV, windowHours: 24 * 10 }, ALL_CUSTOMERS);
  assert.equal(long.steps[2]!.customers, 3, 'b\'s cart nine days later counts in a ten-day window');
  const p1 = await runFunnel(store.db, WS, {
    ...NOV, steps: [{ type: 'content.viewed' }, { type: 'product.viewed', where: { productId: 'p1' } }, { type: 'order.paid' }],
  }, ALL_CUSTOMERS);
  assert.deepEqual(p1.steps.map((s) => s.customers), [3, 2, 2]);
  const split = await runFunnel(store.db, WS, { ...NOV, split: 'rfmSegment' }, ALL_CUSTOMERS);
  assert.deepEqual(split.groups.map((g) => [g.key, g.steps[0]!.customers, g.steps[3]!.customers]), [['重要价值', 2, 1], ['一般维持', 1, 1]]);
  const ch = await runFunnel(store.db, WS, { ...NOV, split: 'channel' }, ALL_CUSTOMERS);
  assert.deepEqual(ch.groups.map((g) => g.key), ['qr', 'ad']);
  await assert.rejects(runFunnel(store.db, WS, { from: '2026-11-30', to: '2026-11-01' }, ALL_CUSTOMERS), /to: 2026-11-01 is before from/);
});

test('staff see only their customers\' funnel', async () => {
  const r = await runFunnel(store.db, WS, NOV, LI);
  assert.deepEqual(r.steps.map((s) => s.customers), [1, 1, 1, 1, 0]);
});

test('the customers at a step, or who stopped there, become a saved segment', async () => {
  const saved = await saveFunnelAudience(store.db, WS, { query: NOV, step: 3, name: '加购客户', actor: { kind: 'api' } }, ALL_CUSTOMERS);
  assert.equal(saved.customers, 2);
  assert.equal(await countAudience(store.db, WS, { field: 'segment', segment: '加购客户' }, ALL_CUSTOMERS), 2);
  const dropped = await saveFunnelAudience(store.db, WS, { query: NOV, step: 2, dropped: true, name: '点击未加购', actor: { kind: 'api' } }, ALL_CUSTOMERS);
  assert.equal(dropped.customers, 1);
  const seg = await getSegment(store.db, WS, '点击未加购');
  assert.deepEqual((seg?.filter as { values: number[] }).values, [ids[1]]);
  await assert.rejects(saveFunnelAudience(store.db, WS, { query: NOV, step: 9, name: 'x', actor: { kind: 'api' } }, ALL_CUSTOMERS), /the funnel has 5 steps/);
  const mine = await saveFunnelAudience(store.db, WS, { query: NOV, step: 1, name: '我的浏览', actor: { kind: 'api' } }, LI);
  assert.equal(mine.customers, 1, 'a staff member saves only their own customers');
});
