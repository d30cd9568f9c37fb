import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDefinition, decodeCursor, directionOf, encodeCursor, planReorder, ratio } from './rules.ts';
import { JOURNEY_TEMPLATES, labelEn, templateOf } from './templates.ts';

test('the five seed templates, in the seeds\' order', () => {
  assert.deepEqual(JOURNEY_TEMPLATES.map((t) => [t.key, t.name, t.ordered, t.stages.map((s) => s.name).join('→')]), [
    ['purchase_frequency', '购买频次', true, '尚未购买→关注中→已购买→已入群→多次购买'],
    ['membership', '会员价值', true, '初级粉丝→银卡→金卡→黑金→钻石'],
    ['persona', '用户画像', false, '大学生→白领→蓝领→宝妈→富二代'],
    ['product_interest', '商品兴趣', false, '商品A→商品B→商品C→商品D→商品E'],
    ['b2b_intent', '意向阶段', true, '兴趣→了解→对比→报价→下定→转介绍'],
  ]);
  for (const t of JOURNEY_TEMPLATES) {
    assert.equal(checkDefinition({ name: t.name, ordered: t.ordered, stages: [...t.stages] }).ok, true, t.key);
    for (const name of [t.name, ...t.stages.map((s) => s.name)]) assert.ok(labelEn(name), `${name} has an English label`);
  }
  assert.equal(templateOf('nope'), undefined);
  // The notes say how to read each one: the membership order, and why an interest is one stage.
  assert.match(templateOf('membership')!.note.zh, /初级粉丝 < 银卡 < 金卡 < 黑金 < 钻石/);
  assert.match(templateOf('product_interest')!.note.en, /a second interest does not erase the first; hang per-product SOPs and rules on the interest tags/);
  assert.match(templateOf('persona')!.note.zh, /运营在这个旅程里自行添加阶段/);
});

test('direction of a move', () => {
  const cases: [boolean, number | null, number, string][] = [
    [true, null, 3, 'entered'], [true, 1, 3, 'forward'], [true, 4, 2, 'back'], [true, 2, 2, 'moved'], [false, 1, 3, 'moved'], [false, null, 1, 'entered'],
  ];
  for (const [ordered, from, to, want] of cases) assert.equal(directionOf(ordered, from, to), want, `${ordered} ${from}→${to}`);
});

test('definitions: names trimmed, problems named by field', () => {
  const cases: [unknown[], boolean, RegExp | null][] = [
    [[{ name: ' 预约 ' }, { name: '到店' }], true, null],
    [[], false, /stages: a journey needs at least one stage/],
    [[{ name: 'a' }, { name: 'a' }], false, /stages\[1\]\.name: "a" appears twice/],
    [[{ name: '' }], false, /stages\[0\]\.name: a tag name must not be empty/],
    [[{ name: 'x|y' }], false, /stages\[0\]\.name: .*"\|"/],
  ];
  for (const [stages, ok, reason] of cases) {
    const r = checkDefinition({ name: '到店', ordered: true, stages: stages as { name: string }[] });
    assert.equal(r.ok, ok);
    if (r.ok) assert.deepEqual(r.value.stages.map((s) => s.name), ['预约', '到店']);
    else assert.match(r.reasons.join('; '), reason!);
  }
  const bad = checkDefinition({ name: 'a/b', ordered: true, stages: [{ name: 'x' }] });
  assert.ok(!bad.ok && /^name:/.test(bad.reasons[0]!));
});

test('reordering names every stage once, by name or id', () => {
  const stages = [{ stageId: 7, name: 'A' }, { stageId: 8, name: 'B' }, { stageId: 9, name: 'C' }];
  assert.deepEqual(planReorder(stages, ['C', 7, '8']), { ok: true, value: [9, 7, 8] });
  const r = planReorder(stages, ['C', 'C', 'Z']);
  assert.ok(!r.ok);
  assert.deepEqual(r.reasons, ['order[1]: "C" appears twice', 'order[2]: "Z" is not a stage of this journey', 'order: must name every stage; missing "A", "B"']);
});

test('board cursors round-trip; foreign text is refused', () => {
  const c = { enteredAt: '2026-11-01T00:00:00.000Z', customerId: 42 };
  assert.deepEqual(decodeCursor(encodeCursor(c)), c);
  assert.equal(decodeCursor('bm9wZQ'), undefined);
  assert.deepEqual([ratio(1, 3), ratio(0, 0), ratio(2, 4)], [0.3333, null, 0.5]);
});
