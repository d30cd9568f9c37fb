/** Journeys and their stages as users manage them: templates, custom journeys, stage edits, entry conditions. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listTaxonomy, tagCustomers } from '../tags/index.ts';
import { openTagFixture, type TagFixture } from '../tags/testing.ts';
import {
  addStage, createJourney, customerJourneys, deleteJourney, getJourney, installTemplate, JOURNEY_TEMPLATES, listJourneys, moveStage, removeStage,
  reorderStages, updateJourney, updateStage,
} from './index.ts';

const WS = 'js';
const sys = { kind: 'system' } as const;
let f: TagFixture;

before(async () => {
  f = await openTagFixture(WS, 4);
});
after(() => f.store.close());

test('every template installs as an exclusive group in 旅程, and installing again changes nothing', async () => {
  for (const t of JOURNEY_TEMPLATES) {
    const j = await installTemplate(f.db, WS, t.key, sys);
    const again = await installTemplate(f.db, WS, t.key, sys);
    assert.equal(again.journeyId, j.journeyId);
    assert.deepEqual([j.name, j.ordered, j.stages.map((s) => s.name)], [t.name, t.ordered, t.stages.map((s) => s.name)]);
  }
  const journeys = await listJourneys(f.db, WS);
  assert.equal(journeys.length, 5);
  assert.equal(journeys[0]!.labelEn, 'Purchase frequency');
  const tree = await listTaxonomy(f.db, WS, new Date());
  const cat = tree.find((c) => c.name === '旅程')!;
  assert.deepEqual(cat.groups.map((g) => [g.name, g.exclusive]), JOURNEY_TEMPLATES.map((t) => [t.name, true]));
});

test('a custom journey: stages added, renamed, reordered, removed (a held stage needs force)', async () => {
  const j = await createJourney(f.db, WS, { name: '门店到访', ordered: true, stages: [{ name: '预约' }, { name: '到店' }] }, sys);
  assert.deepEqual(j.stages.map((s) => [s.name, s.position, s.path]), [['预约', 1, '门店到访/预约'], ['到店', 2, '门店到访/到店']]);
  await addStage(f.db, WS, '门店到访', { name: '成交', position: 3 }, sys);
  await addStage(f.db, WS, j.journeyId, { name: '咨询', position: 1 }, sys);
  await updateStage(f.db, WS, '门店到访', '到店', { name: '已到店' }, sys);
  let now = await getJourney(f.db, WS, '门店到访');
  assert.deepEqual(now.stages.map((s) => s.name), ['咨询', '预约', '已到店', '成交']);
  now = await reorderStages(f.db, WS, '门店到访', ['预约', '咨询', '已到店', '成交'], sys);
  assert.deepEqual(now.stages.map((s) => [s.name, s.position]), [['预约', 1], ['咨询', 2], ['已到店', 3], ['成交', 4]]);
  await assert.rejects(reorderStages(f.db, WS, '门店到访', ['预约', '咨询'], sys), /missing "已到店", "成交"/);

  await moveStage(f.db, WS, { customerIds: [f.customers[0]!], journey: '门店到访', stage: '成交', source: 'api', actor: { kind: 'api' } });
  await assert.rejects(removeStage(f.db, WS, '门店到访', '成交', sys), /still holds 1 customer/);
  const r = await removeStage(f.db, WS, '门店到访', '成交', sys, { force: true });
  assert.equal(r.customers, 1);
  assert.deepEqual(await customerJourneys(f.db, WS, f.customers[0]!), []);

  const renamed = await updateJourney(f.db, WS, '门店到访', { name: '到店旅程', ordered: false }, sys);
  assert.deepEqual([renamed.name, renamed.ordered, renamed.stages[0]!.path], ['到店旅程', false, '到店旅程/预约']);
  await moveStage(f.db, WS, { customerIds: [f.customers[1]!], journey: '到店旅程', stage: '预约', source: 'api', actor: { kind: 'api' } });
  await assert.rejects(deleteJourney(f.db, WS, '到店旅程', sys), /still has 1 customer/);
  await deleteJourney(f.db, WS, '到店旅程', sys, { force: true });
  await assert.rejects(getJourney(f.db, WS, '到店旅程'), /does not exist/);
});

test('bad definitions are refused with the field named', async () => {
  await assert.rejects(
    createJourney(f.db, WS, { name: 'x', ordered: true, stages: [{ name: 'a' }, { name: 'a' }, { name: 'b/c' }] }, sys),
    /stages\[1\]\.name: "a" appears twice.*stages\[2\]\.name/,
  );
  await assert.rejects(createJourney(f.db, WS, { name: 'y', ordered: true, stages: [{ name: 'a', entryFilter: { field: 'nope' } }] }, sys), /stages\[0\]\.entryFilter/);
  await assert.rejects(createJourney(f.db, WS, { name: '购买频次', ordered: true, stages: [{ name: 'a' }] }, sys), /already exists/);
});

test('a stage entry condition refuses customers who do not meet it, unless forced', async () => {
  const [a, b] = [f.customers[2]!, f.customers[3]!];
  await f.db.query(`UPDATE customers SET gender = 'female' WHERE workspace_id = $1 AND customer_id = $2`, [WS, a]);
  await createJourney(f.db, WS, {
    name: '宝妈社群', ordered: true,
    stages: [{ name: '候选' }, { name: '入群', entryFilter: { field: 'gender', op: 'in', values: ['female'] } }],
  }, sys);
  const r = await moveStage(f.db, WS, { customerIds: [a, b], journey: '宝妈社群', stage: '入群', reason: '邀请', source: 'staff', actor: { kind: 'staff', id: 'li' } });
  assert.deepEqual(r.moved, [a]);
  assert.deepEqual(r.refused.map((x) => x.customerId), [b]);
  assert.match(r.refused[0]!.reason, /entry condition of stage "宝妈社群\/入群"/);
  const forced = await moveStage(f.db, WS, { customerIds: [b], journey: '宝妈社群', stage: '入群', reason: '店长特批', source: 'staff', actor: { kind: 'staff', id: 'li' }, force: true });
  assert.deepEqual(forced.moved, [b]);
  // Tagging by rule is the other direction of the same thing: the customer is in the stage.
  await tagCustomers(f.db, WS, { customerIds: [a], tag: '宝妈社群/候选', source: 'rule', sourceId: 'r1', actor: { kind: 'rule', id: 'r1' } });
  assert.deepEqual((await customerJourneys(f.db, WS, a)).map((p) => [p.journey, p.stage, p.position, p.stages]), [['宝妈社群', '候选', 1, 2]]);
});
