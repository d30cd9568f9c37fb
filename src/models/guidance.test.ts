import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GUIDANCE, guidanceFor, type Guidance } from './guidance.ts';
import { LIFECYCLE_ECOMMERCE, LIFECYCLE_SALES, RFM_SEGMENTS, TRUST_LEVELS, VALUE_TIERS } from './types.ts';
import { SiyuError } from '../shared/errors.ts';

const HAN = /[\u4e00-\u9fff]/;

test('every level, stage, segment and tier has guidance in Chinese and English', () => {
  const lists = {
    trust: TRUST_LEVELS, lifecycleEcommerce: LIFECYCLE_ECOMMERCE, lifecycleSales: LIFECYCLE_SALES, rfm: RFM_SEGMENTS, valueTier: VALUE_TIERS,
  } as const;
  assert.deepEqual(Object.keys(GUIDANCE).sort(), Object.keys(lists).sort());
  let entries = 0;
  for (const [model, values] of Object.entries(lists)) {
    assert.deepEqual(Object.keys(GUIDANCE[model as keyof typeof lists]).sort(), values.map(String).sort(), `${model}: no extra or missing values`);
    for (const value of values) {
      const zh: Guidance = guidanceFor(model as 'trust', value as 0, 'zh');
      const en: Guidance = guidanceFor(model as 'trust', value as 0, 'en');
      const where = `${model} ${value}`;
      for (const g of [zh, en]) {
        assert.ok(g.label && g.goal && g.actions.length >= 1 && g.avoid.length >= 1, `${where}: label, goal, actions and avoid`);
        assert.ok([...g.actions, ...g.avoid].every((s) => s.trim().length > 0), `${where}: no empty lines`);
      }
      assert.ok(HAN.test(zh.goal) && zh.actions.every((s) => HAN.test(s)), `${where}: zh is Chinese`);
      assert.ok(![en.label, en.goal, ...en.actions, ...en.avoid].some((s) => HAN.test(s)), `${where}: en has no Chinese`);
      if (model !== 'trust') assert.equal(zh.label, value, `${where}: the zh label is the value itself`);
      entries++;
    }
  }
  assert.equal(entries, 6 + 4 + 6 + 8 + 5);
});

test('guidance carries the seeds\' rules', () => {
  for (const level of [0, 1] as const) {
    assert.match(guidanceFor('trust', level).avoid.join(' '), /产品推送/, `L${level}`);
    assert.match(guidanceFor('trust', level, 'en').avoid.join(' '), /product push/, `L${level}`);
  }
  assert.match(guidanceFor('trust', 2, 'en').avoid.join(' '), /Hard selling/);
  assert.match(guidanceFor('trust', 3, 'en').goal, /First purchase/);
  assert.match(guidanceFor('trust', 5).goal, /共创/);
  assert.match(guidanceFor('rfm', '重要挽留客户', 'en').goal, /Win them back/);
  assert.match(guidanceFor('rfm', '重要保持客户', 'en').goal, /not lately/);
  assert.match(guidanceFor('rfm', '重要价值客户').goal, /专属优惠/);
  assert.equal(guidanceFor('lifecycleSales', '意向').label, '意向');
  assert.equal(guidanceFor('valueTier', '核心', 'en').label, 'Core');
  assert.equal(guidanceFor('trust', 4), GUIDANCE.trust[4].zh, 'Chinese by default');
});

test('an unknown value is refused by name', () => {
  assert.throws(() => guidanceFor('rfm', '不存在' as '重要价值客户'), (e) => e instanceof SiyuError && e.message.includes('不存在'));
});
