import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { testApi, type TestApi } from './testing.ts';

let store: TestStore;
let api: TestApi;
const now = Date.parse('2026-11-30T00:00:00Z');

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: 'default' });
  api = testApi(store.db, { now: () => now });
});
after(() => store.close());

const post = async (body: string, type = 'application/json') => {
  const r = await api.call('POST', '/api/v1/events', body, { 'content-type': type });
  return { status: r.status, json: async () => r.json as unknown };
};
const get = async (path: string) => {
  const r = await api.get(path);
  return { status: r.status, json: async () => r.json as unknown };
};
const ev = (id: string, type: string, customer: object, data: object = {}) =>
  ({ id, type, occurredAt: '2026-11-20T10:15:00+08:00', customer, data });

test('health answers with the store kind', async () => {
  const res = await get('/healthz');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true, store: store.db.kind });
});

test('events as JSON and NDJSON: accepted, duplicate and rejected items with reasons', async () => {
  const res = await post(JSON.stringify([ev('h1', 'contact.added', { externalUserId: 'wm-h' }), ev('h2', 'order.paid', { externalUserId: 'wm-h' }, { orderId: 'x' })]));
  assert.equal(res.status, 200);
  const body = await res.json() as { accepted: { id: string }[]; rejected: { index: number; reason: string }[] };
  assert.deepEqual(body.accepted.map((a) => a.id), ['h1']);
  assert.equal(body.rejected[0]!.index, 1);
  assert.match(body.rejected[0]!.reason, /data\.amount/);

  const nd = [JSON.stringify(ev('h1', 'contact.added', { externalUserId: 'wm-h' })), '{broken', JSON.stringify(ev('h3', 'moment.liked', { externalUserId: 'wm-h' }, { momentId: 'm' }))].join('\n');
  const res2 = await post(nd, 'application/x-ndjson');
  const body2 = await res2.json() as { accepted: { id: string }[]; duplicates: { id: string }[]; rejected: { index: number; reason: string }[] };
  assert.deepEqual(body2.accepted.map((a) => a.id), ['h3']);
  assert.deepEqual(body2.duplicates.map((d) => d.id), ['h1']);
  assert.match(body2.rejected[0]!.reason, /line 2: not valid JSON/);
});

test('bad bodies get clear errors', async () => {
  const bad = await post('{"not": "closed"');
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { message: string }).message, /not valid JSON/);
  const empty = await post('');
  assert.equal(empty.status, 400);
  const many = await post(JSON.stringify(Array.from({ length: 10_001 }, (_, i) => ev(`n${i}`, 'moment.liked', { externalUserId: 'x' }, { momentId: 'm' }))));
  assert.equal(many.status, 413);
  assert.match(((await many.json()) as { message: string }).message, /10001 events/);
  const huge = await post(`[${' '.repeat(11 * 1024 * 1024)}]`);
  assert.equal(huge.status, 413);
  // A caller belongs to one workspace: another one is refused before anything is read.
  const otherWs = await api.post('/api/v1/events?workspace=nope', []);
  assert.equal(otherWs.status, 403);
});

test('customer by id: 200 with aggregates, 404 unknown, 422 malformed id', async () => {
  const r = await post(JSON.stringify([ev('c1', 'order.paid', { phone: '13600000000' }, { orderId: 'o-c1', amount: 12.5 })]));
  const id = ((await r.json()) as { accepted: { customerId: number }[] }).accepted[0]!.customerId;
  const ok = await get(`/api/v1/customers/${id}`);
  assert.equal(ok.status, 200);
  const c = await ok.json() as { aggregates: { paidAmount: string }; wecomFriend: boolean };
  assert.equal(c.aggregates.paidAmount, '12.50');
  assert.equal(c.wecomFriend, false);
  const missing = await get('/api/v1/customers/999999');
  assert.equal(missing.status, 404);
  assert.deepEqual(Object.keys(await missing.json() as object).sort(), ['code', 'message']);
  const malformed = await get('/api/v1/customers/abc');
  assert.equal(malformed.status, 422);
});

test('a merge shows on both records and can be undone over HTTP', async () => {
  const a = await post(JSON.stringify([ev('u1', 'contact.added', { externalUserId: 'wm-u', unionId: 'un-u' })]));
  const b = await post(JSON.stringify([ev('u2', 'content.viewed', { phone: '13500000000' }, { contentId: 'a' })]));
  const idA = ((await a.json()) as { accepted: { customerId: number }[] }).accepted[0]!.customerId;
  const idB = ((await b.json()) as { accepted: { customerId: number }[] }).accepted[0]!.customerId;
  await post(JSON.stringify([ev('u3', 'content.viewed', { unionId: 'un-u', phone: '13500000000' }, { contentId: 'b' })]));
  const list = await (await get(`/api/v1/customers/${idB}/merges`)).json() as { mergeId: number; survivorId: number }[];
  assert.equal(list.length, 1);
  assert.equal(list[0]!.survivorId, idA);
  const undo = await api.post(`/api/v1/merges/${list[0]!.mergeId}/undo`);
  assert.equal(undo.status, 200);
  const again = await api.post(`/api/v1/merges/${list[0]!.mergeId}/undo`);
  assert.equal(again.status, 409);
  const back = await (await get(`/api/v1/customers/${idB}`)).json() as { customerId: number };
  assert.equal(back.customerId, idB);
});

test('the OpenAPI document describes the routes from the validating schemas', async () => {
  const doc = await (await get('/openapi.json')).json() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
  for (const p of ['/healthz', '/api/v1/events', '/api/v1/customers/{id}', '/api/v1/merges/{mergeId}/undo']) assert.ok(doc.paths[p], p);
  assert.ok(doc.components.schemas.Event);
  assert.ok(doc.components.schemas.Customer);
});
