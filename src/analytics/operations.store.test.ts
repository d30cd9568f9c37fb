/** The operations board on every store: execution per staff, SOP and mass message, touches by reason, 环比, staff scope. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { TestStore } from '../store/test-store.ts';
import { operationsBoard } from './index.ts';

const WS = 'ops-board';
let store: TestStore;
let ids: number[];
const NOW = Date.parse('2026-11-20T15:00:00+08:00');
let seq = 0;

async function task(staff: string, customerId: number, due: string, status: string, opts: { sop?: string; doneMinutes?: number; code?: string } = {}) {
  const dueAt = new Date(Date.parse(due)).toISOString();
  const done = opts.doneMinutes === undefined ? null : new Date(Date.parse(due) + opts.doneMinutes * 60_000).toISOString();
  await store.db.query(
    `INSERT INTO outreach_tasks (workspace_id, dedupe_key, customer_id, staff_id, kind, purpose, channel, title, content, due_at, requested_at, source_type, source_id, status, status_code, created_at, updated_at, done_at)
     VALUES ($1, $2, $3, $4, $5, 'marketing', 'private_chat', 't', 'c', $6, $6, $7, $8, $9, $10, $6, $6, $11)`,
    [WS, `k${seq++}`, customerId, staff, opts.sop ? 'sop_step' : 'manual', dueAt, opts.sop ? 'sop' : 'staff', opts.sop ?? 'x', status, opts.code ?? null, done],
  );
}

async function touch(customerId: number, at: string, outcome: string, code: string | null = null) {
  await store.db.query(
    `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, outcome, code, created_at) VALUES ($1, $2, $3, 'marketing', 'private_chat', false, $4, $5, $3)`,
    [WS, customerId, at, outcome, code],
  );
}

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{}, {}, { owner: 'li' }, { owner: 'li' }]);
  await store.db.query(`UPDATE customers SET channel = 'ad' WHERE workspace_id = $1 AND customer_id = $2`, [WS, ids[0]]);
  const [{ sop_id: sopId }] = await store.db.query<{ sop_id: string }>(
    `INSERT INTO sops (workspace_id, name, stage_tag_id, definition) VALUES ($1, '新客关怀', 1, '{}') RETURNING sop_id::text`, [WS],
  ) as [{ sop_id: string }];
  // This week (11-14 … 11-20): zhang 3 of 4 done (one still pending and overdue), li 1 of 2 (one skipped);
  // a pending task due later today is not yet due; a suppressed one is not work.
  await task('zhang', ids[0]!, '2026-11-16T10:00:00+08:00', 'sent', { sop: sopId, doneMinutes: 30 });
  await task('zhang', ids[0]!, '2026-11-17T10:00:00+08:00', 'sent', { sop: sopId, doneMinutes: 90 });
  await task('zhang', ids[1]!, '2026-11-18T10:00:00+08:00', 'sent', { doneMinutes: 10 });
  await task('zhang', ids[1]!, '2026-11-19T10:00:00+08:00', 'pending');
  await task('li', ids[2]!, '2026-11-18T10:00:00+08:00', 'sent', { sop: sopId, doneMinutes: 5 });
  await task('li', ids[3]!, '2026-11-19T10:00:00+08:00', 'skipped', { sop: sopId });
  await task('li', ids[3]!, '2026-11-20T17:00:00+08:00', 'pending');
  await task('li', ids[3]!, '2026-11-20T09:00:00+08:00', 'suppressed', { code: 'frequency_cap' });
  // The week before: zhang 1 of 2.
  await task('zhang', ids[0]!, '2026-11-10T10:00:00+08:00', 'sent', { doneMinutes: 60 });
  await task('zhang', ids[0]!, '2026-11-11T10:00:00+08:00', 'skipped');
  // A mass message with three recipients.
  const [{ id: massId }] = await store.db.query<{ id: string }>(
    `INSERT INTO mass_messages (workspace_id, title, content, content_key, purpose, channel, audience, scope, due_at, actor_kind, created_at)
     VALUES ($1, '双十一', '来啦', 'k', 'marketing', 'private_chat', '{}', '{}', '2026-11-15T10:00:00+08:00', 'api', now()) RETURNING mass_message_id AS id`, [WS],
  ) as [{ id: string }];
  for (const [i, status, staff] of [[0, 'sent', 'zhang'], [1, 'suppressed', 'zhang'], [2, 'pending', 'li']] as const) {
    await store.db.query(`INSERT INTO mass_message_recipients (workspace_id, mass_message_id, customer_id, staff_id, status, updated_at) VALUES ($1, $2, $3, $4, $5, now())`, [WS, massId, ids[i], staff, status]);
  }
  await touch(ids[0]!, '2026-11-16T10:00:00+08:00', 'sent');
  await touch(ids[1]!, '2026-11-16T10:00:00+08:00', 'suppressed', 'frequency_cap');
  await touch(ids[2]!, '2026-11-17T10:00:00+08:00', 'suppressed', 'trust_below_min');
  await touch(ids[2]!, '2026-11-17T11:00:00+08:00', 'suppressed', 'frequency_cap');
  await touch(ids[0]!, '2026-11-10T10:00:00+08:00', 'sent');
  await touch(ids[0]!, '2026-11-11T10:00:00+08:00', 'sent');
});
after(() => store.close());

const WEEK = { from: '2026-11-14', to: '2026-11-20' };

test('execution rate per staff, per SOP and per mass message, beside the week before', async () => {
  const b = await operationsBoard(store.db, WS, WEEK, ALL_CUSTOMERS, NOW);
  assert.deepEqual(b.previous, { from: '2026-11-07', to: '2026-11-13' });
  assert.deepEqual([b.tasks.due, b.tasks.sent, b.tasks.skipped, b.tasks.pending, b.tasks.rate], [6, 4, 1, 1, 0.6667]);
  assert.deepEqual([b.tasks.previous.due, b.tasks.previous.rate], [2, 0.5]);
  assert.deepEqual(b.leaderboard.map((s) => [s.rank, s.staffId, s.due, s.sent, s.rate, s.medianMinutesLate]), [[1, 'zhang', 4, 3, 0.75, 30], [2, 'li', 2, 1, 0.5, 5]]);
  assert.equal(b.leaderboard[0]!.name, '张三');
  assert.deepEqual(b.bySop.map((s) => [s.name, s.due, s.sent, s.rate]), [['新客关怀', 4, 3, 0.75]]);
  assert.deepEqual(b.byMass.map((m) => [m.title, m.recipients, m.sent, m.suppressed, m.pending, m.rate]), [['双十一', 3, 1, 1, 1, 0.5]]);
  assert.deepEqual(b.touches.sent, { current: 1, previous: 2, delta: -1, change: -0.5 });
  assert.deepEqual(b.touches.byReason, [{ code: 'frequency_cap', count: 2, previous: 0 }, { code: 'trust_below_min', count: 1, previous: 0 }]);
  assert.deepEqual([b.today.date, b.today.pending], ['2026-11-20', 1]);
});

test('filters by staff and channel; staff see only their own work and customers', async () => {
  const zhang = await operationsBoard(store.db, WS, { ...WEEK, staff: 'zhang' }, ALL_CUSTOMERS, NOW);
  assert.deepEqual([zhang.tasks.due, zhang.leaderboard.length], [4, 1]);
  const ad = await operationsBoard(store.db, WS, { ...WEEK, channel: 'ad' }, ALL_CUSTOMERS, NOW);
  assert.deepEqual([ad.tasks.due, ad.tasks.sent, ad.touches.sent.current], [2, 2, 1]);
  const li = await operationsBoard(store.db, WS, { ...WEEK, staff: 'zhang' }, { kind: 'staff', staffId: 'li' }, NOW);
  assert.deepEqual(li.leaderboard.map((s) => s.staffId), ['li'], 'a staff member\'s own figures, whatever staff they ask for');
  assert.deepEqual(li.byMass.map((m) => [m.recipients, m.pending]), [[1, 1]]);
  assert.deepEqual(li.touches.byReason.map((r) => [r.code, r.count]), [['frequency_cap', 1], ['trust_below_min', 1]]);
  assert.equal(li.touches.sent.current, 0);
});
