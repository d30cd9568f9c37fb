import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enValues } from '../../web/src/i18n/en.ts';
import { describeFields } from '../audiences/index.ts';
import { TEMPLATE_LABELS_EN } from '../journeys/index.ts';
import { SYSTEM_CATEGORY, SYSTEM_GROUPS, SYSTEM_LABELS_EN } from './index.ts';

test('every system category, group and tag, and every journey template and stage, has the same English label in the console', () => {
  const names = [SYSTEM_CATEGORY, ...SYSTEM_GROUPS.flatMap((g) => [g.name, ...g.tags])];
  for (const name of names) {
    const en = (SYSTEM_LABELS_EN as Record<string, string>)[name];
    assert.ok(en && en !== name, `${name} has an English label`);
    assert.equal(enValues[name], en, `the console names ${name} as the server does`);
  }
  for (const [name, en] of Object.entries(TEMPLATE_LABELS_EN)) assert.equal(enValues[name], en, `the console names the journey ${name} as its template does`);
});

test('the filter builder gets each lifecycle path\'s own stages, labelled in English, never the two paths in one list', () => {
  const life = describeFields().find((f) => f.field === 'lifecycle')!;
  assert.equal(life.values, undefined, 'no mixed value list');
  assert.deepEqual(life.valuesByKey?.key, 'path');
  const by = life.valuesByKey!.values;
  assert.deepEqual(by.ecommerce!.map((v) => v.value), ['新进', '首购', '复购', '超级用户']);
  assert.deepEqual(by.sales!.map((v) => v.value), ['陌生', '潜在', '意向', '首单', '复购', '超级用户']);
  assert.deepEqual(by.sales!.map((v) => v.label.en), ['Cold', 'Potential', 'Intent', 'First order', 'Repeat', 'Super user']);
  for (const f of describeFields()) for (const v of f.values ?? []) if (f.field === 'rfmSegment' || f.field === 'valueTier') assert.notEqual(v.label.en, v.value, `${f.field} ${v.value} in English`);
});
