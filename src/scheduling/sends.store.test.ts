import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestStore } from '../store/test-store.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import { cancelScheduledSend, getScheduledSend, listScheduledSends, runDueSends, scheduleMassMessage, updateScheduledSend, type ScheduleInput } from './index.ts';

const WS = 'sched';
const sh = (s: string) => new Date(`${s}+08:00`);
const now = sh('2026-11-20T10:00:00');
const admin = { actor: { kind: 'staff' as const, id: 'boss' }, scope: { kind: 'all' as const }, now };
let store: TestStore;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [
    { name: '王芳', trust: 3 }, { name: '李雷', trust: 3 }, { name: '韩梅梅', trust: 4, owner: 'li' }, { name: '钱七', trust: 4, owner: 'li' },
  ]);
});
after(() => store.close());

const input = (i: Partial<ScheduleInput> = {}): ScheduleInput => ({
  filter: { field: 'customerId', op: 'in', values: ids }, title: '双十二预告', content: '{name}您好，双十二预告', purpose: 'service', channel: 'private_chat',
  sendAt: sh('2026-11-20T12:00:00'), ...i,
});
const count = async (sql: string, params: unknown[] = [WS]) => Number((await store.db.query<{ n: number }>(sql, params))[0]!.n);

test('a scheduled send is checked and estimated at once, and nothing is sent before its time', async () => {
  const s = await scheduleMassMessage(store.db, WS, input(), admin);
  assert.equal(s.status, 'scheduled');
  assert.equal(s.sendAt, sh('2026-11-20T12:00:00').toISOString());
  assert.deepEqual(s.estimate, { audience: 4, recipients: 4, suppressed: 0, alreadyReceived: 0 });
  const early = await runDueSends(store.db, { now: sh('2026-11-20T11:59:59').getTime() });
  assert.deepEqual(early, { sent: 0, failed: 0, massMessageIds: [] });
  assert.equal(await count(`SELECT count(*)::int AS n FROM mass_messages WHERE workspace_id = $1`), 0);
  await cancelScheduledSend(store.db, WS, s.scheduleId, admin);
});

test('bad input is named: a time in the past, an unknown segment, an empty content', async () => {
  await assert.rejects(scheduleMassMessage(store.db, WS, input({ sendAt: sh('2026-11-20T09:00:00') }), admin), /sendAt: .* not in the future/);
  await assert.rejects(scheduleMassMessage(store.db, WS, input({ filter: undefined, segment: '不存在' }), admin), /不存在/);
  await assert.rejects(scheduleMassMessage(store.db, WS, input({ content: ' ' }), admin), /content: must not be empty/);
  await assert.rejects(scheduleMassMessage(store.db, WS, input({ sendAt: sh('2028-01-01T00:00:00') }), admin), /sendAt: at most a year ahead/);
});

test('editable and cancellable until it starts; once sent, a change is refused', async () => {
  const s = await scheduleMassMessage(store.db, WS, input({ content: '第一稿' }), admin);
  const edited = await updateScheduledSend(store.db, WS, s.scheduleId, { content: '第二稿 {name}', sendAt: sh('2026-11-20T15:00:00') }, admin);
  assert.equal(edited.content, '第二稿 {name}');
  assert.equal(edited.sendAt, sh('2026-11-20T15:00:00').toISOString());
  assert.equal((await runDueSends(store.db, { now: sh('2026-11-20T12:30:00').getTime() })).sent, 0, 'moved later: not due at the old time');
  const r = await runDueSends(store.db, { now: sh('2026-11-20T15:00:00').getTime() });
  assert.equal(r.sent, 1);
  const sent = await getScheduledSend(store.db, WS, s.scheduleId, admin.scope);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.massMessageId, r.massMessageIds[0]);
  const [mm] = await store.db.query<{ content: string; schedule_id: string }>(`SELECT content, schedule_id FROM mass_messages WHERE workspace_id = $1 AND mass_message_id = $2`, [WS, sent.massMessageId]);
  assert.equal(mm!.content, '第二稿 {name}', 'the edited content went out');
  assert.equal(Number(mm!.schedule_id), s.scheduleId);
  assert.equal(await count(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = $1 AND mass_message_id = $2`, [WS, sent.massMessageId]), 2, 'one task per staff member');
  await assert.rejects(updateScheduledSend(store.db, WS, s.scheduleId, { content: '太晚了' }, admin), (e: Error & { code?: string }) => e.code === 'conflict' && /is sent/.test(e.message));
  await assert.rejects(cancelScheduledSend(store.db, WS, s.scheduleId, admin), (e: Error & { code?: string }) => e.code === 'conflict');

  const c = await scheduleMassMessage(store.db, WS, input({ content: '取消我' }), admin);
  assert.equal((await cancelScheduledSend(store.db, WS, c.scheduleId, admin)).status, 'cancelled');
  assert.equal((await runDueSends(store.db, { now: sh('2026-11-21T00:00:00').getTime() })).sent, 0, 'a cancelled send never goes');
});

test('two workers at once and again later: every due send becomes exactly one mass message', async () => {
  const made = [];
  for (let i = 0; i < 6; i++) made.push(await scheduleMassMessage(store.db, WS, input({ content: `并发 ${i}`, sendAt: sh(`2026-11-20T1${i}:30:00`) }), admin));
  const at = sh('2026-11-20T18:00:00').getTime();
  const [a, b] = await Promise.all([runDueSends(store.db, { now: at, limit: 3 }), runDueSends(store.db, { now: at, limit: 3 })]);
  const again = await runDueSends(store.db, { now: at + 60_000 });
  assert.equal(a.sent + b.sent + again.sent, 6);
  const idsMade = made.map((m) => m.scheduleId);
  assert.equal(await count(`SELECT count(*)::int AS n FROM mass_messages WHERE workspace_id = $1 AND schedule_id = ANY($2::bigint[])`, [WS, idsMade]), 6);
  assert.equal(await count(`SELECT count(DISTINCT schedule_id)::int AS n FROM mass_messages WHERE workspace_id = $1 AND schedule_id = ANY($2::bigint[])`, [WS, idsMade]), 6);
  assert.equal((await listScheduledSends(store.db, WS, { scope: admin.scope, status: 'scheduled' })).length, 0);
});

test('a send whose segment is gone since is marked failed with the reason; the next one still goes', async () => {
  await store.db.query(`INSERT INTO saved_segments (workspace_id, name, filter, created_at, updated_at) VALUES ($1, '临时', $2::jsonb, now(), now())`,
    [WS, JSON.stringify({ field: 'customerId', op: 'in', values: ids })]);
  const gone = await scheduleMassMessage(store.db, WS, input({ filter: undefined, segment: '临时', content: '段落已删', sendAt: sh('2026-11-21T10:00:00') }), admin);
  const ok = await scheduleMassMessage(store.db, WS, input({ content: '照常', sendAt: sh('2026-11-21T10:00:01') }), admin);
  await store.db.query(`DELETE FROM saved_segments WHERE workspace_id = $1 AND name = '临时'`, [WS]);
  const r = await runDueSends(store.db, { now: sh('2026-11-21T11:00:00').getTime() });
  assert.deepEqual([r.sent, r.failed], [1, 1]);
  const failed = await getScheduledSend(store.db, WS, gone.scheduleId, admin.scope);
  assert.equal(failed.status, 'failed');
  assert.match(failed.error!, /临时/);
  assert.equal((await getScheduledSend(store.db, WS, ok.scheduleId, admin.scope)).status, 'sent');
});

test('a staff member schedules for their own customers only, and sees and changes only their own schedules', async () => {
  const li = { actor: { kind: 'staff' as const, id: 'li-user' }, scope: { kind: 'staff' as const, staffId: 'li' }, now };
  const mine = await scheduleMassMessage(store.db, WS, input({ content: '李四的定时问候', sendAt: sh('2026-11-22T10:00:00') }), li);
  assert.equal(mine.estimate.audience, 2, 'only li\'s two customers');
  const boss = await scheduleMassMessage(store.db, WS, input({ content: '老板的', sendAt: sh('2026-11-22T10:00:00') }), admin);
  assert.deepEqual((await listScheduledSends(store.db, WS, { scope: li.scope })).map((s) => s.scheduleId), [mine.scheduleId]);
  await assert.rejects(getScheduledSend(store.db, WS, boss.scheduleId, li.scope), /does not exist/);
  await assert.rejects(cancelScheduledSend(store.db, WS, boss.scheduleId, li), /does not exist/);
  const r = await runDueSends(store.db, { now: sh('2026-11-22T10:00:00').getTime() });
  assert.equal(r.sent, 2);
  const sent = await getScheduledSend(store.db, WS, mine.scheduleId, li.scope);
  const staffs = await store.db.query<{ staff_id: string }>(`SELECT DISTINCT staff_id FROM mass_message_recipients WHERE workspace_id = $1 AND mass_message_id = $2`, [WS, sent.massMessageId]);
  assert.deepEqual(staffs.map((s) => s.staff_id), ['li'], 'sent in li\'s scope, from li\'s account');
});
