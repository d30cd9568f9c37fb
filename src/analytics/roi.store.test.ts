import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace, upsertChannels } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { listCosts, removeCost, roiBoard, setCost } from './index.ts';

let store: TestStore;
const WS = 'roi';
const now = Date.parse('2026-12-20T12:00:00+08:00');
const actor = { kind: 'staff', id: 'boss' } as const;
const ev = (id: string, who: string, type: string, day: string, data: object = {}) =>
  ({ id, type, occurredAt: `2026-11-${day}T10:00:00+08:00`, customer: { externalUserId: who }, staffId: 'li', data });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  await upsertChannels(store.db, WS, [{ channel: 'qr', name: '门店活码', fixedCostFen: 0, trafficCostFen: 0 }]);
  const r = await ingestEvents(store.db, WS, [
    ev('a1', 'wm-a', 'contact.added', '01', { channel: 'qr', campaign: 'fest' }),
    ev('b1', 'wm-b', 'contact.added', '02', { channel: 'qr' }),
    ev('c1', 'wm-c', 'contact.added', '03', { channel: 'ad' }),
    ev('a2', 'wm-a', 'order.paid', '05', { orderId: 'o1', amount: '300.00' }),
    ev('b2', 'wm-b', 'order.paid', '11', { orderId: 'o2', amount: '400.00' }),
    ev('c2', 'wm-c', 'campaign.joined', '04', { campaignId: 'fest' }),
  ], { now });
  assert.equal(r.accepted.length, 6);
});
after(() => store.close());

test('costs per period: set, replace, refuse overlaps and bad input by field, remove', async () => {
  await setCost(store.db, WS, { kind: 'channel', key: 'qr', from: '2026-11-01', to: '2026-11-30', fixed: '300', traffic: 300 }, actor);
  const replaced = await setCost(store.db, WS, { kind: 'channel', key: 'qr', from: '2026-11-01', to: '2026-11-30', fixed: '300.00', traffic: '300.00', note: '11月' }, actor);
  assert.deepEqual([replaced.fixedFen, replaced.trafficFen, replaced.note], [30_000, 30_000, '11月']);
  await assert.rejects(setCost(store.db, WS, { kind: 'channel', key: 'qr', from: '2026-11-15', to: '2026-12-15', fixed: 1 }, actor), /overlaps 2026-11-15 – 2026-12-15/);
  await assert.rejects(setCost(store.db, WS, { kind: 'channel', key: 'qr', from: '2026-12-01', to: '2026-11-30' }, actor), /to: 2026-11-30 is before from/);
  await assert.rejects(setCost(store.db, WS, { kind: 'channel', key: 'qr', from: '2026-12-01', to: '2026-12-31', fixed: '-5' }, actor), /fixed: must not be negative/);
  await assert.rejects(setCost(store.db, WS, { kind: 'shop', key: 'qr', from: '2026-12-01', to: '2026-12-31' }, actor), /kind: "shop"/);
  await setCost(store.db, WS, { kind: 'campaign', key: 'fest', from: '2026-11-01', to: '2026-11-10', fixed: '100' }, actor);
  await setCost(store.db, WS, { kind: 'channel', key: 'ad', from: '2026-12-01', to: '2026-12-31', traffic: '50' }, actor);
  assert.equal((await listCosts(store.db, WS)).length, 3);
  await removeCost(store.db, WS, 'channel', 'ad', '2026-12-01', actor);
  assert.deepEqual((await listCosts(store.db, WS)).map((c) => [c.kind, c.key, c.from]), [['campaign', 'fest', '2026-11-01'], ['channel', 'qr', '2026-11-01']]);
});

test('ROI per channel and campaign: cost per follower, revenue in the window, payback day', async () => {
  const b = await roiBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now });
  const qr = b.channels.find((c) => c.key === 'qr')!;
  assert.deepEqual(
    [qr.name, qr.newFollowers, qr.costFen, qr.costPerFollowerFen, qr.revenueFen, qr.roi, qr.paybackDays],
    ['门店活码', 2, 60_000, 30_000, 70_000, 70_000 / 60_000, 10],
    '¥600 over 2 followers; ¥300 on the 5th, ¥400 on the 11th covers it (day 10 of the range)',
  );
  const ad = b.channels.find((c) => c.key === 'ad')!;
  assert.deepEqual([ad.costFen, ad.roi, ad.paybackDays], [0, null, 0]);
  const fest = b.campaigns.find((c) => c.key === 'fest')!;
  assert.deepEqual([fest.newFollowers, fest.customers, fest.costFen, fest.revenueFen, fest.roi, fest.paybackDays], [1, 2, 10_000, 30_000, 3, 4]);
  assert.deepEqual([b.totals.costFen, b.totals.revenueFen], [70_000, 70_000]);
  assert.equal(b.windowComplete, false, 'orders may still come within 90 days of the 30th');
  // Half the month: half the month's cost.
  const half = await roiBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-15', now });
  assert.equal(half.channels.find((c) => c.key === 'qr')!.costFen, 30_000);
  // A 3-day window: B's order on the 11th (9 days after adding) no longer counts.
  const short = await roiBoard(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now, attributionDays: 3 });
  assert.equal(short.channels.find((c) => c.key === 'qr')!.revenueFen, 0, 'A bought 4 days after adding too');
});
