import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { onStageEntered, onStageLeft, runDueSteps, updateSop, sopDeliveries } from './index.ts';
import { addSop, at, moveTo, openSopFixture, orderCare, sopTasks, takeOut, WS, type SopFixture } from './fixture.test-helper.ts';

const fx: SopFixture = await openSopFixture(6);
after(() => fx.store.close());
const { db, customers, stageTag } = fx;
const sop = await addSop(db, orderCare);
const bought = stageTag['已购买'];

const enter = (ids: number[], when: Date, now = when) =>
  db.transaction((tx) => onStageEntered(tx, WS, ids.map((customerId) => ({ customerId, stageTagId: bought, at: when })), now));
const leave = (ids: number[], when: Date) =>
  db.transaction((tx) => onStageLeft(tx, WS, ids.map((customerId) => ({ customerId, stageTagId: bought, at: when })), when));

test('entering the stage makes the day-0 task at once, rendered for the customer; a replayed entry adds nothing', async () => {
  const [a, b] = customers as [number, number];
  const t0 = at('2026-11-20T10:00');
  await moveTo(db, '已购买', [a, b], t0);
  const r = await enter([a, b], t0);
  assert.deepEqual([r.enrolled, r.scheduled, r.delivered.created], [2, 2, 2]);
  const tasks = await sopTasks(db, a);
  assert.deepEqual(tasks.map((t) => t.key), [`sop:${sop.sopId}:thanks:${a}:1`]);
  assert.equal(tasks[0]!.content, '客户0您好，我是张三，感谢您的购买！');
  // Replays (the worker retried, the signal was processed twice) make nothing new.
  for (let i = 0; i < 3; i++) {
    const again = await enter([a, b], t0, at('2026-11-20T10:05'));
    assert.deepEqual([again.enrolled, again.alreadyIn, again.delivered.created], [0, 2, 0]);
  }
  assert.equal((await sopTasks(db, a)).length, 1);
  // Day 3 at 10:00 (inside the window): the review step, once.
  assert.equal((await runDueSteps(db, { now: at('2026-11-23T09:59').getTime(), workspaceId: WS })).claimed, 0);
  const due = await runDueSteps(db, { now: at('2026-11-23T10:00').getTime(), workspaceId: WS });
  assert.deepEqual([due.claimed, due.created], [2, 2]);
  assert.equal((await runDueSteps(db, { now: at('2026-11-30T10:00').getTime(), workspaceId: WS })).claimed, 0);
  assert.deepEqual((await sopTasks(db, a)).map((t) => t.content), ['客户0您好，我是张三，感谢您的购买！', '客户0，商品用得怎么样？']);
});

test('concurrent entries and two workers running due steps at once deliver each step exactly once', async () => {
  const ids = customers.slice(2) as number[];
  const t0 = at('2026-11-21T11:00');
  await moveTo(db, '已购买', ids, t0);
  // The same entries handled by three transactions at once: one enrollment each, one day-0 task each.
  const entered = await Promise.all([enter(ids, t0), enter(ids, t0), enter(ids, t0)]);
  assert.equal(entered.reduce((n, r) => n + r.enrolled, 0), ids.length);
  assert.equal(entered.reduce((n, r) => n + r.delivered.created, 0), ids.length);
  const now = at('2026-11-24T12:00').getTime();
  const results = await Promise.all([
    runDueSteps(db, { now, limit: 1, workspaceId: WS }), runDueSteps(db, { now, limit: 2, workspaceId: WS }),
    runDueSteps(db, { now, workspaceId: WS }), runDueSteps(db, { now, workspaceId: WS }),
  ]);
  assert.equal(results.reduce((n, r) => n + r.created, 0), ids.length);
  assert.equal(results.reduce((n, r) => n + r.duplicates, 0), 0);
  for (const id of ids) assert.equal((await sopTasks(db, id)).filter((t) => t.key.includes(':review:')).length, 1);
});

test('leaving before the day-3 step cancels it; coming back does not replay the day-0 step', async () => {
  const c = customers[5]!;
  await takeOut(db, '已购买', [c], at('2026-11-21T12:00')); // reset from the previous test's stage
  await leave([c], at('2026-11-21T12:00'));
  const fresh = await addSop(db, { ...orderCare, name: '复购关怀', stage: '购买频次/多次购买' });
  const repeat = stageTag['多次购买'];
  const t0 = at('2026-12-01T10:00');
  await moveTo(db, '多次购买', [c], t0);
  await db.transaction((tx) => onStageEntered(tx, WS, [{ customerId: c, stageTagId: repeat, at: t0 }], t0));
  const t1 = at('2026-12-02T10:00');
  await moveTo(db, '已入群', [c], t1); // an exclusive group: this takes 多次购买 off
  const left = await db.transaction((tx) => onStageLeft(tx, WS, [{ customerId: c, stageTagId: repeat, at: t1 }], t1));
  assert.deepEqual(left, { left: 1, cancelled: 1 });
  await runDueSteps(db, { now: at('2026-12-10T12:00').getTime(), workspaceId: WS });
  const keys = () => sopTasks(db, c).then((ts) => ts.map((t) => t.key).filter((k) => k.startsWith(`sop:${fresh.sopId}:`)));
  assert.deepEqual(await keys(), [`sop:${fresh.sopId}:thanks:${c}:1`], 'the review step was never delivered');
  // Back in the stage: the thanks step is not sent again; the review step starts from the return.
  const t2 = at('2026-12-12T15:00');
  await moveTo(db, '多次购买', [c], t2);
  const back = await db.transaction((tx) => onStageEntered(tx, WS, [{ customerId: c, stageTagId: repeat, at: t2 }], t2));
  assert.deepEqual([back.enrolled, back.delivered.created, back.scheduled], [1, 0, 1]);
  await runDueSteps(db, { now: at('2026-12-15T15:00').getTime(), workspaceId: WS });
  assert.deepEqual(await keys(), [`sop:${fresh.sopId}:thanks:${c}:1`, `sop:${fresh.sopId}:review:${c}:1`]);
  // An exit the worker sees after the customer came back (held again) closes nothing.
  const stale = await db.transaction((tx) => onStageLeft(tx, WS, [{ customerId: c, stageTagId: repeat, at: t1 }], t2));
  assert.equal(stale.left, 0);
});

test('re-entry after a cool-down starts a new round, not before', async () => {
  const c = customers[0]!;
  const welcome = await addSop(db, {
    name: '入群欢迎', stage: '购买频次/已入群', reentry: { allowed: true, coolDownDays: 30 },
    steps: [{ key: 'welcome', channel: 'group', purpose: 'service', content: '欢迎{name}入群！' }],
  });
  const joined = stageTag['已入群'];
  const cycle = async (inAt: string, outAt: string) => {
    await moveTo(db, '已入群', [c], at(inAt));
    const r = await db.transaction((tx) => onStageEntered(tx, WS, [{ customerId: c, stageTagId: joined, at: at(inAt) }], at(inAt)));
    await moveTo(db, '已购买', [c], at(outAt));
    await db.transaction((tx) => onStageLeft(tx, WS, [{ customerId: c, stageTagId: joined, at: at(outAt) }], at(outAt)));
    return r.delivered.created;
  };
  assert.equal(await cycle('2026-12-01T10:00', '2026-12-02T10:00'), 1);
  assert.equal(await cycle('2026-12-20T10:00', '2026-12-21T10:00'), 0, 'within the cool-down: not replayed');
  assert.equal(await cycle('2026-12-31T10:00', '2027-01-01T10:00'), 1, 'after 30 days: a new round');
  const keys = (await sopTasks(db, c)).map((t) => t.key).filter((k) => k.startsWith(`sop:${welcome.sopId}:`));
  assert.deepEqual(keys, [`sop:${welcome.sopId}:welcome:${c}:1`, `sop:${welcome.sopId}:welcome:${c}:2`]);
});

test('a send window pushes a 23:00 entry to 10:00 the next day; marketing to a stranger is suppressed and recorded', async () => {
  const c = customers[1]!;
  const follow = await addSop(db, {
    name: '关注介绍', stage: '购买频次/关注中',
    steps: [
      { key: 'intro', window: { start: '10:00', end: '20:00' }, channel: 'private_chat', purpose: 'service', content: '{name}你好' },
      { key: 'promo', offsetDays: 1, window: { start: '10:00', end: '20:00' }, channel: 'private_chat', purpose: 'marketing', content: '新品上架' },
    ],
  });
  const t0 = at('2026-12-05T23:00');
  await moveTo(db, '关注中', [c], t0);
  const r = await db.transaction((tx) => onStageEntered(tx, WS, [{ customerId: c, stageTagId: stageTag['关注中'], at: t0 }], t0));
  assert.deepEqual([r.scheduled, r.delivered.created], [2, 0]);
  const report = await sopDeliveries(db, WS, follow.sopId);
  const due = report.recent.map((d) => [d.stepKey, d.dueAt]).sort();
  assert.deepEqual(due, [['intro', at('2026-12-06T10:00').toISOString()], ['promo', at('2026-12-07T10:00').toISOString()]]);
  assert.deepEqual(report.recent.map((d) => d.name), ['客户1', '客户1'], 'the deliveries name their customer');
  await runDueSteps(db, { now: at('2026-12-07T10:00').getTime(), workspaceId: WS });
  const after2 = await sopDeliveries(db, WS, follow.sopId);
  assert.deepEqual(after2.steps.map((s) => [s.key, s.due, s.suppressed]), [['intro', 1, 0], ['promo', 0, 1]]);
  assert.match(after2.recent.find((d) => d.stepKey === 'promo')!.reason!, /trust_below_min/);
});

test('editing a step\'s content does not re-send it; a removed step is cancelled for everyone', async () => {
  const c = customers[3]!;
  const s = await addSop(db, {
    name: '金卡关怀', stage: '购买频次/已入群',
    steps: [
      { key: 'hello', channel: 'private_chat', purpose: 'service', content: '你好' },
      { key: 'later', offsetDays: 5, channel: 'private_chat', purpose: 'service', content: '回访' },
    ],
  });
  const t0 = at('2027-02-01T10:00');
  await moveTo(db, '已入群', [c], t0);
  await db.transaction((tx) => onStageEntered(tx, WS, [{ customerId: c, stageTagId: stageTag['已入群'], at: t0 }], t0));
  const v2 = await updateSop(db, WS, s.sopId, {
    name: '金卡关怀', stage: '购买频次/已入群',
    steps: [{ key: 'hello', channel: 'private_chat', purpose: 'service', content: '您好（新版）' }],
  }, { kind: 'staff', id: 'admin' }, at('2027-02-02T10:00'));
  assert.equal(v2.version, 2);
  await runDueSteps(db, { now: at('2027-02-10T10:00').getTime(), workspaceId: WS });
  const mine = (await sopTasks(db, c)).filter((t) => t.key.startsWith(`sop:${s.sopId}:`));
  assert.deepEqual(mine.map((t) => t.content), ['你好']);
  const report = await sopDeliveries(db, WS, s.sopId);
  assert.deepEqual(report.steps.map((x) => [x.key, x.due, x.cancelled, x.removed]), [['hello', 1, 0, false], ['later', 0, 1, true]]);
});

test('a worker that crashes mid-batch loses nothing: the batch rolls back and the next run delivers it once', async () => {
  const c = customers[4]!;
  const s = await addSop(db, {
    name: '崩溃测试', stage: '购买频次/多次购买',
    steps: [{ key: 'later', offsetDays: 1, channel: 'private_chat', purpose: 'service', content: '回访' }],
  });
  const t0 = at('2027-03-01T10:00');
  await moveTo(db, '多次购买', [c], t0);
  await db.transaction((tx) => onStageEntered(tx, WS, [{ customerId: c, stageTagId: stageTag['多次购买'], at: t0 }], t0));
  const crashing = { ...db, transaction: <T>(fn: (tx: any) => Promise<T>) => db.transaction(async (tx) => { await fn(tx); throw new Error('kill -9'); }) };
  const now = at('2027-03-02T11:00').getTime();
  await assert.rejects(runDueSteps(crashing, { now, workspaceId: WS }), /kill -9/);
  assert.equal((await sopTasks(db, c)).filter((t) => t.key.startsWith(`sop:${s.sopId}:`)).length, 0);
  const r = await runDueSteps(db, { now, workspaceId: WS });
  assert.equal(r.created, 1);
  assert.equal((await sopTasks(db, c)).filter((t) => t.key.startsWith(`sop:${s.sopId}:`)).length, 1);
});
