import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ingestEvents } from '../events/index.ts';
import { createTasks, setTaskStatus } from '../outreach/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { customerCoupons, defineCoupon, issueCoupon, listCoupons, processCoupons, redeemCoupon } from './index.ts';

const WS = 'coupons';
const NOW = Date.parse('2026-12-07T15:00:00+08:00');
const actor = { kind: 'staff' as const, id: 'ops' };
let store: TestStore;
let wang = 0;
let chen = 0;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  const r = await ingestEvents(store.db, WS, [
    { id: 'a1', type: 'contact.added', occurredAt: '2026-12-01T10:00:00+08:00', customer: { externalUserId: 'wm-wang', name: '王芳' }, staffId: 'zhang' },
    { id: 'a2', type: 'contact.added', occurredAt: '2026-12-01T10:00:00+08:00', customer: { externalUserId: 'wm-chen', name: '陈静' }, staffId: 'li' },
  ], { now: NOW });
  [wang, chen] = r.accepted.map((a) => a.customerId) as [number, number];
  await defineCoupon(store.db, WS, { couponId: 'fruit-20', name: '满100减20', value: '20', minSpend: '100', validDays: 7, remindDays: 3 }, actor);
});
after(() => store?.close());

const eventsOf = async (type: string) => (await store.db.query(`SELECT 1 FROM events WHERE workspace_id = $1 AND type = $2`, [WS, type])).length;

test('issuing records the coupon once, writes coupon.issued and plans the reminder 3 days before it lapses', async () => {
  const first = await issueCoupon(store.db, WS, { couponId: 'fruit-20', customerId: wang, source: { type: 'api', id: 'crm-1' } }, { now: NOW, actor });
  const again = await issueCoupon(store.db, WS, { couponId: 'fruit-20', customerId: wang, source: { type: 'api', id: 'crm-1' } }, { now: NOW + 1000, actor });
  assert.deepEqual([first.created, again.created], [true, false]);
  assert.equal(first.issue.expiresAt, '2026-12-13T16:00:00.000Z');
  assert.equal(await eventsOf('coupon.issued'), 1);
  const [task] = await store.db.query<{ due_at: Date; kind: string; status: string }>(
    `SELECT due_at, kind, status FROM outreach_tasks WHERE workspace_id = $1 AND task_id = $2`, [WS, first.issue.reminderTaskId]);
  assert.deepEqual([task!.due_at.toISOString(), task!.kind, task!.status], ['2026-12-10T02:00:00.000Z', 'care', 'pending']);
  const [agg] = await store.db.query<{ coupons_issued: number }>(`SELECT coupons_issued FROM customer_aggregates WHERE workspace_id = $1 AND customer_id = $2`, [WS, wang]);
  assert.equal(agg!.coupons_issued, 1);
});

test('a sent task carrying a coupon issues it (once, however often the pass runs)', async () => {
  const made = await store.db.transaction((tx) => createTasks(tx, WS, [{
    customerId: chen, kind: 'sop_step', purpose: 'service', channel: 'private_chat', title: '券', content: '送您一张券', couponId: 'fruit-20',
    dueAt: new Date(NOW), dedupeKey: 'sop:9:step1:chen', source: { type: 'sop', id: '9' },
  }], new Date(NOW)));
  const taskId = made.created[0]!.taskId;
  assert.equal((await processCoupons(store.db, WS, NOW)).issuedFromTasks, 0, 'not yet sent');
  await setTaskStatus(store.db, WS, taskId, 'sent', actor, undefined, new Date(NOW + 60_000));
  assert.equal((await processCoupons(store.db, WS, NOW + 120_000)).issuedFromTasks, 1);
  assert.equal((await processCoupons(store.db, WS, NOW + 180_000)).issuedFromTasks, 0);
  const list = await customerCoupons(store.db, WS, chen);
  assert.deepEqual(list.map((c) => [c.issueId, c.source.type, c.status]), [[`task:${taskId}`, 'sop', 'issued']]);
});

test('an order carrying the coupon id redeems the oldest open coupon and cancels its reminder; coupon.redeemed by issue id too', async () => {
  await ingestEvents(store.db, WS, [
    { id: 'o1', type: 'order.paid', occurredAt: new Date(NOW + 3_600_000).toISOString(), customer: { externalUserId: 'wm-wang' }, data: { orderId: 'E1', amount: 128, couponId: 'fruit-20' } },
  ], { now: NOW + 3_600_000 });
  const pass = await processCoupons(store.db, WS, NOW + 3_700_000);
  assert.deepEqual([pass.redeemed, pass.remindersCancelled], [1, 1]);
  const [w] = await customerCoupons(store.db, WS, wang);
  assert.deepEqual([w!.status, w!.orderId], ['redeemed', 'E1']);
  assert.equal((await processCoupons(store.db, WS, NOW + 3_800_000)).redeemed, 0, 'the order is used once');

  const [c] = await customerCoupons(store.db, WS, chen);
  const r = await redeemCoupon(store.db, WS, c!.issueId, { now: NOW + 7_200_000, actor });
  assert.equal(r.status, 'redeemed');
  assert.equal(await eventsOf('coupon.redeemed'), 1);
  assert.deepEqual((await listCoupons(store.db, WS)).map((x) => [x.couponId, x.issued, x.redeemed]), [['fruit-20', 2, 2]]);
});

test('an unused coupon lapses; its reminder goes with it; staff issue only to their own customers', async () => {
  const { issue } = await issueCoupon(store.db, WS, { couponId: 'fruit-20', customerId: wang, source: { type: 'staff', id: 'zhang' } }, { now: NOW, actor });
  const pass = await processCoupons(store.db, WS, Date.parse(issue.expiresAt) + 1000);
  assert.deepEqual([pass.expired, pass.remindersCancelled], [1, 1]);
  await assert.rejects(issueCoupon(store.db, WS, { couponId: 'fruit-20', customerId: wang, source: { type: 'staff', id: 'li' } },
    { now: NOW, actor, scope: { kind: 'staff', staffId: 'li' } }), /does not exist/);
  await assert.rejects(issueCoupon(store.db, WS, { couponId: 'nope', customerId: wang, source: { type: 'api', id: 'x' } }, { now: NOW, actor }), /not defined/);
});
