import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace, upsertChannels, upsertStaff } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { acquisitionBoard } from './index.ts';

let store: TestStore;
const WS = 'acquisition';
const now = Date.parse('2026-11-30T12:00:00+08:00');
const at = (md: string) => `2026-${md}T10:00:00+08:00`;
const ev = (id: string, who: string, type: string, md: string, staffId: string | undefined, data: object = {}) =>
  ({ id, type, occurredAt: at(md), customer: { externalUserId: who }, ...(staffId ? { staffId } : {}), data });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  await upsertStaff(store.db, WS, [{ staffId: 'li', name: '李娜' }, { staffId: 'zhang', name: '张伟' }]);
  await upsertChannels(store.db, WS, [{ channel: 'qr-a', name: '门店活码', fixedCostFen: 0, trafficCostFen: 0 }]);
  const r = await ingestEvents(store.db, WS, [
    ev('e1', 'wm-e', 'contact.added', '10-10', 'li', { channel: 'qr-a' }),
    ev('d0', 'wm-d', 'order.paid', '10-20', undefined, { orderId: 'o-d', amount: '10.00' }),
    ev('a1', 'wm-a', 'contact.added', '11-01', 'li', { channel: 'qr-a', campaign: 'fest' }),
    ev('b1', 'wm-b', 'contact.added', '11-02', 'zhang', { channel: 'qr-b' }),
    ev('a2', 'wm-a', 'order.paid', '11-03', undefined, { orderId: 'o-a1', amount: '100.00' }),
    ev('b2', 'wm-b', 'campaign.joined', '11-03', undefined, { campaignId: 'fest' }),
    ev('b3', 'wm-b', 'contact.removed', '11-05', 'zhang', { by: 'customer' }),
    ev('d1', 'wm-d', 'contact.added', '11-10', 'li', { channel: 'qr-a' }),
    ev('a3', 'wm-a', 'order.paid', '11-20', undefined, { orderId: 'o-a2', amount: '50.00' }),
    ev('c1', 'wm-c', 'contact.added', '11-25', 'li', { channel: 'qr-a' }),
  ], { now });
  assert.equal(r.accepted.length, 10);
});
after(() => store.close());

test('new followers, removals, net, first orders and revenue, with the period before beside them', async () => {
  const b = await acquisitionBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now });
  assert.deepEqual(b.previous, { from: '2026-10-02', to: '2026-10-31' });
  assert.deepEqual(b.totals, { newFollowers: 4, newCustomers: 4, removals: 1, net: 3, firstOrders: 1, conversionRate: 0.25, revenueFen: 15_000 });
  assert.equal(b.previousTotals.newFollowers, 1);
  assert.equal(b.change.newFollowers, 3);
  assert.deepEqual(b.daily.find((d) => d.day === '2026-11-05'), { day: '2026-11-05', newFollowers: 0, removals: 1, net: -1 });
  assert.equal(b.daily.length, 30);
  const qrA = b.byChannel.find((c) => c.channel === 'qr-a')!;
  assert.equal(qrA.name, '门店活码');
  assert.deepEqual([qrA.newFollowers, qrA.previousNewFollowers, qrA.change, qrA.firstOrders, qrA.revenueFen], [3, 1, 2, 1, 15_000],
    'D had bought before adding: not a first order');
  assert.deepEqual(qrA.retention, { d7: 1, d30: null, d90: null }, 'C (added 5 days ago) is not yet measured at 7 days');
  const qrB = b.byChannel.find((c) => c.channel === 'qr-b')!;
  assert.deepEqual([qrB.newFollowers, qrB.removals, qrB.net, qrB.retention.d7], [1, 1, 0, 0]);
  assert.deepEqual(b.byStaff.map((s) => [s.staffId, s.name, s.newFollowers, s.removals]), [['li', '李娜', 3, 0], ['zhang', '张伟', 1, 1]]);
  assert.deepEqual(b.removedBy, { customer: 1, staff: 0, unknown: 0 });
  assert.deepEqual(b.campaigns, [{ campaign: 'fest', joins: 1, newFollowers: 1, orders: 2, revenueFen: 15_000, heat: 8, rank: 1 }]);
});

test('filters by channel and staff; a staff member sees only their own figures', async () => {
  const qrB = await acquisitionBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now, channel: 'qr-b' });
  assert.deepEqual([qrB.totals.newFollowers, qrB.totals.removals], [1, 1]);
  const zhang = await acquisitionBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now, staff: 'zhang' });
  assert.deepEqual([zhang.totals.newFollowers, zhang.totals.removals], [1, 1]);
  const li = await acquisitionBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now, scope: { kind: 'staff', staffId: 'li' }, staff: 'zhang' });
  assert.deepEqual([li.totals.newFollowers, li.totals.removals], [3, 0], 'asking for another staff member still gives their own');
  assert.deepEqual(li.byStaff.map((s) => s.staffId), ['li']);
  assert.equal(li.campaigns[0]?.joins, 0, 'B (zhang\'s) joined the campaign: not in li\'s figures');
});

test('a bad range is refused naming the field', async () => {
  await assert.rejects(acquisitionBoard(store.db, WS, { from: '2026-11-31', now }), /from: "2026-11-31" is not a date/);
  await assert.rejects(acquisitionBoard(store.db, WS, { from: '2026-11-30', to: '2026-11-01', now }), /from: 2026-11-30 is after to/);
  await assert.rejects(acquisitionBoard(store.db, WS, { from: '2024-01-01', to: '2026-11-01', now }), /at most 366/);
});
