/**
 * The whole path, as production runs it: any tag change on a journey stage → the signals
 * outbox → the automation worker → onStageEntered / onStageLeft → tasks.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { drainSignals } from '../automation/index.ts';
import { INTEREST_GROUP, installTemplate, moveStage } from '../journeys/index.ts';
import { createTag, tagCustomers } from '../tags/index.ts';
import { runDueSteps, sopDeliveries } from './index.ts';
import { addSop, at, moveTo, openSopFixture, orderCare, sopTasks, takeOut, WS } from './fixture.test-helper.ts';

const fx = await openSopFixture(3);
after(() => fx.store.close());
const { db, customers } = fx;

test('a stage tag added by hand, by a journey move or taken off reaches the SOP through the automation worker', async () => {
  const sop = await addSop(db, orderCare);
  const [a, b, c] = customers as [number, number, number];
  const t0 = at('2026-11-20T10:00');
  await moveTo(db, '已购买', [a], t0); // tagging by hand
  await moveStage(db, WS, { customerIds: [b, c], journey: '购买频次', stage: '已购买', source: 'api', actor: { kind: 'api' }, now: t0, force: true });
  await drainSignals(db, { workspaceId: WS, now: t0.getTime() });
  assert.deepEqual((await sopTasks(db)).map((t) => t.key).sort(), [a, b, c].map((id) => `sop:${sop.sopId}:thanks:${id}:1`).sort());
  // Processing the same history again (a replay) adds nothing.
  await drainSignals(db, { workspaceId: WS, now: t0.getTime() });
  assert.equal((await sopTasks(db)).length, 3);

  // c leaves the stage on day 1: its day-3 step is cancelled, the others' are delivered.
  await takeOut(db, '已购买', [c], at('2026-11-21T10:00'));
  await drainSignals(db, { workspaceId: WS, now: at('2026-11-21T10:00').getTime() });
  await runDueSteps(db, { now: at('2026-11-23T12:00').getTime(), workspaceId: WS });
  const report = await sopDeliveries(db, WS, sop.sopId);
  assert.deepEqual(report.steps.map((s) => [s.key, s.due, s.cancelled]), [['thanks', 3, 0], ['review', 2, 1]]);
  assert.equal((await sopTasks(db, c)).length, 1);
});

test('per-product SOPs hang on the interest tags: a second interest moves the 商品兴趣 card but keeps the first one\'s steps', async () => {
  const actor = { kind: 'staff' as const, id: 'admin' };
  const interest = await installTemplate(db, WS, 'product_interest', actor);
  assert.match(interest.description ?? '', /第二个兴趣不会抹掉第一个/, 'the installed journey carries the template\'s note');
  for (const p of ['商品A', '商品B']) await createTag(db, WS, INTEREST_GROUP, p, actor);
  const sop = await addSop(db, {
    name: '商品A兴趣·跟进', stage: `${INTEREST_GROUP}/商品A`,
    steps: [{ key: 'intro', channel: 'private_chat', purpose: 'service', content: '{name}您好' }, { key: 'follow', offsetDays: 3, channel: 'private_chat', purpose: 'service', content: '{name}，商品A还在考虑吗？' }],
  });
  const [, , who] = customers as [number, number, number];
  const tag = (path: string, now: Date) => tagCustomers(db, WS, { customerIds: [who], tag: path, source: 'rule', actor, now });
  const t0 = at('2026-11-24T10:00');
  await tag(`${INTEREST_GROUP}/商品A`, t0);
  await moveStage(db, WS, { customerIds: [who], journey: '商品兴趣', stage: '商品A', source: 'rule', actor, now: t0 });
  await drainSignals(db, { workspaceId: WS, now: t0.getTime() });
  const t1 = at('2026-11-25T10:00');
  await tag(`${INTEREST_GROUP}/商品B`, t1);
  await moveStage(db, WS, { customerIds: [who], journey: '商品兴趣', stage: '商品B', source: 'rule', actor, now: t1 });
  await drainSignals(db, { workspaceId: WS, now: t1.getTime() });
  await runDueSteps(db, { now: at('2026-11-28T12:00').getTime(), workspaceId: WS });
  const report = await sopDeliveries(db, WS, sop.sopId);
  assert.deepEqual(report.steps.map((s) => [s.key, s.cancelled]), [['intro', 0], ['follow', 0]], 'leaving stage 商品A cancels nothing: the SOP follows the interest tag');
  assert.deepEqual((await sopTasks(db, who)).filter((t) => t.key.startsWith(`sop:${sop.sopId}:`)).length, 2);
});
