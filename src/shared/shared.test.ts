import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount, formatFen } from './money.ts';
import { csvCell } from './csv.ts';
import { findTextFault, textProblem } from './text.ts';
import { normalisePhone, maskPhone } from './phone.ts';
import { parseInstant, parseTimestamp, localDate } from './time.ts';

test('amounts parse to exact fen or a reason', () => {
  const cases: [unknown, number | string][] = [
    ['12.30', 1230], ['12.3', 1230], ['0', 0], [12.3, 1230], [0.1, 10], [199, 19900], ['1,299.00', 129900], ['¥58', 5800],
    ['-5', 'must not be negative'], [-5, 'must not be negative'], ['12.345', 'at most 2 decimals'], ['abc', 'at most 2 decimals'],
    [Number.NaN, 'finite'], [null, 'decimal string or a number'], [1e21, 'out of range'],
  ];
  for (const [input, expected] of cases) {
    const r = parseAmount(input);
    if (typeof expected === 'number') assert.deepEqual(r, { ok: true, fen: expected }, String(input));
    else assert.ok(!r.ok && r.reason.includes(expected), `${String(input)} → ${JSON.stringify(r)}`);
  }
  assert.equal(formatFen(129900), '1299.00');
  assert.equal(formatFen(5), '0.05');
});

test('phone numbers normalise to +86 form', () => {
  const cases: [string, string | null][] = [
    ['13800138000', '+8613800138000'], ['138 0013 8000', '+8613800138000'], ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'], ['008613800138000', '+8613800138000'], ['8613800138000', '+8613800138000'],
    ['+1 415 555 0100', '+14155550100'], ['12345', null], ['abc', null], ['', null], ['0571-88886666', null],
  ];
  for (const [input, expected] of cases) {
    const r = normalisePhone(input);
    if (expected) assert.deepEqual(r, { ok: true, phone: expected }, input);
    else assert.equal(r.ok, false, input);
  }
  assert.equal(maskPhone('+8613800138000'), '138****8000');
});

test('timestamps: offsets are absolute, bare dates are workspace-local', () => {
  const sh = 'Asia/Shanghai';
  const cases: [string, string | null][] = [
    ['2026-11-20T10:15:00+08:00', '2026-11-20T02:15:00.000Z'],
    ['2026-11-20T02:15:00Z', '2026-11-20T02:15:00.000Z'],
    ['2026-11-20', '2026-11-19T16:00:00.000Z'],
    ['2026/11/20 10:15', '2026-11-20T02:15:00.000Z'],
    ['2026-11-20 10:15:30', '2026-11-20T02:15:30.000Z'],
    ['2026-02-30', null], ['2026-13-01', null], ['20/11/2026', null], ['', null], ['yesterday', null],
  ];
  for (const [input, expected] of cases) {
    const r = parseTimestamp(input, sh);
    if (expected) assert.deepEqual(r, { ok: true, instant: Date.parse(expected) }, input);
    else assert.equal(r.ok, false, input);
  }
  assert.equal(parseTimestamp('2026-07-01', 'America/New_York').ok && new Date((parseTimestamp('2026-07-01', 'America/New_York') as { instant: number }).instant).toISOString(), '2026-07-01T04:00:00.000Z');
  assert.equal(localDate(sh, Date.parse('2026-11-19T16:30:00Z')), '2026-11-20');
});

test('phones are masked however they are spaced; order ids, amounts and times are left alone', async () => {
  const { maskPhonesIn, maskPhonesDeep } = await import('./phone.ts');
  const phones: [string, string][] = [
    ['13800138000', '138****8000'], ['电话13800138000。', '电话138****8000。'], ['138 0013 8000', '138****8000'], ['138-0013-8000', '138****8000'],
    ['+86 139 1234 5678', '139****5678'], ['+8613912345678', '139****5678'], ['0086-139-1234-5678', '139****5678'], ['(+86) 139 1234 5678', '139****5678'],
    ['8613800138000', '138****8000'], ['王芳 138 0013 8000 来自朋友圈', '王芳 138****8000 来自朋友圈'], ['a:13800138000,b:13912345678', 'a:138****8000,b:139****5678'],
  ];
  for (const [input, expected] of phones) assert.equal(maskPhonesIn(input), expected, input);
  const notPhones = [
    'E20261120138001380001', '202611201380013800', '2026-11-20T10:00:00.000Z', '1763604000000', '13800138000.50', '¥13,800,138.00',
    '0.13800138000', '12800138000', '1380013800', '6222 0213 8001 3800 0000',
  ];
  for (const input of notPhones) assert.equal(maskPhonesIn(input), input, input);
  assert.deepEqual(maskPhonesDeep({ name: '138 0013 8000', paidFen: 13800138000, orderId: 'SO13800138000001', at: '2026-11-20T02:00:00Z', tags: ['+86 139 1234 5678'] }),
    { name: '138****8000', paidFen: 13800138000, orderId: 'SO13800138000001', at: '2026-11-20T02:00:00Z', tags: ['139****5678'] });
});

test('amounts: commas only as thousands groups, an upper bound, float noise only when asked', () => {
  const cases: [unknown, number | string][] = [
    ['1,234.50', 123450], ['12,345,678', 1234567800], ['100,000,000', 10_000_000_000],
    ['1,2,3', 'commas may only group thousands'], ['12,34', 'commas may only group thousands'], [',123', 'commas'], ['1,234,', 'commas'],
    ['9999999999999.99', 'the most one amount may be'], ['100000000.01', 'the most one amount may be'], [1e10, 'the most one amount may be'],
    ['22.200000000000003', 'at most 2 decimals'], ['12.300', 1230],
  ];
  for (const [input, expected] of cases) {
    const r = parseAmount(input);
    if (typeof expected === 'number') assert.deepEqual(r, { ok: true, fen: expected }, String(input));
    else assert.ok(!r.ok && r.reason.includes(expected), `${String(input)} → ${JSON.stringify(r)}`);
  }
  const noisy: [unknown, number | null][] = [
    ['22.200000000000003', 2220], [22.200000000000003, 2220], ['15.299999999999999', 1530], ['0.30000000000000004', 30],
    ['139.12', 13912], ['22.205', null], ['2042.761', null], ['22.2000001', null], ['22.2000000099', 2220],
  ];
  for (const [input, fen] of noisy) {
    const r = parseAmount(input, { roundFloatNoise: true });
    if (fen === null) assert.equal(r.ok, false, String(input));
    else {
      assert.ok(r.ok && r.fen === fen, `${String(input)} → ${JSON.stringify(r)}`);
      assert.equal(r.rounded, /\d\.\d{3}/.test(String(input)) ? true : undefined, String(input));
    }
  }
});

test('timestamps: calendar dates only, within 1970–2199', () => {
  const bad = [
    '0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-02-29T10:00:00+08:00', '2026-04-31T00:00:00Z', '1969-12-31T23:59:59Z',
    '2200-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:00:00+25:00', '9999-12-31T00:00:00Z', '2026-01-01',
  ];
  for (const t of bad) assert.equal(parseInstant(t).ok, false, t);
  assert.deepEqual(parseInstant('2028-02-29T10:00:00+08:00'), { ok: true, instant: Date.parse('2028-02-29T02:00:00Z') });
  assert.deepEqual(parseInstant('2026-11-20T10:15:00.5Z'), { ok: true, instant: Date.parse('2026-11-20T10:15:00.500Z') });
  for (const t of ['0000-01-01', '2026-02-30', '1899-12-31', '2026-02-30T00:00:00Z', '0001-01-01 00:00']) {
    const r = parseTimestamp(t, 'Asia/Shanghai');
    assert.equal(r.ok, false, t);
  }
  const r = parseTimestamp('0000-01-01', 'Asia/Shanghai');
  assert.ok(!r.ok && r.reason.includes('1970'), JSON.stringify(r));
});

test('text that PostgreSQL cannot store is found with its place', () => {
  assert.equal(textProblem('José Müller 冯雨慧 😀'), undefined);
  assert.match(textProblem('a\u0000b')!, /NUL.*position 2/);
  assert.match(textProblem('x\uD800')!, /unpaired surrogate \(U\+D800\)/);
  assert.match(textProblem('\uDC00x')!, /U\+DC00/);
  assert.deepEqual(findTextFault({ a: [1, { b: 'ok' }, { c: 'bad\u0000' }] })?.path, ['a', 2, 'c']);
  assert.match(findTextFault({ ['k\uD83D']: 1 })!.reason, /^key/);
  let deep: unknown = 'x\u0000';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(findTextFault(deep)?.path.length, 100_000);
});

test('CSV cells: formulas neutralised, numbers and phones kept', () => {
  const cases: [unknown, string][] = [
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"], ['+SUM(A1)', "'+SUM(A1)"], ['-2+3', "'-2+3"], ['@x', "'@x"],
    ['\tx', "'\tx"], ['\r=x', "\"'\r=x\""], ['=a,b', "\"'=a,b\""],
    ['+8613800138000', '+8613800138000'], ['-12.50', '-12.50'], [-5, '-5'], ['冯雨慧', '冯雨慧'], [null, ''], [['=a', 'b'], "'=a|b"],
    ['a"b', '"a""b"'],
  ];
  for (const [input, expected] of cases) assert.equal(csvCell(input), expected, JSON.stringify(input));
});
