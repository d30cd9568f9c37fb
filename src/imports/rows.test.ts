import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { SiyuError } from '../shared/errors.ts';
import { readHeader, rowValues } from './csv-header.ts';
import { CUSTOMER_COLUMNS, CUSTOMERS_SPEC, customerRowItem, normaliseGender } from './customers.ts';
import { errorReportLine } from './error-report.ts';
import { ORDER_COLUMNS, ORDERS_SPEC, orderRowEvents } from './orders.ts';
import { detectEncoding } from './reading.ts';
import { formatSummary } from './summary.ts';

const tz = 'Asia/Shanghai';
const now = Date.parse('2026-12-01T00:00:00Z');

const orderRow = (over: Partial<Record<(typeof ORDER_COLUMNS)[number], string>>) => ({
  order_id: 'o1', paid_at: '2026-11-20', amount: '99.90', refunded_amount: '', platform: '', buyer_id: '',
  external_user_id: '', union_id: '', phone: '13800138000', product_ids: '', ...over,
});

test('an orders.csv row becomes order.paid (and order.refunded) events with ids from the order id', () => {
  const r = orderRowEvents(orderRow({ paid_at: '2026-11-20 10:15', refunded_amount: '9.90', platform: 'Youzan', buyer_id: 'b-1', product_ids: 'p1| p2 |p1' }), { timeZone: tz, now });
  assert.ok(r.ok);
  assert.deepEqual(r.events.map((e) => e.envelope), [
    {
      id: 'import:order:o1:paid', type: 'order.paid', occurredAt: '2026-11-20T02:15:00.000Z', touchpoint: 'shop',
      customer: { phone: '13800138000', platformIds: { Youzan: 'b-1' } },
      data: { orderId: 'o1', amount: '99.90', platform: 'Youzan', productIds: ['p1', 'p2'] },
    },
    {
      id: 'import:order:o1:refund', type: 'order.refunded', occurredAt: '2026-11-20T02:15:00.000Z', touchpoint: 'shop',
      customer: { phone: '13800138000', platformIds: { Youzan: 'b-1' } },
      data: { orderId: 'o1', amount: '9.90' },
    },
  ]);
  const dateOnly = orderRowEvents(orderRow({}), { timeZone: tz, now });
  assert.ok(dateOnly.ok);
  assert.equal(dateOnly.events.length, 1, 'no refund event without a refunded amount');
  assert.equal(dateOnly.events[0]!.envelope.occurredAt, '2026-11-19T16:00:00.000Z', 'a bare date is midnight in the workspace zone');
});

test('a bad orders.csv row names every bad column', () => {
  const cases: [Partial<Record<(typeof ORDER_COLUMNS)[number], string>>, [string, string][]][] = [
    [{ paid_at: '2026-13-01' }, [['paid_at', '"2026-13-01" is not a calendar date']]],
    [{ paid_at: 'yesterday' }, [['paid_at', '"yesterday" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM[:SS], optional offset)']]],
    [{ paid_at: '2027-01-01' }, [['paid_at', 'is in the future']]],
    [{ amount: '-5' }, [['amount', 'must not be negative']]],
    [{ amount: '1.234' }, [['amount', '"1.234" is not an amount in yuan with at most 2 decimals']]],
    [{ refunded_amount: '100' }, [['refunded_amount', 'is more than the amount 99.90']]],
    [{ phone: '' }, [['external_user_id/union_id/phone/buyer_id', 'missing identity: give at least one of external_user_id, union_id, phone, or buyer_id with platform']]],
    [{ phone: '', buyer_id: 'b-1' }, [['buyer_id', 'needs a platform: buyer ids are per shop platform']]],
    [{ order_id: '', amount: '' }, [['order_id', 'is required'], ['amount', 'is required']]],
    [{ phone: '12345' }, [['phone', '"12345" is not a Chinese mobile number (11 digits starting 13–19) nor an international number starting with +']]],
  ];
  for (const [over, expected] of cases) {
    const r = orderRowEvents(orderRow(over), { timeZone: tz, now });
    assert.ok(!r.ok, JSON.stringify(over));
    assert.deepEqual(r.problems.map((p) => [p.column, p.reason]), expected, JSON.stringify(over));
  }
});

const customerRow = (over: Partial<Record<(typeof CUSTOMER_COLUMNS)[number], string>>) => ({
  external_user_id: '', union_id: '', phone: '', platform: '', buyer_id: '', name: '', gender: '',
  owner_staff: '', channel: '', added_at: '', tags: '', remark: '', description: '', province: '', city: '', birthday: '',
  age_band: '', custom_fields: '', ...over,
});

test('a customers.csv row becomes identities (as intake spells them), profile fields and tag paths', () => {
  const r = customerRowItem(customerRow({
    external_user_id: 'wm1', phone: '138 0013 8000', platform: 'Youzan', buyer_id: 'b-1', name: '王芳', gender: '女',
    owner_staff: 'zhang', channel: 'qr-store', added_at: '2026-11-01', tags: '兴趣/商品A| 兴趣/商品B ||兴趣/商品A',
  }), { timeZone: tz, now });
  assert.ok(r.ok);
  assert.deepEqual(r.item, {
    identities: [
      { kind: 'external_user_id', value: 'wm1' },
      { kind: 'phone', value: '+8613800138000' },
      { kind: 'buyer_id', value: 'youzan:b-1' },
    ],
    profile: { name: '王芳', gender: 'female', ownerStaff: 'zhang', channel: 'qr-store', addedAt: new Date('2026-10-31T16:00:00Z') },
    tags: ['兴趣/商品A', '兴趣/商品B'],
  });
  const bad = customerRowItem(customerRow({ name: '无名', gender: '猫', added_at: '2026-02-30' }), { timeZone: tz, now });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map((p) => p.column), ['external_user_id/union_id/phone/buyer_id', 'gender', 'added_at']);
});

test('record columns: remark within WeCom\'s 20 characters, region, birthday, age band, custom fields by their definitions', () => {
  const fields = [
    { key: 'skin', label: '肤质', type: 'single' as const, options: ['干性', '油性'], position: 0 },
    { key: 'likes', label: '偏好', type: 'multi' as const, options: ['红茶', '绿茶'], position: 1 },
  ];
  const r = customerRowItem(customerRow({
    external_user_id: 'wm1', remark: '王姐', province: '浙江', city: '杭州', birthday: '1990/5/3', age_band: '35-44', custom_fields: 'skin=油性; likes=红茶|绿茶',
  }), { timeZone: tz, now, fields });
  assert.ok(r.ok);
  assert.deepEqual(r.item.profile, { remark: '王姐', province: '浙江', city: '杭州', birthday: '1990-05-03', ageBand: '35_44', custom: { skin: '油性', likes: ['红茶', '绿茶'] } });
  const bad = customerRowItem(customerRow({
    external_user_id: 'wm1', remark: '一'.repeat(21), birthday: '1990-02-30', age_band: 'old', custom_fields: 'skin=中性; color=red',
  }), { timeZone: tz, now, fields });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map((p) => p.column), ['remark', 'birthday', 'age_band', 'custom_fields']);
  assert.match(bad.problems[3]!.reason, /skin: "中性" is not one of 干性 \/ 油性; "color" is not a custom field/);
});

test('gender spellings normalise; anything else is not guessed', () => {
  const table: [string, string | undefined][] = [
    ['男', 'male'], ['女', 'female'], ['未知', 'unknown'], ['Male', 'male'], [' F ', 'female'], ['m', 'male'],
    ['female', 'female'], ['1', 'male'], ['2', 'female'], ['0', 'unknown'], ['保密', 'unknown'], ['x', undefined], ['男女', undefined],
  ];
  for (const [input, expected] of table) assert.equal(normaliseGender(input), expected, input);
});

test('headers: trimmed, case-insensitive, any order; unknown columns noted; a missing required column is fatal', () => {
  const h = readHeader(ORDERS_SPEC, ['\uFEFF Amount', 'PAID_AT', 'order_id', 'phone', 'note', ''], 'o.csv');
  assert.deepEqual(h.unknown, ['note', '(unnamed column 6)']);
  assert.deepEqual(rowValues(h, ORDER_COLUMNS, [' 12.50 ', '2026-11-01', 'o9', '13800138000', 'x', '']),
    { ...orderRow({ order_id: 'o9', paid_at: '2026-11-01', amount: '12.50' }), phone: '13800138000' });
  const fails: [string[], RegExp][] = [
    [['order_id', 'paid_at', 'phone'], /no column "amount"/],
    [['order_id', 'paid_at', 'amount', 'note'], /at least one identity column/],
    [['order_id', 'paid_at', 'amount', 'buyer_id'], /"buyer_id" needs a "platform" column/],
    [['order_id', 'paid_at', 'amount', 'phone', 'Phone'], /column "phone" appears twice/],
  ];
  for (const [fields, message] of fails) {
    assert.throws(() => readHeader(ORDERS_SPEC, fields, 'o.csv'), (e: unknown) => e instanceof SiyuError && message.test(e.message), fields.join(','));
  }
  assert.throws(() => readHeader(CUSTOMERS_SPEC, ['name', 'tags'], 'c.csv'), /at least one identity column/);
});

test('encoding detection: BOM → UTF-8, valid UTF-8 → UTF-8, else GBK; UTF-16 is refused', () => {
  const utf8 = Buffer.from('name,phone\n王芳,13800138000\n');
  assert.equal(detectEncoding(utf8), 'utf-8');
  assert.equal(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), 'utf-8-bom');
  assert.equal(detectEncoding(iconv.encode('name,phone\n王芳,13800138000\n', 'gbk')), 'gbk');
  assert.equal(detectEncoding(utf8.subarray(0, 'name,phone\n'.length + 2)), 'utf-8', 'a character cut at the end of the sample is fine');
  assert.throws(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0])), /UTF-16/);
});

test('error report lines are CSV with quoting where needed', () => {
  assert.equal(errorReportLine({ line: 7, column: 'amount', value: '-5', reason: 'must not be negative' }), '7,amount,-5,must not be negative\r\n');
  assert.equal(errorReportLine({ line: 8, column: 'name', value: 'a,"b"', reason: 'x' }), '8,name,"a,""b""",x\r\n');
});

test('the summary says in plain words what happened and where the problems are listed', () => {
  const base = {
    importId: 1, kind: 'orders' as const, workspaceId: 'default', file: '/data/orders.csv', encoding: 'gbk' as const,
    rowsRead: 12_345, rowsLanded: 12_000, rowsUnchanged: 300, rowsRejected: 45, amountsRounded: 0, encodingConfidence: 1, problems: 47,
    unknownColumns: ['备注', 'note'], elapsedMs: 2_500, rowsPerSecond: 4_938, errorReport: '/data/orders.csv.errors.csv',
  };
  assert.equal(formatSummary(base), [
    'Imported orders from /data/orders.csv (GBK) into workspace "default".',
    '12,345 rows read: 12,000 landed, 300 unchanged (already imported or repeated), 45 rejected.',
    '47 problems listed in /data/orders.csv.errors.csv (line, column, value, reason).',
    'Ignored unknown columns: 备注, note.',
    'Took 2.5 s (4,938 rows/s).',
  ].join('\n'));
  assert.match(formatSummary({ ...base, kind: 'events', rowsRejected: 0, problems: 0, errorReport: null, unknownColumns: [] }),
    /12,345 lines read: .*\nNo problems found\.\nTook 2\.5 s \(4,938 lines\/s\)\.$/);
});
