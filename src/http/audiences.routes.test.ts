import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, WS, openAudienceFixture, type AudienceFixture } from '../audiences/fixture.test-helper.ts';
import { testApi, type TestApi } from './testing.ts';

let fx: AudienceFixture;
let admin: TestApi;
before(async () => {
  fx = await openAudienceFixture();
  admin = testApi(fx.db, { workspace: WS, now: () => NOW, as: { role: 'admin', seesPhones: true } });
});
after(async () => {
  await fx.store.close();
});

const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

test('GET /api/v1/customers lists, filters, sorts and pages with a cursor', async () => {
  const first = await admin.get(`/api/v1/customers?filter=${q({ field: 'paidOrders', op: 'gte', value: 0 })}&sort=paidAmount:desc&limit=2&total=true`);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.total, 5);
  assert.deepEqual(first.json.items.map((i: { name: string }) => i.name), ['王芳', '韩梅']);
  assert.equal(first.json.items[0].phone, '+8613800138000', 'an admin who sees phones');
  const next = await admin.get(`/api/v1/customers?filter=${q({ field: 'paidOrders', op: 'gte', value: 0 })}&sort=paidAmount:desc&limit=2&cursor=${first.json.nextCursor}`);
  assert.equal(next.json.items.length, 2);
  assert.ok(!next.json.items.some((i: { name: string }) => ['王芳', '韩梅'].includes(i.name)));

  const searched = await admin.get(`/api/v1/customers?q=${encodeURIComponent('138-0013-8000')}`);
  assert.deepEqual(searched.json.items.map((i: { customerId: number }) => i.customerId), [fx.id.wang]);
});

test('bad input is a 422 naming the place', async () => {
  const unknownTag = await admin.post('/api/v1/audiences/count', { filter: { and: [{ field: 'gender', op: 'in', values: ['male'] }, { field: 'tag', op: 'has', tag: '会员/金' }] } });
  assert.equal(unknownTag.status, 422);
  assert.match(unknownTag.json.message, /and\[1\]\.tag: unknown tag "会员\/金"/);
  const badJson = await admin.get('/api/v1/customers?filter=%7Bnope');
  assert.equal(badJson.status, 422);
  assert.match(badJson.json.message, /filter\.filter: is not JSON|is not JSON/);
  const badSort = await admin.get('/api/v1/customers?sort=phone:desc');
  assert.equal(badSort.status, 422);
  const badField = await admin.post('/api/v1/audiences/count', { filter: { field: 'trustLevel', op: 'gte', value: 9 } });
  assert.equal(badField.status, 422);
});

test('count and preview for the filter builder', async () => {
  const count = await admin.post('/api/v1/audiences/count', { filter: { field: 'stage', journey: '购买频次', stage: '已购买' } });
  assert.deepEqual(count.json, { count: 2 });
  const preview = await admin.post('/api/v1/audiences/preview', { filter: { field: 'gender', op: 'in', values: ['female'] }, limit: 2, sort: { by: 'name', dir: 'asc' } });
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.json.count, 3);
  assert.equal(preview.json.items.length, 2);
  assert.ok(preview.json.nextCursor);
});

test('a staff member counts, previews and lists only their own customers, phones masked', async () => {
  const li = testApi(fx.db, { workspace: WS, now: () => NOW, as: { role: 'staff', staffId: 'li' } });
  assert.deepEqual((await li.post('/api/v1/audiences/count', { filter: { or: [{ field: 'addedAt', op: 'exists' }, { field: 'addedAt', op: 'missing' }] } })).json, { count: 3 });
  assert.deepEqual((await li.post('/api/v1/audiences/count', { filter: { field: 'tag', op: 'has', tag: '会员/金卡' } })).json, { count: 0 });
  const list = await li.get('/api/v1/customers?limit=50');
  assert.deepEqual(list.json.items.map((i: { customerId: number }) => i.customerId).sort(), [fx.id.li, fx.id.han, fx.id.zhao].sort());
  assert.equal(list.json.items.find((i: { customerId: number }) => i.customerId === fx.id.han).phone, '139****9000');
  const preview = await li.post('/api/v1/audiences/preview', { q: '王芳' });
  assert.deepEqual({ count: preview.json.count, items: preview.json.items }, { count: 0, items: [] });
});

test('the field catalogue drives the filter builder', async () => {
  const r = await admin.get('/api/v1/audiences/fields');
  assert.equal(r.status, 200);
  const trust = r.json.fields.find((f: { field: string }) => f.field === 'trustLevel');
  assert.deepEqual(trust.label, { zh: '信任等级', en: 'Trust level' });
  assert.ok(trust.ops.some((o: { op: string }) => o.op === 'gte'));
  assert.ok(r.json.sorts.includes('paidAmount'));
  const doc = await admin.get('/openapi.json');
  assert.ok(doc.json.components.schemas.AudienceFilter, 'the filter language is in the OpenAPI document');
});

test('saved segments over HTTP', async () => {
  const add = await admin.post('/api/v1/segments/saved', { name: '高价值女客', filter: { and: [{ field: 'gender', op: 'in', values: ['female'] }, { field: 'paidOrders', op: 'gte', value: 1 }] } });
  assert.equal(add.status, 201, add.text);
  assert.equal((await admin.post('/api/v1/segments/saved', { name: '高价值女客', filter: { field: 'wecomFriend', value: true } })).status, 409);
  const one = await admin.get(`/api/v1/segments/saved/${encodeURIComponent('高价值女客')}`);
  assert.equal(one.json.count, 2);
  assert.deepEqual((await admin.post('/api/v1/audiences/count', { filter: { field: 'segment', segment: '高价值女客' } })).json, { count: 2 });
  const put = await admin.put(`/api/v1/segments/saved/${add.json.segmentId}`, { filter: { field: 'gender', op: 'in', values: ['female'] }, description: '女' });
  assert.equal(put.status, 200, put.text);
  assert.equal((await admin.get('/api/v1/segments/saved')).json.length, 1);
  assert.equal((await admin.delete(`/api/v1/segments/saved/${encodeURIComponent('高价值女客')}`)).status, 200);
  assert.equal((await admin.get(`/api/v1/segments/saved/${encodeURIComponent('高价值女客')}`)).status, 404);
  assert.equal((await admin.get('/api/v1/segments')).status, 200, 'the models\' distribution still answers at its own path');
});
