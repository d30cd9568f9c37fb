/**
 * Stage history is written by the customer_tags triggers, so every path that moves a stage
 * tag leaves the same trail: hand, rule, import, untag, expiry, merge.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeCustomers } from '../customers/index.ts';
import { addTagsByPath, purgeExpiredTags, tagCustomers, untagCustomers } from '../tags/index.ts';
import { openTagFixture, type TagFixture } from '../tags/testing.ts';
import { installTemplate, leaveJourney, moveStage, stageHistory } from './index.ts';

const WS = 'jh';
const T = (iso: string) => new Date(iso);
let f: TagFixture;
const staff = { kind: 'staff', id: 'li' } as const;

before(async () => {
  f = await openTagFixture(WS, 8);
  await installTemplate(f.db, WS, 'purchase_frequency', { kind: 'system' });
  await installTemplate(f.db, WS, 'persona', { kind: 'system' });
});
after(() => f.store.close());

const trail = async (customerId: number, journey = '购买频次') =>
  (await stageHistory(f.db, WS, { customerId, journey })).reverse()
    .map((h) => [h.stage, h.direction, h.enteredAt, h.leftAt, h.source, h.reason, h.leftReason]);

test('a manual move opens a stay; moving on closes it at the same instant and says which way', async () => {
  const c = f.customers[0]!;
  await moveStage(f.db, WS, { customerIds: [c], journey: '购买频次', stage: '关注中', reason: '加了好友', source: 'staff', sourceId: 'li', actor: staff, now: T('2026-11-01T00:00:00Z') });
  await moveStage(f.db, WS, { customerIds: [c], journey: '购买频次', stage: '多次购买', reason: '复购', source: 'staff', sourceId: 'li', actor: staff, now: T('2026-11-05T00:00:00Z') });
  const r = await moveStage(f.db, WS, { customerIds: [c], journey: '购买频次', stage: '已购买', reason: '退款了一单', source: 'staff', sourceId: 'li', actor: staff, now: T('2026-11-06T00:00:00Z') });
  assert.deepEqual(r.directions, [{ customerId: c, from: '多次购买', direction: 'back' }]);
  assert.deepEqual(await trail(c), [
    ['关注中', 'entered', '2026-11-01T00:00:00.000Z', '2026-11-05T00:00:00.000Z', 'staff', '加了好友', '复购'],
    ['多次购买', 'forward', '2026-11-05T00:00:00.000Z', '2026-11-06T00:00:00.000Z', 'staff', '复购', '退款了一单'],
    ['已购买', 'back', '2026-11-06T00:00:00.000Z', null, 'staff', '退款了一单', null],
  ]);
  const [audit] = await f.db.query<{ actor_id: string; details: { reason: string; direction: string; from: string }; at: Date }>(
    `SELECT actor_id, details, at FROM audit_log WHERE workspace_id = $1 AND action = 'journey.moved' AND customer_id = $2 ORDER BY audit_id DESC LIMIT 1`, [WS, c]);
  assert.equal(audit!.actor_id, 'li');
  assert.deepEqual([audit!.details.reason, audit!.details.direction, audit!.details.from], ['退款了一单', 'back', '多次购买']);
  assert.equal(audit!.at.toISOString(), '2026-11-06T00:00:00.000Z');
});

test('a manual move without a reason is refused', async () => {
  await assert.rejects(
    moveStage(f.db, WS, { customerIds: [f.customers[0]!], journey: '购买频次', stage: '关注中', source: 'staff', actor: staff }),
    /reason: a manual move needs a reason/,
  );
});

test('a rule tagging the stage tag directly moves the customer, with history', async () => {
  const c = f.customers[1]!;
  await tagCustomers(f.db, WS, { customerIds: [c], tag: '购买频次/已购买', source: 'rule', sourceId: 'r-7', reason: '首单', actor: { kind: 'rule', id: 'r-7' }, now: T('2026-11-02T00:00:00Z') });
  await tagCustomers(f.db, WS, { customerIds: [c], tag: '购买频次/已入群', source: 'rule', sourceId: 'r-8', actor: { kind: 'rule', id: 'r-8' }, now: T('2026-11-03T00:00:00Z') });
  const h = await stageHistory(f.db, WS, { customerId: c });
  assert.deepEqual(h.reverse().map((x) => [x.stage, x.direction, x.source, x.sourceId, x.leftAt]), [
    ['已购买', 'entered', 'rule', 'r-7', '2026-11-03T00:00:00.000Z'],
    ['已入群', 'forward', 'rule', 'r-8', null],
  ]);
});

test('a bulk import of stage tags opens one stay per customer', async () => {
  const [a, b] = [f.customers[2]!, f.customers[3]!];
  const problems = await addTagsByPath(f.db, WS, [{ customerId: a, path: '用户画像/宝妈' }, { customerId: b, path: '用户画像/白领' }],
    { source: 'import', sourceId: 'imp-1', actor: { kind: 'import', id: 'imp-1' } }, { createMissing: false });
  assert.deepEqual(problems, []);
  // Imports tag inside their chunk's transaction: the replacement is one move.
  await f.db.transaction((tx) =>
    addTagsByPath(tx, WS, [{ customerId: a, path: '用户画像/白领' }], { source: 'import', sourceId: 'imp-2', actor: { kind: 'import' } }, { createMissing: false }));
  const h = (await stageHistory(f.db, WS, { journey: '用户画像' })).sort((x, y) => x.customerId - y.customerId || x.historyId - y.historyId);
  assert.deepEqual(h.map((x) => [x.customerId, x.stage, x.direction, x.source, x.leftAt === null]), [
    [a, '宝妈', 'entered', 'import', false],
    [a, '白领', 'moved', 'import', true],
    [b, '白领', 'entered', 'import', true],
  ]);
});

test('untagging and leaving the journey close the stay', async () => {
  const [a, b] = [f.customers[4]!, f.customers[5]!];
  await moveStage(f.db, WS, { customerIds: [a, b], journey: '购买频次', stage: '尚未购买', source: 'system', actor: { kind: 'system' }, now: T('2026-11-01T00:00:00Z') });
  await untagCustomers(f.db, WS, { customerIds: [a], tag: '购买频次/尚未购买', source: 'api', actor: { kind: 'api' } });
  const left = await leaveJourney(f.db, WS, { customerIds: [b], journey: '购买频次', reason: '删除了好友', source: 'staff', actor: staff, now: T('2026-11-09T00:00:00Z') });
  assert.deepEqual(left.left, [b]);
  assert.equal((await stageHistory(f.db, WS, { customerId: a }))[0]!.leftAt !== null, true);
  assert.deepEqual((await trail(b)).map((x) => [x[0], x[3], x[6]]), [['尚未购买', '2026-11-09T00:00:00.000Z', '删除了好友']]);
});

test('an expired stage tag, once purged, ends the stay at its expiry', async () => {
  const c = f.customers[6]!;
  await tagCustomers(f.db, WS, {
    customerIds: [c], tag: '购买频次/关注中', source: 'api', actor: { kind: 'api' }, now: T('2026-11-01T00:00:00Z'), expiresAt: T('2026-11-03T00:00:00Z'),
  });
  await purgeExpiredTags(f.db, WS, T('2026-11-10T00:00:00Z'));
  assert.deepEqual((await trail(c)).map((x) => [x[0], x[3], x[6]]), [['关注中', '2026-11-03T00:00:00.000Z', 'expired']]);
});

test('merging two customers closes the merged record\'s stay and opens it on the survivor', async () => {
  const [survivor, merged] = [f.customers[7]!, f.customers[3]!]; // customer 3 stands in 用户画像/白领
  await f.db.transaction((tx) => mergeCustomers(tx, WS, survivor, merged, { because: [] }, { kind: 'system' }));
  const mergedTrail = (await stageHistory(f.db, WS, { journey: '用户画像' })).filter((h) => h.customerId === merged);
  assert.ok(mergedTrail.every((h) => h.leftAt !== null));
  const now = (await stageHistory(f.db, WS, { customerId: survivor, journey: '用户画像' })).filter((h) => h.customerId === survivor);
  assert.deepEqual(now.map((h) => [h.stage, h.leftAt, h.source]), [['白领', null, 'import']]);
});
