/** Time in stage and stage-to-stage conversion on a small worked example; board cards and scope. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import { openTagFixture, type TagFixture } from '../tags/testing.ts';
import { installTemplate, journeyBoard, moveStage, stageCards, stageStats } from './index.ts';

const WS = 'jst';
const day = (n: number) => new Date(Date.parse('2026-11-01T00:00:00Z') + n * 86_400_000);
let f: TagFixture;
let c: number[];

const move = (customer: number, stage: string, at: number) =>
  moveStage(f.db, WS, { customerIds: [customer], journey: '购买频次', stage, source: 'system', actor: { kind: 'system' }, now: day(at) });

before(async () => {
  f = await openTagFixture(WS, 4);
  c = f.customers;
  await installTemplate(f.db, WS, 'purchase_frequency', { kind: 'system' });
  // c0: 关注中 d0 → 已购买 d2 → 多次购买 d10;  c1: 关注中 d0 → 已购买 d4;  c2: 关注中 d1;  c3: 关注中 d0 → back to 尚未购买 d3
  await move(c[0]!, '关注中', 0); await move(c[1]!, '关注中', 0); await move(c[3]!, '关注中', 0); await move(c[2]!, '关注中', 1);
  await move(c[0]!, '已购买', 2); await move(c[3]!, '尚未购买', 3); await move(c[1]!, '已购买', 4); await move(c[0]!, '多次购买', 10);
});
after(() => f.store.close());

test('per stage: customers now, entries, median and average days, conversion to a later stage', async () => {
  const s = await stageStats(f.db, WS, '购买频次', ALL_CUSTOMERS, {}, day(20));
  assert.deepEqual(s.stages.map((x) => [x.stage, x.customers, x.entered, x.completedStays, x.medianDaysInStage, x.avgDaysInStage, x.convertedToLater, x.conversionToNext]), [
    ['尚未购买', 1, 1, 0, null, null, 0, 0],
    ['关注中', 1, 4, 3, 3, 3, 2, 0.5],
    ['已购买', 1, 2, 1, 8, 8, 1, 0.5],
    ['已入群', 0, 0, 0, null, null, 0, null],
    ['多次购买', 1, 1, 0, null, null, null, null],
  ]);
});

test('a date range counts the stays entered in it', async () => {
  const s = await stageStats(f.db, WS, '购买频次', ALL_CUSTOMERS, { from: day(1), to: day(5) }, day(20));
  assert.deepEqual(s.stages.map((x) => [x.stage, x.entered]), [['尚未购买', 1], ['关注中', 1], ['已购买', 2], ['已入群', 0], ['多次购买', 0]]);
});

test('board cards: newest arrivals first, keyset pages, and staff see only their customers', async () => {
  await move(c[2]!, '已购买', 12);
  const first = await stageCards(f.db, WS, '购买频次', '已购买', { scope: ALL_CUSTOMERS, limit: 1, now: day(20) });
  assert.deepEqual(first.cards.map((x) => [x.customerId, x.enteredAt]), [[c[2]!, day(12).toISOString()]]);
  const second = await stageCards(f.db, WS, '购买频次', '已购买', { scope: ALL_CUSTOMERS, limit: 1, cursor: first.nextCursor!, now: day(20) });
  assert.deepEqual([second.cards.map((x) => x.customerId), second.nextCursor], [[c[1]!], null]);

  await f.db.query(`UPDATE customers SET owner_staff = 'wang' WHERE workspace_id = $1 AND customer_id = $2`, [WS, c[1]]);
  const wang = await stageCards(f.db, WS, '购买频次', '已购买', { scope: { kind: 'staff', staffId: 'wang' }, now: day(20) });
  assert.deepEqual(wang.cards.map((x) => [x.customerId, x.ownerStaff]), [[c[1]!, 'wang']]);
  const wangStats = await stageStats(f.db, WS, '购买频次', { kind: 'staff', staffId: 'wang' }, {}, day(20));
  assert.deepEqual(wangStats.stages.map((x) => x.customers), [0, 0, 1, 0, 0]);

  const board = await journeyBoard(f.db, WS, '购买频次', { scope: ALL_CUSTOMERS, now: day(20), filter: { field: 'customerId', op: 'in', values: [c[0]!, c[1]!] } });
  assert.deepEqual(board.columns.map((x) => [x.stage, x.count, x.cards.length]), [['尚未购买', 0, 0], ['关注中', 0, 0], ['已购买', 1, 1], ['已入群', 0, 0], ['多次购买', 1, 1]]);
});
