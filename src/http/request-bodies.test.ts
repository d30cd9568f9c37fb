import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { unknownFields } from './unknown-fields.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'bodies';
let store: TestStore;
let api: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ trust: 3 }, { trust: 1 }]);
  api = testApi(store.db, { workspace: WS, now: () => Date.parse('2026-11-20T10:00:00+08:00') });
  const cat = await api.post('/api/v1/tags/categories', { name: '活动' });
  const group = await api.post('/api/v1/tags/groups', { name: '双十二', category: cat.json.categoryId });
  assert.equal((await api.post('/api/v1/tags', { name: '已邀约', group: group.json.groupId })).status, 201);
});
after(() => store.close());

test('unknown fields: found at any depth, in arrays too; kept-on-purpose values are not reported', () => {
  const cases: [unknown, unknown, string[]][] = [
    [{ a: 1, b: 2 }, { a: 1 }, ['b']],
    [{ a: { x: 1, y: 2 } }, { a: { x: 1 } }, ['a.y']],
    [{ list: [{ x: 1 }, { x: 1, z: 0 }] }, { list: [{ x: 1 }, { x: 1 }] }, ['list.1.z']],
    [{ a: 1 }, { a: 1, b: 'default' }, []],
    [{ data: { any: 'thing' } }, { data: { any: 'thing' } }, []],
    [{ at: '2026-01-01' }, { at: new Date('2026-01-01') }, []],
    ['text', 'text', []],
  ];
  for (const [input, parsed, expected] of cases) assert.deepEqual(unknownFields(input, parsed).map((p) => p.join('.')), expected, JSON.stringify(input));
});

test('a body with a field its route does not know is refused (422), naming the field; nothing is changed', async () => {
  const tag = await api.post(`/api/v1/customers/${ids[0]}/tags`, { tag: '双十二/已邀约', expiresInDays: 7 });
  assert.deepEqual([tag.status, tag.json.code, tag.json.message], [422, 'validation_failed', 'expiresInDays: unknown field']);
  assert.deepEqual(tag.json.details, [{ path: 'expiresInDays', message: 'unknown field' }]);
  const held = await api.get(`/api/v1/customers/${ids[0]}`);
  assert.ok(!JSON.stringify(held.json.tags ?? []).includes('已邀约'), 'the refused request tagged no one');
  const ok = await api.post(`/api/v1/customers/${ids[0]}/tags`, { tag: '双十二/已邀约', expiresAt: '2026-12-12' });
  assert.equal(ok.status, 200, ok.text);

  const user = await api.post('/api/v1/users', { login: 'lihua', role: 'staff', staffId: 'li', email: 'li@example.com', team: 'east' });
  assert.deepEqual([user.status, user.json.message], [422, 'email: unknown field; team: unknown field']);
  assert.equal((await api.get('/api/v1/users')).json.some((u: { login: string }) => u.login === 'lihua'), false, 'no user was made');
  const search = await api.post('/api/v1/customers/search', { filter: { field: 'trustLevel', op: 'gte', value: 3 }, pageSize: 5 });
  assert.deepEqual([search.status, search.json.message], [422, 'pageSize: unknown field']);
});

test('an audience count needs a filter: without one it is refused, not a count of everyone', async () => {
  const none = await api.post('/api/v1/audiences/count', {});
  assert.deepEqual([none.status, none.json.code], [422, 'validation_failed']);
  assert.match(none.json.message, /^filter: /);
  assert.equal((await api.post('/api/v1/audiences/count', { q: '客户' })).status, 422, 'search text alone is not a filter');
  const some = await api.post('/api/v1/audiences/count', { filter: { field: 'trustLevel', op: 'gte', value: 3 } });
  assert.deepEqual([some.status, some.json.count], [200, 1]);
});
