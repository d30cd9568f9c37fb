/** Calendar rules: anniversaries and holidays fire once per customer per occurrence, from their hour, across concurrent runs. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addHolidays } from '../calendar/index.ts';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { createCategory, createGroup, createTag, tagCustomers, untagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runTimers, saveRule } from './index.ts';

const sh = (s: string) => Date.parse(`${s}+08:00`);
const staff = { kind: 'staff' as const, id: 'ops' };
let store: TestStore;
let ids: number[];
const WS = 'calendar-rules';

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS, timeZone: 'Asia/Shanghai' });
  // Three friends added on 2026-01-10; two of them first bought on 2026-03-15 (one at 23:30 Shanghai, still the 15th there).
  const r = await ingestEvents(store.db, WS, [
    ...[1, 2, 3].map((i) => ({ id: `add-${i}`, type: 'contact.added', occurredAt: '2026-01-10T10:00:00+08:00', customer: { externalUserId: `wm-${i}` }, staffId: 'zhang', data: {} })),
    { id: 'o1', type: 'order.paid', occurredAt: '2026-03-15T10:00:00+08:00', customer: { externalUserId: 'wm-1' }, data: { orderId: 'o1', amount: 99 } },
    { id: 'o2', type: 'order.paid', occurredAt: '2026-03-15T23:30:00+08:00', customer: { externalUserId: 'wm-2' }, data: { orderId: 'o2', amount: 59 } },
  ], { now: sh('2026-03-16T00:00:00') });
  ids = [...new Set(r.accepted.map((a) => a.customerId))];
});
after(() => store.close());

const tasks = async (title: string) => (await store.db.query<{ customer_id: number; due_at: Date }>(
  `SELECT customer_id, due_at FROM outreach_tasks WHERE workspace_id = $1 AND title = $2 ORDER BY customer_id, due_at`, [WS, title]));

test('a first-order anniversary fires from its hour, once per customer and year, and again the next year', async () => {
  await saveRule(store.db, WS, {
    name: '首单纪念日', enabled: true, trigger: { kind: 'date', field: 'firstOrder', hour: 10 },
    actions: [{ type: 'task', title: '首单一周年', content: '送上一张纪念券', purpose: 'service' }],
  }, staff);
  assert.equal((await runTimers(store.db, { now: sh('2026-03-15T12:00:00'), workspaceId: WS })).fired, 0, 'the day of the order itself is no anniversary');
  assert.equal((await runTimers(store.db, { now: sh('2027-03-15T09:59:00'), workspaceId: WS })).fired, 0, 'before its hour');
  assert.equal((await runTimers(store.db, { now: sh('2027-03-15T10:00:00'), workspaceId: WS })).fired, 2);
  assert.equal((await runTimers(store.db, { now: sh('2027-03-15T16:00:00'), workspaceId: WS })).fired, 0, 'once per occurrence');
  assert.equal((await runTimers(store.db, { now: sh('2027-03-16T10:00:00'), workspaceId: WS })).fired, 0);
  assert.deepEqual((await tasks('首单一周年')).map((t) => t.customer_id), ids.slice(0, 2));
  assert.equal((await runTimers(store.db, { now: sh('2028-03-15T11:00:00'), workspaceId: WS })).fired, 2, 'the second anniversary');
});

test('a holiday N days ahead fires for everyone once, even with two runs at the same time', async () => {
  await saveRule(store.db, WS, {
    name: '春节问候', enabled: true, trigger: { kind: 'holiday', holiday: '春节', daysBefore: 1 },
    actions: [{ type: 'task', title: '春节前一天问候', content: '{name}，新春快乐', purpose: 'service' }],
  }, staff);
  // 春节 2027 is 6 February: the eve is the 5th.
  assert.equal((await runTimers(store.db, { now: sh('2027-02-04T12:00:00'), workspaceId: WS })).fired, 0);
  const [a, b] = await Promise.all([
    runTimers(store.db, { now: sh('2027-02-05T09:30:00'), workspaceId: WS }),
    runTimers(store.db, { now: sh('2027-02-05T09:30:00'), workspaceId: WS }),
  ]);
  assert.equal(a.fired + b.fired, 3);
  assert.deepEqual((await tasks('春节前一天问候')).map((t) => t.customer_id), ids);
  const keys = await store.db.query<{ trigger_key: string }>(`SELECT DISTINCT trigger_key FROM rule_firings WHERE workspace_id = $1 AND trigger_key LIKE 'holiday:%'`, [WS]);
  assert.deepEqual(keys.map((k) => k.trigger_key), ['holiday:春节@2027-02-06']);
});

test('a day the workspace added (会员日) is a holiday for rules; unknown holidays are named; a birthday greets its customer once', async () => {
  await assert.rejects(saveRule(store.db, WS, {
    name: '会员日', enabled: true, trigger: { kind: 'holiday', holiday: '会员日' }, actions: [{ type: 'task', title: '会员日提醒' }],
  }, staff), /trigger.holiday: "会员日" is neither a built-in festival/);
  const added = await addHolidays(store.db, WS, [{ date: '2027-04-08', name: '会员日' }, { date: '2027-02-30', name: '会员日' }, { date: '2027-05-08', name: '' }, { date: '2026-13-45', name: '会员日' }], { by: 'ops', now: new Date() });
  assert.equal(added.added.length, 1);
  assert.deepEqual(added.errors.map((e) => [e.row, e.field]), [[1, 'date'], [2, 'name'], [3, 'date']]);
  await saveRule(store.db, WS, {
    name: '会员日', enabled: true, trigger: { kind: 'holiday', holiday: '会员日' }, actions: [{ type: 'task', title: '会员日提醒' }],
  }, staff);
  assert.equal((await runTimers(store.db, { now: sh('2027-04-08T09:00:00'), workspaceId: WS })).fired, 3);
  // The birthday from the customer record: one customer born on 20 April gets the greeting that day, once.
  await store.db.query(`UPDATE customers SET birthday = '1990-04-20' WHERE workspace_id = $1 AND customer_id = (SELECT min(customer_id) FROM customers WHERE workspace_id = $1)`, [WS]);
  await saveRule(store.db, WS, {
    name: '生日', enabled: true, trigger: { kind: 'date', field: 'birthday' }, actions: [{ type: 'task', title: '生日祝福' }],
  }, staff);
  assert.equal((await runTimers(store.db, { now: sh('2027-04-19T09:00:00'), workspaceId: WS })).fired, 0);
  assert.equal((await runTimers(store.db, { now: sh('2027-04-20T09:00:00'), workspaceId: WS })).fired, 1);
  assert.equal((await runTimers(store.db, { now: sh('2027-04-20T15:00:00'), workspaceId: WS })).fired, 0);
});

test('a recurring touch (唤起记忆) fires once per period while the customer stays in the stage, and starts over with a new stay', async () => {
  await createCategory(store.db, WS, '阶段', staff);
  await createGroup(store.db, WS, { name: '沉睡', category: '阶段', exclusive: true }, staff);
  await createTag(store.db, WS, '沉睡', '待唤醒', staff);
  await saveRule(store.db, WS, {
    name: '唤起记忆', enabled: true, trigger: { kind: 'recurring', tag: '沉睡/待唤醒', everyDays: 7 },
    actions: [{ type: 'task', title: '唤起记忆', content: '{name}，好久不见，最近怎么样？', purpose: 'service' }],
  }, staff);
  const t0 = sh('2027-06-01T10:00:00');
  const DAY = 86_400_000;
  await tagCustomers(store.db, WS, { customerIds: [ids[0]!, ids[1]!], tag: '沉睡/待唤醒', source: 'staff', actor: staff, now: new Date(t0) });
  const run = async (at: number) => (await runTimers(store.db, { now: at, workspaceId: WS })).fired;
  assert.equal(await run(t0 + 6 * DAY), 0);
  const [a, b] = await Promise.all([run(t0 + 7 * DAY), run(t0 + 7 * DAY)]);
  assert.equal(a + b, 2, 'the first period, once each, even with two runs at once');
  assert.equal(await run(t0 + 10 * DAY), 0);
  await untagCustomers(store.db, WS, { customerIds: [ids[1]!], tag: '沉睡/待唤醒', source: 'staff', actor: staff, now: new Date(t0 + 12 * DAY) });
  assert.equal(await run(t0 + 14 * DAY), 1, 'the second period: only the one still in the stage');
  await tagCustomers(store.db, WS, { customerIds: [ids[1]!], tag: '沉睡/待唤醒', source: 'staff', actor: staff, now: new Date(t0 + 15 * DAY) });
  assert.equal(await run(t0 + 22 * DAY), 2, 'the stayer\'s third period, and the returner\'s first');
  const [{ n }] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = $1 AND title = '唤起记忆'`, [WS]) as [{ n: number }];
  assert.equal(n, 5);
});
