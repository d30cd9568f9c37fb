import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { checkSopDefinition, parseSopFile } from './definition.ts';

const valid = {
  name: '已购买关怀',
  stage: '购买频次/已购买',
  steps: [
    { key: 'thanks', channel: 'private_chat', purpose: 'service', content: '{name}您好，感谢购买！我是{staff}' },
    { key: 'review', offsetDays: 3, window: { start: '10:00', end: '20:00' }, channel: 'private_chat', purpose: 'marketing', content: '用得怎么样？' },
  ],
};

const withStep = (i: number, patch: Record<string, unknown>) => ({
  ...valid, steps: valid.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)),
});

test('a valid SOP parses, with journey+stage names as an alternative stage reference', () => {
  assert.equal(checkSopDefinition(valid).ok, true);
  assert.equal(checkSopDefinition({ ...valid, stage: { journey: '购买频次', stage: '已购买' } }).ok, true);
});

test('errors name the field and the reason', () => {
  const cases: [unknown, string][] = [
    [withStep(1, { window: { start: '10', end: '20:00' } }), 'steps[1].window.start: expected HH:MM'],
    [withStep(1, { window: { start: '20:00', end: '10:00' } }), 'steps[1].window.end: must be after window.start (20:00)'],
    [withStep(0, { content: '{name}，{nickname}' }), 'steps[0].content: unknown variable {nickname}'],
    [withStep(0, { content: '券 {coupon}' }), 'steps[0].content: uses {coupon} but the step has no couponId'],
    [withStep(1, { key: 'thanks' }), 'steps[1].key: "thanks" is already the key of steps[0]'],
    [withStep(0, { channel: 'sms' }), 'steps[0].channel'],
    [withStep(0, { offsetDays: 1.5 }), 'steps[0].offsetDays: expected a whole number of days'],
    [withStep(0, { colour: 'red' }), 'steps[0]'],
    [{ ...valid, steps: [] }, 'steps: an SOP needs at least one step'],
    [{ ...valid, name: ' ' }, 'name: must not be empty'],
    [{ ...valid, reentry: { allowed: 'yes' } }, 'reentry.allowed'],
  ];
  for (const [input, expected] of cases) {
    const r = checkSopDefinition(input);
    assert.equal(r.ok, false, expected);
    if (!r.ok) {
      const text = r.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      assert.ok(text.includes(expected), `expected "${expected}" in "${text}"`);
    }
  }
});

test('SOP files: bad JSON is a clear error, and every shipped example is valid', () => {
  assert.throws(() => parseSopFile('{"name":', 'x.json'), /x\.json: not valid JSON/);
  const dir = new URL('../../examples/sops/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 5, `${files.length} example SOPs`);
  for (const f of files) parseSopFile(readFileSync(new URL(f, dir), 'utf8'), f);
});
