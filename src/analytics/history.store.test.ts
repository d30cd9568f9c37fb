import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { recompute } from '../models/index.ts';
import { customerTrend, distributionAsOf, ensureSnapshots } from './index.ts';

let store: TestStore;
const WS = 'history';
const now = Date.parse('2026-11-10T12:00:00+08:00');
const at = (day: string, time = '10:00') => `2026-11-${day}T${time}:00+08:00`;
const ev = (id: string, who: string, type: string, occurredAt: string, staffId: string, data: object = {}) =>
  ({ id, type, occurredAt, customer: { externalUserId: who }, staffId, data });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  // Two customers: A (li, qr-a) buys on the 5th and is refunded on the 8th; B (zhang, qr-b) removes us on the 6th.
  const r = await ingestEvents(store.db, WS, [
    ev('a1', 'wm-a', 'contact.added', at('01'), 'li', { channel: 'qr-a' }),
    ev('a2', 'wm-a', 'order.paid', at('05'), 'li', { orderId: 'o-a', amount: '99.00' }),
    ev('a3', 'wm-a', 'order.refunded', at('08'), 'li', { orderId: 'o-a', amount: '99.00' }),
    ev('b1', 'wm-b', 'contact.added', at('03'), 'zhang', { channel: 'qr-b' }),
    ev('b2', 'wm-b', 'contact.removed', at('06'), 'zhang', { by: 'customer' }),
  ], { now });
  assert.equal(r.accepted.length, 5);
  await recompute(store.db, WS, { asOf: now });
});
after(() => store.close());

const count = (d: { models: Record<string, { value: string; count: number }[]> }, model: string, value: string) =>
  d.models[model]!.find((b) => b.value === value)?.count ?? 0;

test('a past day counts only the customers who existed then, placed on what was known then', async () => {
  const before = await distributionAsOf(store.db, WS, '2026-10-31', now);
  assert.equal(before.source, 'snapshot');
  assert.equal(before.customers, 0, 'nobody existed before the first add');
  const first = await distributionAsOf(store.db, WS, '2026-11-01', now);
  assert.equal(first.customers, 1);
  assert.equal(count(first, 'trust', 'L0'), 1);
  const paid = await distributionAsOf(store.db, WS, '2026-11-05', now);
  assert.equal(paid.customers, 2);
  assert.equal(count(paid, 'trust', 'L4'), 1, 'the order paid that day makes A L4');
  assert.equal(count(paid, 'lifecycle_ecommerce', '首购'), 1);
  const refunded = await distributionAsOf(store.db, WS, '2026-11-08', now);
  assert.equal(count(refunded, 'trust', 'L4'), 0, 'refunded on the 8th: no longer L4 that day');
  assert.equal(count(refunded, 'rfm', '(no order)'), 2);
  // Staff see their own figures: zhang's scope held B only.
  const zhang = await distributionAsOf(store.db, WS, '2026-11-05', now, { kind: 'staff', staffId: 'zhang' });
  assert.equal(zhang.customers, 1);
  assert.equal(count(zhang, 'trust', 'L4'), 0);
});

test('friends and channel counts follow removals; a trend reads each bucket\'s last day', async () => {
  const t = await customerTrend(store.db, WS, { model: 'customers', from: '2026-11-01', to: '2026-11-09', interval: 'day', now });
  const byDay = new Map(t.buckets.map((b) => [b.day, b.counts]));
  assert.deepEqual(byDay.get('2026-11-04'), { total: 2, friends: 2 });
  assert.deepEqual(byDay.get('2026-11-06'), { total: 2, friends: 1 }, 'B removed us on the 6th');
  const qrB = await customerTrend(store.db, WS, { model: 'customers', from: '2026-11-01', to: '2026-11-09', interval: 'day', now, channel: 'qr-b' });
  assert.equal(qrB.buckets.find((b) => b.day === '2026-11-02'), undefined, 'no qr-b customer before the 3rd');
  assert.equal(qrB.buckets.find((b) => b.day === '2026-11-03')?.counts.total, 1);
  const weekly = await customerTrend(store.db, WS, { model: 'trust', from: '2026-11-01', to: '2026-11-10', interval: 'week', now });
  assert.deepEqual(weekly.buckets.map((b) => [b.bucket, b.day]), [['2026-10-26', '2026-11-01'], ['2026-11-02', '2026-11-08'], ['2026-11-09', '2026-11-10']]);
  const today = weekly.buckets.at(-1)!;
  assert.equal(today.total, 2, 'today from the stored placements');
});

test('a day once written does not change when computed again', async () => {
  const before = await distributionAsOf(store.db, WS, '2026-11-02', now);
  // A customer added on the 2nd arrives late: the 2nd's snapshot stays as it was.
  await ingestEvents(store.db, WS, [ev('c1', 'wm-c', 'contact.added', at('02'), 'li', { channel: 'qr-a' })], { now });
  const again = await ensureSnapshots(store.db, WS, now);
  assert.deepEqual(again.replayed, []);
  assert.deepEqual(await distributionAsOf(store.db, WS, '2026-11-02', now), before);
  // The 10th was written from the stored placements (the trend above asked for today) and is
  // kept; the 11th is new: replayed with the late customer in it.
  const later = Date.parse('2026-11-12T12:00:00+08:00');
  const next = await ensureSnapshots(store.db, WS, later);
  assert.deepEqual(next.replayed, ['2026-11-11']);
  assert.equal((await distributionAsOf(store.db, WS, '2026-11-10', later)).customers, 2);
  assert.equal((await distributionAsOf(store.db, WS, '2026-11-11', later)).customers, 3);
});
