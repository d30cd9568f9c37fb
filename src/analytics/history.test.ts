import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketOf, existsFrom, ordersAt, trendOf, type CustomerFacts } from './index.ts';

const t = (iso: string) => Date.parse(iso);

test('orders known by a day: refunds count from when they happened', () => {
  const orders = [
    { orderId: 'a', paidAt: t('2026-11-01T10:00:00Z'), amountFen: 10_000, refunds: [{ at: t('2026-11-05T10:00:00Z'), fen: 10_000 }] },
    { orderId: 'b', paidAt: t('2026-11-03T10:00:00Z'), amountFen: 5_000, refunds: [{ at: t('2026-11-04T10:00:00Z'), fen: 1_000 }] },
  ];
  const cases: [string, { paidOrders: number; paidFen: number; fullyRefunded: number }][] = [
    ['2026-11-01T00:00:00Z', { paidOrders: 0, paidFen: 0, fullyRefunded: 0 }],
    ['2026-11-02T00:00:00Z', { paidOrders: 1, paidFen: 10_000, fullyRefunded: 0 }],
    ['2026-11-04T00:00:00Z', { paidOrders: 2, paidFen: 15_000, fullyRefunded: 0 }],
    ['2026-11-05T00:00:00Z', { paidOrders: 2, paidFen: 14_000, fullyRefunded: 0 }],
    ['2026-11-06T00:00:00Z', { paidOrders: 1, paidFen: 4_000, fullyRefunded: 1 }],
  ];
  for (const [end, want] of cases) {
    const o = ordersAt(orders, t(end), 0);
    assert.deepEqual({ paidOrders: o.paidOrders, paidFen: o.paidFen, fullyRefunded: o.fullyRefunded }, want, end);
  }
});

test('a customer exists from the earliest of added time, first event, first payment, else record creation', () => {
  const base: CustomerFacts = {
    customerId: 1, explicitAddedAt: undefined, createdAt: t('2026-12-01T00:00:00Z'), wecomFriend: false, channel: null, owner: null,
    events: [], orders: [], followers: [], pins: [],
  };
  assert.equal(existsFrom(base), t('2026-12-01T00:00:00Z'), 'nothing else known: the record');
  assert.equal(existsFrom({ ...base, explicitAddedAt: t('2026-06-01T00:00:00Z') }), t('2026-06-01T00:00:00Z'), 'an imported added time');
  assert.equal(existsFrom({ ...base, orders: [{ orderId: 'x', paidAt: t('2026-07-01T00:00:00Z'), amountFen: 1, refunds: [] }] }), t('2026-07-01T00:00:00Z'));
});

test('buckets: a week runs Monday to Sunday, a month by calendar', () => {
  const cases: [string, 'day' | 'week' | 'month', string][] = [
    ['2026-11-08', 'week', '2026-11-02'], // Sunday
    ['2026-11-09', 'week', '2026-11-09'], // Monday
    ['2026-11-30', 'month', '2026-11'],
    ['2026-11-30', 'day', '2026-11-30'],
  ];
  for (const [day, interval, want] of cases) assert.equal(bucketOf(day, interval), want, `${day} ${interval}`);
});

test('a trend takes each bucket\'s last day, values in the model\'s order then the rest', () => {
  const rows = [
    { day: '2026-11-02', value: 'L1', customers: 1 }, { day: '2026-11-03', value: 'L1', customers: 2 },
    { day: '2026-11-03', value: 'L0', customers: 5 }, { day: '2026-11-09', value: 'L2', customers: 4 },
  ];
  const w = trendOf(rows, 'week', ['L0', 'L1', 'L2']);
  assert.deepEqual(w.values, ['L0', 'L1', 'L2']);
  assert.deepEqual(w.buckets, [
    { bucket: '2026-11-02', day: '2026-11-03', total: 7, counts: { L1: 2, L0: 5 } },
    { bucket: '2026-11-09', day: '2026-11-09', total: 4, counts: { L2: 4 } },
  ]);
});
