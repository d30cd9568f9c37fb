import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ingestEvents } from '../events/index.ts';
import { churnReport, recordChurnReason, setChurnReasons, getChurnReasons } from './index.ts';

let store: TestStore;
const WS = 'churn';
const now = Date.parse('2026-11-30T12:00:00+08:00');
const li = { kind: 'staff', id: 'li' } as const;
const ev = (id: string, who: string, type: string, day: string, staffId: string | undefined, data: object = {}) =>
  ({ id, type, occurredAt: `2026-11-${day}T10:00:00+08:00`, customer: { externalUserId: who, name: who.toUpperCase() }, ...(staffId ? { staffId } : {}), data });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  const r = await ingestEvents(store.db, WS, [
    ev('a1', 'wm-a', 'contact.added', '01', 'li', { channel: 'qr' }),
    ev('a2', 'wm-a', 'message.sent', '03', 'li', { conversationId: 'c1', text: '在吗' }),
    ev('a3', 'wm-a', 'moment.liked', '05', undefined, { momentId: 'm1' }),
    ev('a4', 'wm-a', 'contact.removed', '11', 'li', { by: 'customer' }),
    ev('b1', 'wm-b', 'contact.added', '02', 'zhang', { channel: 'ad' }),
    ev('b2', 'wm-b', 'contact.removed', '04', 'zhang', { by: 'staff' }),
    ev('c1', 'wm-c', 'contact.added', '02', 'li', { channel: 'qr' }),
  ], { now });
  assert.equal(r.accepted.length, 7);
});
after(() => store.close());

const idOf = async (who: string) => Number((await store.db.query<{ customer_id: number }>(
  `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND value = $2`, [WS, who]))[0]!.customer_id);

test('the churn list: when, after how long, last touch, owner; reasons recorded from the list and reported as shares', async () => {
  const r = await churnReport(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now });
  assert.deepEqual([r.removals, r.byCustomer, r.byStaff, r.medianTenureDays], [2, 1, 1, 6]);
  const a = r.items[0]!;
  assert.deepEqual([a.name, a.tenureDays, a.owner, a.channel, a.by, a.lastTouch?.type, a.lastStaffMessageAt], ['WM-A', 10, 'li', 'qr', 'customer', 'moment.liked', '2026-11-03T02:00:00.000Z']);
  assert.deepEqual(await getChurnReasons(store.db, WS), ['搬家', '其他渠道', '朋友推荐', '竞品更优', '产品不满意', '员工冷漠']);
  await recordChurnReason(store.db, WS, await idOf('wm-a'), { reason: '员工冷漠', note: '三天没回' }, li, { kind: 'staff', staffId: 'li' });
  await assert.rejects(recordChurnReason(store.db, WS, await idOf('wm-b'), { reason: '搬家' }, li, { kind: 'staff', staffId: 'li' }), /does not exist/, 'zhang\'s customer');
  await assert.rejects(recordChurnReason(store.db, WS, await idOf('wm-a'), { reason: '太贵' }, li), /reason: "太贵" is not one of/);
  await assert.rejects(recordChurnReason(store.db, WS, await idOf('wm-c'), { reason: '搬家' }, li), /has not removed us/);
  const after = await churnReport(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now });
  assert.equal(after.items[0]!.reason, '员工冷漠');
  const shares = new Map(after.reasons.map((s) => [s.reason, [s.removals, s.share, s.shareOfRecorded]]));
  assert.deepEqual(shares.get('员工冷漠'), [1, 0.5, 1]);
  assert.deepEqual(shares.get('(not recorded)'), [1, 0.5, null]);
  // Staff see their own customers' removals only.
  const mine = await churnReport(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now, scope: { kind: 'staff', staffId: 'li' } });
  assert.deepEqual(mine.items.map((i) => i.name), ['WM-A']);
  await setChurnReasons(store.db, WS, ['搬家', '太贵'], li);
  await assert.rejects(setChurnReasons(store.db, WS, ['搬家', '搬家'], li), /reasons\[1\]: "搬家" is listed twice/);
  const renamed = await churnReport(store.db, WS, { from: '2026-11-01', to: '2026-11-30', now });
  assert.deepEqual(renamed.reasons.map((s) => s.reason), ['搬家', '太贵', '员工冷漠', '(not recorded)'], 'a reason no longer listed still counts');
});
