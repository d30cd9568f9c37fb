import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestStore } from '../store/test-store.ts';
import {
  cancelTasks, createTasks, getContactPolicy, getTask, listTasks, setContactPolicy, setTaskStatus, staffStats, updateContactPolicy, type TaskDraft,
} from './index.ts';
import { openOutreachStore, seedCustomers } from './testing.ts';

const WS = 'tasks';
const sh = (s: string) => new Date(`${s}+08:00`);
const now = sh('2026-11-20T10:00:00');
let store: TestStore;
let l3: number, l2: number, other: number;

before(async () => {
  store = await openOutreachStore(WS);
  [l3, l2, other] = (await seedCustomers(store.db, WS, [{ name: '王芳', trust: 3 }, { name: '李雷', trust: 2 }, { name: '韩梅', trust: 4, owner: 'li' }])) as [number, number, number];
});
after(() => store.close());

const draft = (d: Partial<TaskDraft> & { dedupeKey: string }): TaskDraft => ({
  customerId: l3, kind: 'sop_step', purpose: 'service', channel: 'private_chat', title: '回访', content: '您好，最近用得怎么样？',
  dueAt: now, source: { type: 'sop', id: 'after-sale' }, ...d,
});

test('the same dedupe key never makes a second task, even from two concurrent writers', async () => {
  const drafts = [draft({ dedupeKey: 'dup:1' }), draft({ dedupeKey: 'dup:2', customerId: other })];
  const [a, b] = await Promise.all([
    store.db.transaction((tx) => createTasks(tx, WS, drafts, now)),
    store.db.transaction((tx) => createTasks(tx, WS, drafts, now)),
  ]);
  assert.equal(a.created.length + b.created.length, 2);
  assert.equal(a.duplicates + b.duplicates, 2);
  const replay = await store.db.transaction((tx) => createTasks(tx, WS, [...drafts, drafts[0]!], now));
  assert.deepEqual([replay.created.length, replay.duplicates], [0, 3]);
  const [{ n }] = (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_tasks WHERE workspace_id = $1 AND dedupe_key LIKE 'dup:%'`, [WS])) as [{ n: number }];
  assert.equal(n, 2);
  const t = (await listTasks(store.db, WS, { scope: { kind: 'all' }, customerId: other })).items[0]!;
  assert.equal(t.staffId, 'li', 'the staff member defaults to the customer\'s owner');
});

test('marketing to an L2 customer is suppressed with its reason, recorded and counted', async () => {
  const r = await store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: 'mk:l2', customerId: l2, purpose: 'marketing' })], now));
  assert.equal(r.suppressed.length, 1);
  assert.equal(r.suppressed[0]!.code, 'trust_below_min');
  assert.match(r.suppressed[0]!.reason, /trust level below L3/);
  assert.equal(r.created[0]!.status, 'suppressed');
  const stats = await staffStats(store.db, WS, { now: new Date(now.getTime() + 1), from: sh('2026-11-19T00:00:00') });
  assert.equal(stats.suppressed.find((s) => s.code === 'trust_below_min')?.count, 1);
  assert.match(stats.suppressed[0]!.reason, /trust level below L3/);
});

test('quiet hours defer a task to 08:00 and the cap allows 2 marketing touches in 7 days', async () => {
  const r = await store.db.transaction((tx) => createTasks(tx, WS, [
    draft({ dedupeKey: 'mk:1', purpose: 'marketing', dueAt: sh('2026-11-20T23:00:00') }),
    draft({ dedupeKey: 'mk:2', purpose: 'marketing', dueAt: sh('2026-11-22T12:00:00') }),
    draft({ dedupeKey: 'mk:3', purpose: 'marketing', dueAt: sh('2026-11-24T12:00:00') }),
    draft({ dedupeKey: 'sv:1', purpose: 'service', dueAt: sh('2026-11-24T12:00:00') }),
  ], now));
  const by = new Map(r.created.map((t) => [t.dedupeKey, t]));
  assert.equal(by.get('mk:1')!.status, 'pending');
  assert.equal(by.get('mk:1')!.dueAt, sh('2026-11-21T08:00:00').toISOString(), 'deferred to the end of quiet hours');
  assert.equal(by.get('mk:1')!.requestedAt, sh('2026-11-20T23:00:00').toISOString());
  assert.equal(r.deferred, 1);
  assert.equal(by.get('mk:2')!.status, 'pending');
  assert.equal(by.get('mk:3')!.status, 'suppressed');
  assert.equal(by.get('mk:3')!.statusCode, 'frequency_cap');
  assert.equal(by.get('sv:1')!.status, 'pending', 'service touches are not capped');
  // Cancelling a planned touch frees its slot.
  await store.db.transaction((tx) => cancelTasks(tx, WS, { dedupeKeys: ['mk:2'] }, { note: 'left the stage', now }));
  const again = await store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: 'mk:4', purpose: 'marketing', dueAt: sh('2026-11-24T12:00:00') })], now));
  assert.equal(again.created[0]!.status, 'pending');
});

test('status changes are recorded; a finished task is not changed again', async () => {
  const { created: [task] } = await store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: 'st:1' })], now));
  const done = await setTaskStatus(store.db, WS, task!.taskId, 'sent', { kind: 'staff', id: 'zhang' }, '已发', now);
  assert.equal(done.status, 'sent');
  assert.equal((await setTaskStatus(store.db, WS, task!.taskId, 'sent', { kind: 'staff', id: 'zhang' })).status, 'sent', 'a retry is a no-op');
  await assert.rejects(setTaskStatus(store.db, WS, task!.taskId, 'skipped', { kind: 'staff', id: 'zhang' }), /is sent; only a pending task/);
  const full = await getTask(store.db, WS, task!.taskId);
  assert.deepEqual(full.history.map((h) => [h.from, h.to, h.actor.id, h.note]), [[null, 'pending', 'sop', null], ['pending', 'sent', 'zhang', '已发']]);
  await assert.rejects(setTaskStatus(store.db, WS, 999999, 'sent', { kind: 'api' }), /task 999999 does not exist/);
});

test('lists: by staff, due today / overdue, keyset pages, scope', async () => {
  await store.db.transaction((tx) => createTasks(tx, WS, [
    draft({ dedupeKey: 'ls:old', dueAt: sh('2026-11-18T10:00:00') }),
    ...Array.from({ length: 5 }, (_, i) => draft({ dedupeKey: `ls:${i}`, dueAt: sh(`2026-11-20T1${i}:00:00`) })),
    draft({ dedupeKey: 'ls:li', customerId: other, dueAt: sh('2026-11-20T11:30:00') }),
  ], now));
  const overdue = await listTasks(store.db, WS, { scope: { kind: 'all' }, due: 'overdue', now });
  assert.deepEqual(overdue.items.map((t) => t.dedupeKey), ['ls:old']);
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTasks(store.db, WS, { scope: { kind: 'all' }, staffId: 'zhang', due: 'today', limit: 2, cursor, now });
    seen.push(...page.items.map((t) => t.dedupeKey));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  assert.ok(['ls:0', 'ls:1', 'ls:2', 'ls:3', 'ls:4'].every((k) => seen.includes(k)), 'every page walked once');
  assert.equal(new Set(seen).size, seen.length);
  assert.ok(!seen.includes('ls:li') && !seen.includes('ls:old'));
  const li = await listTasks(store.db, WS, { scope: { kind: 'staff', staffId: 'li' }, limit: 100 });
  assert.ok(li.items.length > 0 && li.items.every((t) => t.customerId === other), 'staff see only their customers\' tasks');
  const stats = await staffStats(store.db, WS, { now, from: sh('2026-11-17T00:00:00'), to: sh('2026-11-21T00:00:00') });
  const zhang = stats.staff.find((s) => s.staffId === 'zhang')!;
  assert.ok(zhang.overdue >= 1 && zhang.executionRate !== null && zhang.executionRate < 1);
  assert.equal(zhang.staffName, '张三');
});

test('lists by kind and by source, across every page and within a staff member\'s scope', async () => {
  await store.db.transaction((tx) => createTasks(tx, WS, [
    ...Array.from({ length: 3 }, (_, i) => draft({ dedupeKey: `kd:rule:${i}`, kind: 'rule', source: { type: 'rule', id: 'r1' }, dueAt: sh(`2026-12-0${i + 1}T10:00:00`) })),
    draft({ dedupeKey: 'kd:rule:li', customerId: other, kind: 'rule', source: { type: 'rule', id: 'r1' }, dueAt: sh('2026-12-01T11:00:00') }),
    draft({ dedupeKey: 'kd:care', kind: 'care', source: { type: 'staff', id: 'zhang' }, dueAt: sh('2026-12-02T10:00:00') }),
  ], now));
  const walk = async (opts: Partial<Parameters<typeof listTasks>[2]>) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTasks(store.db, WS, { scope: { kind: 'all' }, limit: 1, cursor, ...opts });
      seen.push(...page.items.map((t) => t.dedupeKey));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };
  assert.deepEqual(await walk({ kind: 'rule' }), ['kd:rule:0', 'kd:rule:li', 'kd:rule:1', 'kd:rule:2'], 'every rule task, page after page, and nothing else');
  assert.deepEqual(await walk({ sourceType: 'staff' }), ['kd:care']);
  assert.deepEqual(await walk({ kind: 'care', sourceType: 'rule' }), []);
  assert.ok((await walk({ kind: 'sop_step' })).every((k) => !k.startsWith('kd:')));
  const li = await walk({ kind: 'rule', scope: { kind: 'staff', staffId: 'li' } });
  assert.deepEqual(li, ['kd:rule:li'], 'a staff member sees only the rule tasks of their own customers');
});

test('a draft with a bad field is refused naming it; a workspace policy change applies', async () => {
  await assert.rejects(store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: '' })], now)), /dedupeKey/);
  await assert.rejects(store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: 'x', customerId: null })], now)), /customerId may be null only/);
  await setContactPolicy(store.db, WS, { marketingMinTrust: 2 });
  const r = await store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: 'mk:l2-after', customerId: l2, purpose: 'marketing' })], now));
  assert.equal(r.created[0]!.status, 'pending');
  await setContactPolicy(store.db, WS, {});
});

test('policy settings by path (siyu policy set --key a=b), a bad one named', async () => {
  const p = await updateContactPolicy(store.db, WS, { 'quietHours.start': '23:00', 'frequencyCap.touches': '3' });
  assert.deepEqual([p.quietHours.start, p.frequencyCap.touches, p.marketingMinTrust], ['23:00', 3, 3]);
  assert.deepEqual(await getContactPolicy(store.db, WS), p);
  await assert.rejects(updateContactPolicy(store.db, WS, { 'quietHours.begin': '23:00' }), /quietHours: unknown setting "begin"/);
  await assert.rejects(updateContactPolicy(store.db, WS, { 'massMessagesPerDay': 'many' }), /massMessagesPerDay/);
  await setContactPolicy(store.db, WS, {});
});

test('a created, listed or finished task names its customer, by the profile name or else the one learnt from events', async () => {
  const [learnt] = await seedCustomers(store.db, WS, [{ learntName: '冯雨慧' }]);
  const created = await store.db.transaction((tx) => createTasks(tx, WS, [draft({ dedupeKey: 'named:1', customerId: learnt! }), draft({ dedupeKey: 'named:2' })], now));
  assert.deepEqual(created.created.map((t) => t.customerName), ['冯雨慧', '王芳']);
  const listed = await listTasks(store.db, WS, { scope: { kind: 'all' }, customerId: learnt! });
  assert.deepEqual(listed.items.map((t) => t.customerName), ['冯雨慧']);
  const done = await store.db.transaction((tx) => setTaskStatus(tx, WS, listed.items[0]!.taskId, 'sent', { kind: 'staff', id: 'zhang' }, undefined, now));
  assert.equal(done.customerName, '冯雨慧');
});
