import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApi, type TestApi } from '../http/testing.ts';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { importShopOrders, signBody } from './index.ts';

const ws = 'shop-ws';
const now = Date.parse('2026-11-30T04:00:00Z');
let store: TestStore;
let api: TestApi;
let secret = '';
let friendId = 0;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  api = testApi(store.db, { workspace: ws, now: () => now });
  const r = await ingestEvents(store.db, ws, [
    { id: 'add-1', type: 'contact.added', occurredAt: '2026-11-01T02:00:00Z', customer: { externalUserId: 'wm-wangfang', phone: '13800138000', name: '王芳' }, staffId: 'zhangsan', data: { channel: 'store-qr' } },
  ], { now });
  friendId = r.accepted[0]!.customerId;
  const added = await api.post('/api/v1/shop/sources', { source: 'youzan', name: '有赞店' });
  assert.equal(added.status, 201, added.text);
  secret = added.json.secret;
});
after(() => store.close());

function deliver(body: unknown, opts: { source?: string; secret?: string; at?: number; raw?: string } = {}) {
  const text = opts.raw ?? JSON.stringify(body);
  const ts = String(Math.floor((opts.at ?? now) / 1000));
  return api.call('POST', `/api/v1/webhooks/orders/${opts.source ?? 'youzan'}`, text, {
    'content-type': 'application/json',
    'x-siyu-timestamp': ts,
    'x-siyu-signature': signBody(opts.secret ?? secret, ts, text),
  });
}

const order = (orderId: string, over: Record<string, unknown> = {}) =>
  ({ orderId, status: 'paid', amount: '100.00', paidAt: '2026-11-20T10:00:00+08:00', phone: '138 0013 8000', ...over });

async function aggregates() {
  const r = await api.get(`/api/v1/customers/${friendId}`);
  assert.equal(r.status, 200, r.text);
  return r.json.aggregates as { paidOrders: number; paidAmount: string; refundedAmount?: string };
}

test('an order carrying only a phone reaches the WeCom friend with that phone, once', async () => {
  const first = await deliver(order('o-1'));
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.outcome, 'applied');
  assert.equal(first.json.customerId, friendId);
  const again = await deliver(order('o-1'));
  assert.equal(again.json.outcome, 'unchanged');
  const a = await aggregates();
  assert.equal(a.paidOrders, 1);
  assert.equal(a.paidAmount, '100.00');
});

test('bad signature, stale timestamp, unknown source, bad body: refused with the reason, nothing changes', async () => {
  const before = await aggregates();
  const wrong = await deliver(order('o-bad'), { secret: 'not-the-secret-at-all' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.json.message, /signature does not match/);
  const stale = await deliver(order('o-bad'), { at: now - 3_600_000 });
  assert.equal(stale.status, 401);
  assert.match(stale.json.message, /300 s/);
  const unknown = await deliver(order('o-bad'), { source: 'jd' });
  assert.equal(unknown.status, 404);
  assert.match(unknown.json.message, /no enabled shop source "jd"/);
  const notJson = await deliver(undefined, { raw: '{"orderId": ' });
  assert.equal(notJson.status, 400);
  assert.match(notJson.json.message, /not JSON/);
  const invalid = await deliver({ ...order('o-bad'), amount: 'lots' });
  assert.equal(invalid.status, 422);
  assert.match(invalid.json.message, /^amount: /);
  assert.deepEqual(await aggregates(), before);
  const log = await api.get('/api/v1/shop/deliveries?source=youzan');
  // Signed deliveries one by one; unsigned refusals counted per minute.
  const rejected = log.json.filter((d: { outcome: string }) => d.outcome === 'rejected');
  assert.ok(rejected.reduce((n: number, d: { requests: number }) => n + d.requests, 0) >= 4);
  assert.ok(rejected.some((d: { requests: number; error: string }) => d.requests === 2 && /2 times this minute/.test(d.error)));
});

test('a refund before its payment, a repeated status and an older refund stay idempotent', async () => {
  const refundFirst = await deliver(order('o-2', { status: 'refunded', refundedAmount: '40', refundedAt: '2026-11-21T10:00:00+08:00' }));
  assert.deepEqual(refundFirst.json.events, ['shop:youzan:o-2:paid', 'shop:youzan:o-2:refund:4000']);
  assert.equal((await deliver(order('o-2'))).json.outcome, 'unchanged');
  const more = await deliver(order('o-2', { status: 'refunded', refundedAmount: '60' }));
  assert.deepEqual(more.json.events, ['shop:youzan:o-2:refund:6000']);
  assert.equal((await deliver(order('o-2', { status: 'refunded', refundedAmount: '40' }))).json.outcome, 'unchanged');
  const a = await aggregates();
  assert.equal(a.paidOrders, 2);
  assert.equal(a.paidAmount, '140.00', '100 + (100 − 60 refunded)');
});

test('disabling a source refuses its webhooks; rotating the secret retires the old one', async () => {
  assert.equal((await api.patch('/api/v1/shop/sources/youzan', { disabled: true })).status, 200);
  assert.equal((await deliver(order('o-3'))).status, 404);
  assert.equal((await api.patch('/api/v1/shop/sources/youzan', { disabled: false })).status, 200);
  const rotated = await api.post('/api/v1/shop/sources/youzan/rotate');
  assert.equal(rotated.status, 200);
  assert.equal((await deliver(order('o-3'))).status, 401);
  secret = rotated.json.secret;
  assert.equal((await deliver(order('o-3'))).json.outcome, 'applied');
  const list = await api.get('/api/v1/shop/sources');
  assert.equal(list.json.length, 1);
  assert.ok(!JSON.stringify(list.json).includes(secret), 'secrets are never listed');
});

test('an order file goes through the same path: same orders unchanged, bad rows reported by line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-shop-'));
  const file = join(dir, 'orders.csv');
  writeFileSync(file, [
    'order_id,status,amount,refunded_amount,paid_at,phone,buyer_id',
    'o-1,paid,100.00,,2026-11-20 10:00,13800138000,',
    'o-4,paid,25.50,,2026-11-22 09:30,13800138000,',
    'o-5,paid,abc,,2026-11-22 09:30,13800138000,',
    'o-6,paid,10,,2026-13-40,13800138000,',
    'o-2,refunded,100.00,60,2026-11-20 10:00,13800138000,',
  ].join('\n'));
  const summary = await importShopOrders(store.db, ws, 'youzan', file, { now, actor: { kind: 'import' } });
  assert.deepEqual({ read: summary.rowsRead, applied: summary.applied, unchanged: summary.unchanged, rejected: summary.rejected }, { read: 5, applied: 1, unchanged: 2, rejected: 2 });
  const report = readFileSync(summary.errorReport!, 'utf8');
  assert.match(report, /^\uFEFFline,column,value,reason/);
  assert.match(report, /\n4,amount,abc,/);
  assert.match(report, /\n5,paid_at,2026-13-40,/);
  const a = await aggregates();
  assert.equal(a.paidOrders, 4);
});

test('a delivery with a value the store cannot hold is refused 422 with the field (the shop stops retrying); the next lands', async () => {
  const before = await aggregates();
  const cases: [Record<string, unknown>, RegExp][] = [
    [order('o-nul', { name: '王\u0000芳' }), /^name: contains a NUL character/],
    [order('o-sur\uD800'), /^orderId: contains an unpaired surrogate/],
    [order('o-y0', { paidAt: '0000-01-01T00:00:00Z' }), /^paidAt: .*1970/],
    [order('o-huge', { amount: '9999999999999.99' }), /^amount: .*the most one amount may be/],
    [order('o-commas', { amount: '1,2,3' }), /^amount: .*commas may only group thousands/],
  ];
  for (const [body, reason] of cases) {
    const r = await deliver(body);
    assert.equal(r.status, 422, r.text);
    assert.match(r.json.message, reason);
  }
  assert.deepEqual(await aggregates(), before);
  const good = await deliver(order('o-after-bad'));
  assert.equal(good.status, 200, good.text);
  assert.equal((await aggregates()).paidOrders, before.paidOrders + 1);
});

test('an order file: a row that does not decode or holds a NUL is reported by line; the others apply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'siyu-shop-'));
  const file = join(dir, 'mixed.csv');
  writeFileSync(file, Buffer.concat([
    Buffer.from('order_id,status,amount,paid_at,phone,name\nm-1,paid,10.00,2026-11-20 10:00,13800138000,王芳\nm-2,paid,10.00,2026-11-20 10:00,13800138000,冯雨慧\n'),
    Buffer.from([0x6d, 0x2d, 0x33, 0x2c, 0x70, 0x61, 0x69, 0x64, 0x2c, 0x31, 0x30, 0x2c, 0x32, 0x30, 0x32, 0x36, 0x2d, 0x31, 0x31, 0x2d, 0x32, 0x30, 0x2c, 0x31, 0x33, 0x38, 0x30, 0x30, 0x31, 0x33, 0x38, 0x30, 0x30, 0x30, 0x2c, 0xcd, 0xf5, 0x0a]),
    Buffer.from('m-4,paid,10.00,2026-11-20 10:00,13800138000,a\u0000b\nm-5,paid,10.00,2026-11-20 10:00,13800138000,欧阳娜娜\n'),
  ]));
  const summary = await importShopOrders(store.db, ws, 'youzan', file, { now, actor: { kind: 'import' } });
  assert.deepEqual([summary.applied, summary.rejected], [3, 2]);
  const report = readFileSync(summary.errorReport!, 'utf8');
  assert.match(report, /\n4,name,.*is not valid UTF-8/);
  assert.match(report, /\n5,name,.*NUL/);
});
