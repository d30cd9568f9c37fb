import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'tags-apply';
let store: TestStore;
let api: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ trust: 3 }, { trust: 3 }, { trust: 1, owner: 'li' }, { trust: 4, owner: 'li' }]);
  api = testApi(store.db, { workspace: WS, now: () => Date.parse('2026-11-20T10:00:00+08:00') });
  const cat = await api.post('/api/v1/tags/categories', { name: '活动' });
  const group = await api.post('/api/v1/tags/groups', { name: '双十二', category: cat.json.categoryId });
  assert.equal((await api.post('/api/v1/tags', { name: '已邀约', group: group.json.groupId })).status, 201);
});
after(() => store.close());

const holders = async () => (await store.db.query<{ customer_id: number }>(
  `SELECT ct.customer_id FROM customer_tags ct JOIN tags t USING (workspace_id, tag_id) WHERE ct.workspace_id = $1 AND t.name = '已邀约' ORDER BY 1`, [WS],
)).map((r) => Number(r.customer_id));

test('one request tags many customers by id; unknown ids are refused, not fatal; again is unchanged', async () => {
  const r = await api.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: [ids[0], ids[1], 999_999], reason: '批量' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.matched, r.json.added, r.json.refused], [2, 2, [999_999]]);
  assert.deepEqual(await holders(), [ids[0], ids[1]]);
  const again = await api.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: [ids[0]], reason: '批量' });
  assert.deepEqual([again.json.added, again.json.unchanged], [0, 1]);
});

test('by filter, within scope; bad bodies are named', async () => {
  const r = await api.post('/api/v1/tags/apply', { tag: '双十二/已邀约', filter: { field: 'trustLevel', op: 'gte', value: 3 } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.matched, r.json.added, r.json.unchanged], [3, 1, 2]);
  assert.deepEqual(await holders(), [ids[0], ids[1], ids[3]]);
  const none = await api.post('/api/v1/tags/apply', { tag: '双十二/已邀约', filter: { field: 'trustLevel', op: 'eq', value: 5 } });
  assert.deepEqual([none.status, none.json.matched], [200, 0]);
  const both = await api.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: [ids[0]], filter: { field: 'trustLevel', op: 'eq', value: 1 } });
  assert.equal(both.status, 422);
  assert.match(both.json.message, /either customerIds or a filter/);
  assert.equal((await api.post('/api/v1/tags/apply', { tag: '双十二/不存在', customerIds: [ids[0]] })).status, 404);
  const big = await api.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: Array.from({ length: 10_001 }, (_, i) => i + 1) });
  assert.equal(big.status, 422);
});

test('an operator scoped to all customers can tag; a staff member may not use the bulk endpoint', async () => {
  const staff = api.as({ role: 'staff', staffId: 'li' });
  assert.equal((await staff.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: [ids[2]] })).status, 403);
});
