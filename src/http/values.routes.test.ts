/**
 * Values at the HTTP edge (issue 10, findings 4, 5, 7, 8, 10): what PostgreSQL cannot store
 * is refused with its place, one bad event fails only itself, filters are bounded, an edited
 * cursor is a 400, JSON must be UTF-8, and exported CSV cells cannot run as formulas.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { testApi, type TestApi } from './testing.ts';

const ws = 'values-http';
const now = Date.parse('2026-11-30T04:00:00Z');
let store: TestStore;
let api: TestApi;

before(async () => {
  store = await openTestStore();
  api = testApi(store.db, { workspace: ws, now: () => now });
});
after(() => store.close());

const event = (id: string, over: Record<string, unknown> = {}) => ({
  id, type: 'contact.added', occurredAt: '2026-11-20T10:00:00+08:00', customer: { externalUserId: `wm-${id}` }, ...over,
});

test('POST /api/v1/events: NUL, a lone surrogate, year 0, Feb 30 or ¥10^13 reject their own event; the others land (200, not 500)', async () => {
  const r = await api.post('/api/v1/events', [
    event('h1'),
    event('h2', { customer: { externalUserId: 'wm-h2', name: 'a\u0000b' } }),
    event('h3', { customer: { externalUserId: 'wm-h3\uD800' } }),
    event('h4', { occurredAt: '0000-01-01T00:00:00Z' }),
    event('h5', { occurredAt: '2026-02-30T10:00:00+08:00' }),
    event('h6', { type: 'order.paid', data: { orderId: 'o6', amount: '9999999999999.99' } }),
    event('h7'),
  ]);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.accepted.map((a: { id: string }) => a.id), ['h1', 'h7']);
  assert.deepEqual(r.json.rejected.map((x: { index: number; reason: string }) => [x.index, x.reason.split(':')[0]]),
    [[1, 'customer.name'], [2, 'customer.externalUserId'], [3, 'occurredAt'], [4, 'occurredAt'], [5, 'data.amount']]);
  // NDJSON too, and the retry of the same batch finds the landed ones as duplicates.
  const nd = await api.call('POST', '/api/v1/events', [event('h1'), event('h8', { customer: { externalUserId: 'x', name: '\uDC00' } })].map((e) => JSON.stringify(e)).join('\n'), { 'content-type': 'application/x-ndjson' });
  assert.equal(nd.status, 200, nd.text);
  assert.deepEqual([nd.json.duplicates.length, nd.json.rejected[0].index], [1, 1]);
});

test('JSON must be UTF-8: a GBK body is a 400 naming it, not stored as "����"', async () => {
  const gbk = iconv.encode(JSON.stringify([event('g1', { customer: { externalUserId: 'wm-g1', name: '冯雨慧' } })]), 'gbk');
  const r = await api.call('POST', '/api/v1/events', new Uint8Array(gbk), { 'content-type': 'application/json' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.code, 'bad_request');
  assert.match(r.json.message, /not valid UTF-8 \(byte \d+ of \d+\).*RFC 8259/);
  const seg = iconv.encode(JSON.stringify({ name: '高价值', filter: { field: 'wecomFriend', value: true } }), 'gbk');
  const s = await api.call('POST', '/api/v1/segments/saved', new Uint8Array(seg), { 'content-type': 'application/json' });
  assert.equal(s.status, 400, s.text);
  assert.match(s.json.message, /not valid UTF-8/);
  const [n] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND event_id = 'g1'`, [ws]);
  assert.equal(n!.n, 0);
});

test('NUL in a query parameter is a 400, in a JSON body field a 422 naming the field', async () => {
  const q = await api.get('/api/v1/customers?q=%00');
  assert.equal(q.status, 400, q.text);
  assert.match(q.json.message, /query parameter "q" contains a NUL character/);
  const bad = await api.get('/api/v1/customers?q=%E4%B8');
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.json.message, /not valid percent-encoded UTF-8/);
  const body = await api.post('/api/v1/segments/saved', { name: 'x\u0000', filter: { field: 'wecomFriend', value: true } });
  assert.equal(body.status, 422, body.text);
  assert.match(body.json.message, /^name: contains a NUL character/);
  const sur = await api.post('/api/v1/audiences/count', { filter: { field: 'search', value: 'a\uD800' } });
  assert.equal(sur.status, 422, sur.text);
  assert.match(sur.json.message, /^filter\.value: contains an unpaired surrogate/);
});

test('an edited pagination cursor is a 400 with a reason, not a 500', async () => {
  await api.post('/api/v1/events', [event('c1'), event('c2'), event('c3')]);
  const first = await api.get('/api/v1/customers?limit=1&sort=addedAt:desc');
  assert.equal(first.status, 200, first.text);
  const cursor = JSON.parse(Buffer.from(first.json.nextCursor, 'base64url').toString('utf8'));
  for (const v of ['not a time', '2026-02-30 10:00:00+00', "'; DROP TABLE customers; --", '0000-01-01 00:00:00+00\u0000']) {
    const edited = Buffer.from(JSON.stringify({ ...cursor, v })).toString('base64url');
    const r = await api.get(`/api/v1/customers?limit=1&sort=addedAt:desc&cursor=${edited}`);
    assert.equal(r.status, 400, `${v}: ${r.text}`);
    assert.match(r.json.message, /^cursor /);
  }
  assert.equal((await api.get('/api/v1/customers?limit=1&cursor=garbage!!')).status, 400);
  assert.equal((await api.get(`/api/v1/customers?limit=1&sort=addedAt:desc&cursor=${first.json.nextCursor}`)).status, 200);
});

test('filters: 5,000 levels or 200 × 200 conditions are a 422 naming the limit; the server stays up', async () => {
  // Written as text: the client's own JSON.stringify would overflow first.
  const deep = `{"filter":${'{"not":'.repeat(5000)}{"field":"trustLevel","op":"gte","value":1}${'}'.repeat(5000)}}`;
  const d = await api.post('/api/v1/audiences/count', deep);
  assert.equal(d.status, 422, d.text.slice(0, 300));
  assert.match(d.json.message, /nested more than 10 levels/);
  // 100 × 200 stays under the 1 MiB body limit, so the filter's own bound answers.
  const wide = { or: Array.from({ length: 100 }, () => ({ and: Array.from({ length: 200 }, (_, i) => ({ field: 'search', value: `n${i}` })) })) };
  const w = await api.post('/api/v1/audiences/count', { filter: wide });
  assert.equal(w.status, 422, w.text.slice(0, 300));
  assert.match(w.json.message, /more than 500 conditions/);
  const inQuery = await api.get(`/api/v1/customers?filter=${encodeURIComponent(JSON.stringify({ or: Array.from({ length: 501 }, () => ({ field: 'wecomFriend', value: true })) }))}`);
  assert.equal(inQuery.status, 422, inQuery.text.slice(0, 300));
  assert.equal((await api.get('/healthz')).status, 200);
  assert.match((await api.post('/api/v1/audiences/count', { filter: { field: 'addedAt', op: 'after', value: '2026-02-30' } })).json.message, /not a calendar date/);
});

test('the customers export neutralises formula cells; NDJSON keeps the value as it is', async () => {
  const name = "=cmd|' /C calc'!A0";
  const r = await api.post('/api/v1/events', [event('f1', { customer: { externalUserId: 'wm-formula', name } }), event('f2', { customer: { externalUserId: '@SUM(1+1)' } })]);
  assert.equal(r.json.accepted.length, 2, r.text);
  const csv = await api.get('/api/v1/customers/export');
  assert.equal(csv.status, 200);
  const lines = csv.text.split('\n');
  assert.ok(lines.some((l) => l.includes(`,'${name},`)), 'the name starts with a quote');
  assert.ok(lines.some((l) => l.includes(",'@SUM(1+1),")), 'the identity too');
  assert.ok(!lines.some((l) => /(^|,)[=+@]/.test(l)), 'no cell starts with a formula trigger');
  const nd = await api.get('/api/v1/customers/export?format=ndjson');
  assert.ok(nd.text.split('\n').filter(Boolean).some((l) => JSON.parse(l).name === name));
});

test('task statistics refuse 2026-02-30 and year 0 instead of reading them as another day', async () => {
  for (const from of ['2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z']) {
    const r = await api.get(`/api/v1/tasks/stats?from=${encodeURIComponent(from)}`);
    assert.equal(r.status, 422, `${from}: ${r.text}`);
    assert.match(r.json.message, /^from: .*real calendar date/);
  }
  assert.equal((await api.get(`/api/v1/tasks/stats?from=${encodeURIComponent('2026-11-01T00:00:00Z')}`)).status, 200);
});
