/** Responsiveness, complaints and the unanswered-message tasks on every store. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ingestEvents } from '../events/index.ts';
import { openOutreachStore } from '../outreach/testing.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { TestStore } from '../store/test-store.ts';
import { complaintsBoard, createUnansweredTasks, responsivenessBoard } from './index.ts';

const WS = 'service-board';
let store: TestStore;
const LI = { kind: 'staff', staffId: 'li' } as const;

before(async () => {
  store = await openOutreachStore(WS);
  const events: Record<string, unknown>[] = [];
  let n = 0;
  const ev = (who: string, type: string, at: string, data: Record<string, unknown> = {}, staffId?: string) =>
    events.push({ id: `e${n++}`, type, occurredAt: `${at}+08:00`, customer: { externalUserId: who }, ...(staffId ? { staffId } : {}), data });
  ev('z1', 'contact.added', '2026-11-01T10:00:00', {}, 'zhang');
  ev('z2', 'contact.added', '2026-11-01T10:00:00', {}, 'zhang');
  ev('l1', 'contact.added', '2026-11-01T10:00:00', {}, 'li');
  // zhang answers in 2 and 4 minutes; li in 45 minutes, and once the next morning (17:50 → 09:10: 20 service minutes).
  ev('z1', 'message.received', '2026-11-16T10:00:00', { conversationId: 'c1', text: '在吗' });
  ev('z1', 'message.received', '2026-11-16T10:01:00', { conversationId: 'c1', text: '芒果还有吗' });
  ev('z1', 'message.sent', '2026-11-16T10:02:00', { conversationId: 'c1', text: '在的' }, 'zhang');
  ev('z1', 'message.received', '2026-11-16T11:00:00', { conversationId: 'c1', text: '好的' });
  ev('z1', 'message.sent', '2026-11-16T11:04:00', { conversationId: 'c1', text: '好' }, 'zhang');
  ev('l1', 'message.received', '2026-11-17T10:00:00', { conversationId: 'c2', text: '发货了吗' });
  ev('l1', 'message.sent', '2026-11-17T10:45:00', { conversationId: 'c2', text: '今天发' }, 'li');
  ev('l1', 'message.received', '2026-11-17T17:50:00', { conversationId: 'c3', text: '到了吗' });
  ev('l1', 'message.sent', '2026-11-18T09:10:00', { conversationId: 'c3', text: '明天到' }, 'li');
  // A group message is not a private ask; the customer's answer to a staff greeting is one (they wait for the next word).
  ev('z2', 'message.received', '2026-11-16T12:00:00', { conversationId: 'g1', chatType: 'group', text: '大家好' });
  ev('z2', 'message.sent', '2026-11-16T12:00:00', { conversationId: 'c4', text: '您好' }, 'zhang');
  ev('z2', 'message.received', '2026-11-16T12:30:00', { conversationId: 'c4', text: '你好' });
  ev('z2', 'message.sent', '2026-11-16T12:31:00', { conversationId: 'c4', text: '请问' }, 'zhang');
  // Waiting now: z2 since 09:00 (owed a task at 10:00), l1 since 09:50 (not yet at 10:00).
  ev('z2', 'message.received', '2026-11-20T09:00:00', { conversationId: 'c5', text: '退款呢' });
  ev('l1', 'message.received', '2026-11-20T09:50:00', { conversationId: 'c6', text: '还在吗' });
  ev('z1', 'complaint.filed', '2026-11-18T10:00:00', { reason: '水果坏了' }, 'zhang');
  ev('z2', 'complaint.filed', '2026-11-18T11:00:00', { reason: '水果坏了' });
  ev('l1', 'complaint.filed', '2026-11-19T11:00:00', { reason: '发货慢' }, 'li');
  ev('l1', 'complaint.filed', '2026-11-10T11:00:00', { reason: '发货慢' }, 'li');
  const r = await ingestEvents(store.db, WS, events);
  assert.deepEqual(r.rejected, []);
});
after(() => store.close());

const WEEK = { from: '2026-11-14', to: '2026-11-20' };

test('first-response time per staff member, in service hours, beside the week before', async () => {
  const b = await responsivenessBoard(store.db, WS, WEEK, ALL_CUSTOMERS);
  assert.deepEqual(b.staff.map((s) => [s.staffId, s.asks, s.answered, s.medianMinutes, s.within5, s.within30]), [
    ['li', 3, 2, 32.5, 0, 0.3333],
    ['zhang', 4, 3, 2, 0.75, 0.75],
  ]);
  assert.equal(b.total.asks, 7);
  assert.equal(b.total.previous.asks, 0);
  assert.deepEqual(b.weekly.map((w) => [w.week, w.staffId, w.asks]), [['2026-11-16', 'li', 3], ['2026-11-16', 'zhang', 4]]);
  const li = await responsivenessBoard(store.db, WS, { ...WEEK, staff: 'zhang' }, LI);
  assert.deepEqual(li.staff.map((s) => s.staffId), ['li']);
  const evening = await responsivenessBoard(store.db, WS, { ...WEEK, hours: '9-22' }, ALL_CUSTOMERS);
  assert.equal(evening.staff.find((s) => s.staffId === 'li')!.medianMinutes, (45 + 250 + 10) / 2, 'longer hours count 17:50–22:00 too');
  await assert.rejects(responsivenessBoard(store.db, WS, { ...WEEK, hours: '18-9' }, ALL_CUSTOMERS), /hours: "18-9"/);
});

test('complaints by reason and staff member, beside the week before', async () => {
  const c = await complaintsBoard(store.db, WS, WEEK, ALL_CUSTOMERS);
  assert.deepEqual(c.total, { current: 3, previous: 1, delta: 2, change: 2 });
  assert.deepEqual(c.byReason, [{ reason: '水果坏了', count: 2, previous: 0 }, { reason: '发货慢', count: 1, previous: 1 }]);
  assert.deepEqual(c.byStaff.map((s) => [s.staffId, s.count, s.previous]), [['zhang', 2, 0], ['li', 1, 1]]);
  const li = await complaintsBoard(store.db, WS, WEEK, LI);
  assert.deepEqual(li.byStaff.map((s) => s.staffId), ['li']);
});

test('a message waiting more than 30 service minutes gives the owner one service task, however many workers run', async () => {
  const at10 = Date.parse('2026-11-20T10:00:00+08:00');
  const runs = await Promise.all([createUnansweredTasks(store.db, WS, at10), createUnansweredTasks(store.db, WS, at10)]);
  assert.equal(runs[0].created + runs[1].created, 1, JSON.stringify(runs));
  const again = await createUnansweredTasks(store.db, WS, at10 + 3_600_000);
  assert.equal(again.created, 1, 'l1\'s message is owed one by 11:00; z2\'s already has its task');
  const tasks = await store.db.query<{ staff_id: string; purpose: string; source_type: string; dedupe_key: string }>(
    `SELECT staff_id, purpose, source_type, dedupe_key FROM outreach_tasks WHERE workspace_id = $1 ORDER BY task_id`, [WS],
  );
  assert.deepEqual(tasks.map((t) => [t.staff_id, t.purpose, t.source_type]), [['zhang', 'service', 'service'], ['li', 'service', 'service']]);
  assert.equal((await createUnansweredTasks(store.db, WS, at10 + 7_200_000)).created, 0);
});
