import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AudienceFilter } from '../audiences/index.ts';
import type { TestStore } from '../store/test-store.ts';
import { getMassMessage, listTasks, recordRecipientResults, sendMassMessage, type MassMessageInput } from './index.ts';
import { openOutreachStore, seedCustomers } from './testing.ts';

const WS = 'mass';
const sh = (s: string) => new Date(`${s}+08:00`);
const now = sh('2026-11-20T10:00:00');
let store: TestStore;
let ids: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', number>;
const everyone = (): AudienceFilter => ({ field: 'customerId', op: 'in', values: Object.values(ids) });

before(async () => {
  store = await openOutreachStore(WS);
  const [a, b, c, d, e, f] = await seedCustomers(store.db, WS, [
    { name: '王芳', trust: 3 }, { name: '李雷', trust: 2 }, { name: '韩梅梅', trust: 4, owner: 'li' },
    { name: '赵六', trust: 3, owner: null, followers: ['li'] }, { name: '孤儿', trust: 3, owner: null }, { name: '钱七', trust: 4 },
  ]) as [number, number, number, number, number, number];
  ids = { a, b, c, d, e, f };
});
after(() => store.close());

const input = (i: Partial<MassMessageInput>): MassMessageInput => ({
  filter: everyone(), content: '{name}您好，双十二新品到了，{staff}给您留了一份', purpose: 'marketing', channel: 'private_chat',
  dryRun: true, actor: { kind: 'staff', id: 'boss' }, scope: { kind: 'all' }, now, ...i,
});

async function counts(): Promise<number[]> {
  const tables = ['mass_messages', 'mass_message_recipients', 'contact_touches', 'outreach_tasks'];
  return Promise.all(tables.map(async (t) => Number((await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE workspace_id = $1`, [WS]))[0]!.n)));
}

test('a dry run counts audience, exclusions, suppressions by reason and per-staff recipients, writing nothing', async () => {
  // f already received this content (in other spacing) earlier in the week.
  await sendMassMessage(store.db, WS, input({ filter: { field: 'customerId', op: 'in', values: [ids.f] }, content: '  {name}您好，双十二新品到了，{staff}给您留了一份 \n', dryRun: false, now: sh('2026-11-17T10:00:00') }));
  const before = await counts();
  const plan = await sendMassMessage(store.db, WS, input({}));
  assert.deepEqual(await counts(), before, 'a dry run writes nothing');
  assert.equal(plan.massMessageId, null);
  assert.equal(plan.audience, 6);
  assert.deepEqual(plan.excluded, { alreadyReceived: 1, noStaff: 1 });
  assert.equal(plan.suppressed.total, 1);
  const [trust] = plan.suppressed.byReason;
  assert.equal(trust!.code, 'trust_below_min');
  assert.equal(trust!.en, 'trust level below L3');
  assert.deepEqual(trust!.samples, [{ customerId: ids.b, name: '李*' }], 'samples carry masked names');
  assert.equal(plan.recipients, 3);
  assert.deepEqual(plan.perStaff.map((s) => [s.staffId, s.recipients, s.taskId]), [['li', 2, null], ['zhang', 1, null]]);
  assert.equal(plan.deferred, false);
});

test('sending makes one task per staff member with its recipients; results settle the task', async () => {
  const plan = await sendMassMessage(store.db, WS, input({ dryRun: false, title: '双十二' }));
  assert.ok(plan.massMessageId);
  assert.equal(plan.recipients, 3);
  const tasks = (await listTasks(store.db, WS, { scope: { kind: 'all' }, massMessageId: plan.massMessageId! })).items;
  assert.deepEqual(tasks.map((t) => [t.staffId, t.kind, t.customerId, t.status]).sort(), [['li', 'mass_message', null, 'pending'], ['zhang', 'mass_message', null, 'pending']]);
  assert.match(tasks.find((t) => t.staffId === 'li')!.content, /^\{name\}您好.*李四给您留了一份$/, '{staff} rendered per task, {name} per recipient');
  const m = await getMassMessage(store.db, WS, plan.massMessageId!, { scope: { kind: 'all' } });
  assert.equal(m.recipients.length, 6);
  const byId = new Map(m.recipients.map((r) => [r.customerId, r]));
  assert.equal(byId.get(ids.a)!.content, '王芳您好，双十二新品到了，张三给您留了一份');
  assert.equal(byId.get(ids.b)!.status, 'suppressed');
  assert.match(byId.get(ids.b)!.reason!, /trust level below L3/);
  assert.equal(byId.get(ids.f)!.status, 'excluded');
  assert.equal(byId.get(ids.f)!.code, 'already_received');
  assert.deepEqual(m.progress.map((p) => [p.staffId, p.pending]), [['li', 2], ['zhang', 1]]);

  const r1 = await recordRecipientResults(store.db, WS, plan.massMessageId!, 'li', [{ customerId: ids.c, status: 'sent' }], { now });
  assert.deepEqual(r1, { updated: 1, ignored: 0, taskStatus: 'pending' });
  const r2 = await recordRecipientResults(store.db, WS, plan.massMessageId!, 'li', [{ customerId: ids.d, status: 'failed', reason: 'customer refused' }, { customerId: ids.c, status: 'sent' }], { now });
  assert.deepEqual(r2, { updated: 1, ignored: 1, taskStatus: 'sent' });

  // Sending the same content again excludes everyone who got it (or is due to); d's delivery failed, so d may get it.
  const again = await sendMassMessage(store.db, WS, input({}));
  assert.equal(again.excluded.alreadyReceived, 3);
  assert.deepEqual(again.perStaff.map((s) => [s.staffId, s.recipients]), [['li', 1]]);
});

test('WeCom: a second mass message the same day is suppressed; the next day it goes out', async () => {
  const other = input({ content: '售后提醒：冬季保养小贴士', purpose: 'service', filter: { field: 'customerId', op: 'in', values: [ids.a, ids.b] } });
  const today = await sendMassMessage(store.db, WS, other);
  assert.equal(today.suppressed.byReason.find((g) => g.code === 'mass_daily_limit')?.count, 1, 'a already got one today');
  assert.equal(today.recipients, 1, 'b (L2) may get a service message');
  const tomorrow = await sendMassMessage(store.db, WS, { ...other, now: sh('2026-11-21T09:00:00') });
  assert.equal(tomorrow.recipients, 2);
});

test('quiet hours defer the whole message; scope limits the audience', async () => {
  const late = await sendMassMessage(store.db, WS, input({ content: '晚安', purpose: 'service', now: sh('2026-11-22T22:30:00') }));
  assert.equal(late.deferred, true);
  assert.equal(late.dueAt, sh('2026-11-23T08:00:00').toISOString());
  const li = await sendMassMessage(store.db, WS, input({ content: '李四的客户专享', purpose: 'service', scope: { kind: 'staff', staffId: 'li' }, now: sh('2026-11-25T10:00:00') }));
  assert.equal(li.audience, 2, 'li owns c and follows d');
  assert.deepEqual(li.perStaff.map((s) => s.staffId), ['li']);
});

test('bad input names the field', async () => {
  await assert.rejects(sendMassMessage(store.db, WS, input({ content: ' ' })), /content: must not be empty/);
  await assert.rejects(sendMassMessage(store.db, WS, input({ filter: undefined })), /give either a filter or a segment/);
  await assert.rejects(sendMassMessage(store.db, WS, input({ filter: undefined, segment: '不存在的分群' })), /segment/);
});
