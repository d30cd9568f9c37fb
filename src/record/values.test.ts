import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageBandOf, checkAgeBand, checkDate, checkDefinition, checkFieldValue, checkText, type FieldDefinition } from './values.ts';
import { checkPatch } from './record-store.ts';
import { checkFollowup } from './followups.ts';

test('age band as of a day: the birthday itself counts, the day before does not', () => {
  const cases: [string, string, string][] = [
    ['2008-05-03', '2026-05-02', 'under_18'],
    ['2008-05-03', '2026-05-03', '18_24'],
    ['1990-12-31', '2026-12-07', '35_44'],
    ['1991-12-08', '2026-12-07', '25_34'],
    ['1961-01-01', '2026-01-01', '65_plus'],
  ];
  for (const [birthday, today, band] of cases) assert.equal(ageBandOf(birthday, today), band, `${birthday} on ${today}`);
});

test('dates: written the Chinese way or with slashes, real days only, not in the future', () => {
  assert.deepEqual(checkDate('1990/5/3'), { ok: true, value: '1990-05-03' });
  assert.deepEqual(checkDate('1990年5月3日'), { ok: true, value: '1990-05-03' });
  assert.equal(checkDate('2023-02-29').ok, false);
  assert.equal(checkDate('五月三日').ok, false);
  assert.equal(checkDate('2027-01-01', { notAfter: '2026-12-07' }).ok, false);
});

test('remark limit is WeCom\'s 20 characters, counted as code points', () => {
  assert.deepEqual(checkText('老客户 VIP 喜欢红茶', 20), { ok: true, value: '老客户 VIP 喜欢红茶' });
  assert.equal(checkText('一'.repeat(21), 20).ok, false);
  assert.equal(checkText('😀'.repeat(20), 20).ok, true, 'an emoji is one character, not two UTF-16 units');
  assert.deepEqual(checkText('   ', 20), { ok: true, value: null });
});

test('age bands by their code or as people write them', () => {
  assert.deepEqual(checkAgeBand('25-34'), { ok: true, value: '25_34' });
  assert.deepEqual(checkAgeBand('65+'), { ok: true, value: '65_plus' });
  assert.equal(checkAgeBand('old').ok, false);
});

const fields: FieldDefinition[] = [
  { key: 'skin', label: '肤质', type: 'single', options: ['干性', '油性', '混合'], position: 0 },
  { key: 'likes', label: '偏好', type: 'multi', options: ['红茶', '绿茶', '花茶'], position: 1 },
  { key: 'budget', label: '预算', type: 'number', options: [], position: 2 },
  { key: 'member_day', label: '会员日', type: 'date', options: [], position: 3 },
  { key: 'note', label: '说明', type: 'text', options: [], position: 4 },
];
const def = (key: string) => fields.find((f) => f.key === key)!;

test('custom field values by type', () => {
  const cases: [string, unknown, unknown][] = [
    ['skin', '油性', '油性'],
    ['skin', '中性', false],
    ['likes', '红茶|花茶', ['红茶', '花茶']],
    ['likes', ['绿茶', '绿茶'], ['绿茶']],
    ['likes', '咖啡', false],
    ['budget', '1200.5', 1200.5],
    ['budget', 300, 300],
    ['budget', '三百', false],
    ['member_day', '2026-3-8', '2026-03-08'],
    ['note', 42, false],
    ['note', '', null],
  ];
  for (const [key, raw, want] of cases) {
    const r = checkFieldValue(def(key), raw);
    if (want === false) assert.equal(r.ok, false, `${key} ${JSON.stringify(raw)} should be refused`);
    else assert.deepEqual(r, { ok: true, value: want }, `${key} ${JSON.stringify(raw)}`);
  }
});

test('field definitions: choice fields need options, others take none', () => {
  assert.equal(checkDefinition({ key: 'skin', label: '肤质', type: 'single', options: [] }).ok, false);
  assert.equal(checkDefinition({ key: 'budget', label: '预算', type: 'number', options: ['a'] }).ok, false);
  assert.equal(checkDefinition({ key: 'Budget', label: '预算', type: 'number' }).ok, false);
  assert.deepEqual(checkDefinition({ key: 'likes', label: ' 偏好 ', type: 'multi', options: ['红茶', '红茶', ' '] }),
    { ok: true, value: { key: 'likes', label: '偏好', type: 'multi', options: ['红茶'] } });
});

test('a patch names every bad field at once', () => {
  const r = checkPatch({ remark: '一'.repeat(25), birthday: '2030-01-01', custom: { skin: '中性', unknown: 1, budget: '5' } }, fields, '2026-12-07');
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.problems.map((p) => p.field), ['remark', 'birthday', 'custom.skin', 'custom.unknown']);
  const good = checkPatch({ remark: '老客户', city: '杭州', custom: { budget: '5' } }, fields, '2026-12-07');
  assert.deepEqual(good, { ok: true, columns: { remark: '老客户', city: '杭州' }, custom: { budget: 5 } });
});

test('follow-ups: a type, something said, a next day not in the past', () => {
  assert.equal(checkFollowup({ type: 'call', note: '  ' }, '2026-12-07').ok, false);
  assert.equal(checkFollowup({ type: 'call', note: '回访', nextOn: '2026-12-06' }, '2026-12-07').ok, false);
  assert.equal(checkFollowup({ type: 'fax' as never, note: '回访' }, '2026-12-07').ok, false);
  assert.deepEqual(checkFollowup({ type: 'visit', note: '到店试用', nextOn: '2026-12-10' }, '2026-12-07'), { ok: true, note: '到店试用', nextOn: '2026-12-10' });
});
