/** The demo's operations side: its day-one tasks fit the working day, and its rules keep the journeys current. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { drainSignals } from '../automation/index.ts';
import { ingestEvents } from '../events/index.ts';
import { recompute } from '../models/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { loadDemo, seedDemoOperations, type DemoOperationsResult } from './index.ts';

const ws = 'demo-ops';
const now = Date.parse('2026-05-20T09:30:00+08:00');
let store: TestStore;
let ops: DemoOperationsResult;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  await loadDemo(store.db, { workspaceId: ws, seed: 3, customers: 300, endDate: '2026-05-20', now, batchSize: 300 });
  await recompute(store.db, ws, { asOf: now, cause: 'recompute' });
  ops = await seedDemoOperations(store.db, ws, now);
});
after(() => store.close());

const stageOf = async (customerId: number, journey: string) => (await store.db.query<{ stage: string }>(
  `SELECT t.name AS stage FROM customer_tags ct JOIN tags t USING (workspace_id, tag_id) JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
   WHERE ct.workspace_id = $1 AND ct.customer_id = $2 AND g.name = $3`, [ws, customerId, journey]))[0]?.stage;

test('day one: the SOP tasks are spread over each staff member\'s working hours, not due in one minute', async () => {
  assert.equal(ops.skipped.length, 0, ops.skipped.join('; '));
  assert.ok(ops.workday.tasks > 20, JSON.stringify(ops.workday));
  const rows = await store.db.query<{ staff_id: string; due_at: Date }>(
    `SELECT staff_id, due_at FROM outreach_tasks WHERE workspace_id = $1 AND source_type = 'sop' AND status = 'pending' AND created_at = $2::timestamptz`,
    [ws, new Date(now).toISOString()],
  );
  assert.equal(rows.length, ops.workday.tasks);
  const start = now;
  const end = Date.parse('2026-05-20T18:00:00+08:00');
  assert.ok(rows.every((r) => r.due_at.getTime() >= start && r.due_at.getTime() < end), 'within today\'s working hours');
  const perMinute = new Map<string, number>();
  for (const r of rows) perMinute.set(`${r.staff_id}@${r.due_at.getTime()}`, (perMinute.get(`${r.staff_id}@${r.due_at.getTime()}`) ?? 0) + 1);
  assert.equal(Math.max(...perMinute.values()), 1, 'one task per staff member per minute');
  const [touch] = await store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contact_touches c JOIN outreach_tasks t ON t.workspace_id = c.workspace_id AND t.task_id = c.task_id
     WHERE c.workspace_id = $1 AND c.outcome = 'planned' AND c.at <> t.due_at`, [ws]);
  assert.equal(touch!.n, 0, 'each planned contact moved with its task');
  // The later steps of everyone enrolled at once are not one crowd at a minute either.
  const [crowd] = await store.db.query<{ n: number; steps: number }>(
    `SELECT max(n)::int AS n, sum(n)::int AS steps FROM (
       SELECT count(*) AS n FROM sop_deliveries d JOIN customers c USING (workspace_id, customer_id)
       LEFT JOIN customer_aggregates a USING (workspace_id, customer_id)
       WHERE d.workspace_id = $1 AND d.status = 'scheduled' GROUP BY COALESCE(c.owner_staff, a.added_by_staff), d.due_at) g`, [ws]);
  assert.ok(crowd!.steps > 50 && ops.spreadSteps > 0, JSON.stringify({ crowd, spread: ops.spreadSteps }));
  assert.ok(crowd!.n <= 3, `at most 3 steps of one staff member share a minute (${crowd!.n})`);
});

test('the rules keep the journeys current: a new contact enters 尚未购买, the membership card follows the value tier', async () => {
  const later = now + 3_600_000;
  const added = await ingestEvents(store.db, ws, [
    { id: 'ops-new-1', type: 'contact.added', occurredAt: new Date(later).toISOString(), customer: { externalUserId: 'wm-ops-new', name: '新朋友' }, staffId: 'lina', data: { channel: 'qr-store' } },
  ], { now: later });
  const newcomer = added.accepted[0]!.customerId;
  await drainSignals(store.db, { workspaceId: ws, now: later });
  assert.equal(await stageOf(newcomer, '购买频次'), '尚未购买');
  assert.equal(await stageOf(newcomer, '会员价值'), '初级粉丝');

  const paid = await ingestEvents(store.db, ws, [
    { id: 'ops-new-2', type: 'order.paid', occurredAt: new Date(later + 60_000).toISOString(), customer: { externalUserId: 'wm-ops-new' }, data: { orderId: 'ops-o1', amount: 128 } },
  ], { now: later + 120_000 });
  assert.deepEqual(paid.rejected, []);
  await drainSignals(store.db, { workspaceId: ws, now: later + 120_000 });
  assert.equal(await stageOf(newcomer, '会员价值'), '金卡', 'an order this period: 中等价值, so 金卡');
  assert.equal(await stageOf(newcomer, '购买频次'), '已购买');
});

test('the demo gains records: remarks in step with WeCom, regions, birthdays this week, custom fields, follow-ups with their tasks; again adds nothing', async () => {
  const r = ops.records;
  assert.ok(r.records >= 290 && r.fields === 3, JSON.stringify(r));
  assert.ok(r.birthdaysThisWeek > 0 && r.followups > 20 && r.followupTasks > 0, JSON.stringify(r));
  const [row] = await store.db.query<{ remarks: number; pending: number; regions: number; custom: number }>(
    `SELECT count(remark)::int AS remarks, count(*) FILTER (WHERE remark_dirty)::int AS pending, count(city)::int AS regions,
            count(*) FILTER (WHERE custom_fields <> '{}')::int AS custom
     FROM customers WHERE workspace_id = $1`, [ws]);
  assert.ok(row!.remarks > 50 && row!.regions > 100 && row!.custom > 20, JSON.stringify(row));
  assert.equal(row!.pending, 0, 'nothing waits to be written to WeCom');
  const [tasks] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = $1 AND dedupe_key LIKE 'followup:%'`, [ws]);
  assert.equal(tasks!.n, r.followupTasks);
  const { seedDemoRecords } = await import('./record.ts');
  const again = await seedDemoRecords(store.db, ws, now);
  assert.deepEqual([again.records, again.followups], [0, 0]);
});

test('the demo hands out the example SOPs\' coupons: some used, some lapsed, reminders for the open ones', async () => {
  const c = ops.coupons;
  assert.ok(c.issued > 20 && c.redeemed > 0 && c.lapsed > 0 && c.reminders > 0, JSON.stringify(c));
  const [open] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM coupon_issues WHERE workspace_id = $1 AND status = 'issued'`, [ws]);
  assert.equal(open!.n + c.redeemed + c.lapsed, c.issued);
  const { seedDemoCoupons } = await import('./coupons.ts');
  assert.equal((await seedDemoCoupons(store.db, ws, now)).issued, 0);
});

test('the demo has a plan of scheduled sends: upcoming ones with recipients, one cancelled, one that went out yesterday', async () => {
  assert.deepEqual({ ...ops.schedule, memberDays: undefined }, { scheduled: 3, sent: 1, cancelled: 1, memberDays: undefined, calendarRules: 6 });
  assert.ok(ops.schedule.memberDays >= 11, `${ops.schedule.memberDays} 会员日 days`);
  const rows = await store.db.query<{ title: string; status: string; send_at: Date; mass_message_id: string | null }>(
    `SELECT title, status, send_at, mass_message_id FROM scheduled_sends WHERE workspace_id = $1 ORDER BY send_at`, [ws]);
  assert.deepEqual(rows.map((r) => r.status).sort(), ['cancelled', 'scheduled', 'scheduled', 'scheduled', 'sent']);
  for (const r of rows.filter((x) => x.status === 'scheduled')) assert.ok(new Date(r.send_at).getTime() > now, `${r.title} is in the future`);
  const sent = rows.find((r) => r.status === 'sent')!;
  const [tasks] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = $1 AND mass_message_id = $2`, [ws, sent.mass_message_id]);
  assert.ok(tasks!.n > 0, 'yesterday\'s send made staff tasks');
});

test('the operations calendar of the demo\'s next two weeks shows its scheduled sends, SOP steps and the shop-anniversary greeting', async () => {
  const { operationsCalendar } = await import('../scheduling/index.ts');
  const cal = await operationsCalendar(store.db, ws, { from: '2026-05-20', to: '2026-06-02', scope: { kind: 'all' } });
  const touches = cal.days.flatMap((d) => d.touches.map((t) => ({ date: d.date, ...t })));
  const anniversary = touches.find((t) => t.rule === '店庆回馈');
  assert.ok(anniversary, 'the 店庆 greeting is on the calendar');
  assert.equal(anniversary.date, '2026-05-24');
  assert.ok(anniversary.customers > 0);
  assert.ok(cal.days.some((d) => d.scheduledSends.some((s) => s.title === '双十二预热')), 'the warm-up send is on its day');
  assert.ok(cal.days.reduce((n, d) => n + d.sopSteps.reduce((m, s) => m + s.scheduled + s.delivered, 0), 0) > 0, 'SOP steps are planned');
});
