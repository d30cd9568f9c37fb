import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi, which must extend zod before the
// event schemas (loaded by the fixture) are built.
import { testApi, type TestApi } from './testing.ts';
import { openTagFixture, type TagFixture } from '../tags/testing.ts';

const ws = 'tags-http';
const now = Date.parse('2026-11-30T00:00:00Z');
let f: TagFixture;
let api: TestApi;

before(async () => {
  f = await openTagFixture(ws, 2);
  api = testApi(f.db, { workspace: ws, now: () => now });
});
after(() => f.store.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const r = await api.call(method, path, body);
  return { status: r.status, json: r.json as Record<string, any> };
}

test('the taxonomy is built, tagged and read back over HTTP', async () => {
  const cat = await call('POST', '/api/v1/tags/categories', { name: '客户属性' });
  assert.equal(cat.status, 201);
  const group = await call('POST', '/api/v1/tags/groups', { name: '会员等级', category: '客户属性', exclusive: true });
  assert.deepEqual([group.status, group.json.exclusive], [201, true]);
  const silver = await call('POST', '/api/v1/tags', { group: '会员等级', name: '银卡' });
  const gold = await call('POST', '/api/v1/tags', { group: group.json.groupId, name: '金卡' });
  assert.deepEqual([silver.status, gold.json.path], [201, '会员等级/金卡']);
  assert.equal((await call('POST', `/api/v1/tags/${gold.json.tagId}/aliases`, { alias: 'Gold' })).status, 201);

  const [customer] = f.customers;
  const first = await call('POST', `/api/v1/customers/${customer}/tags`, { tag: '会员等级/银卡', reason: '到店开卡' });
  assert.deepEqual([first.status, first.json.status], [200, 'added']);
  const second = await call('POST', `/api/v1/customers/${customer}/tags`, { tag: '会员等级/Gold', expiresAt: '2026-12-31' });
  assert.deepEqual([second.json.status, second.json.replaced], ['added', ['会员等级/银卡']]);
  assert.deepEqual(second.json.tags.filter((t: any) => t.source !== 'system').map((t: any) => [t.group, t.tag, t.source, t.expiresAt]), [['会员等级', '金卡', 'api', '2026-12-31T16:00:00.000Z']]);

  const tree = await call('GET', '/api/v1/tags');
  const mine = tree.json.categories.find((c: any) => c.name === '客户属性');
  assert.deepEqual(mine.groups[0].tags.map((t: any) => [t.name, t.aliases, t.customers]), [['银卡', [], 0], ['金卡', ['Gold'], 1]]);

  assert.equal((await call('PATCH', `/api/v1/tags/${gold.json.tagId}`, { name: '黄金卡' })).json.path, '会员等级/黄金卡');
  const removed = await call('DELETE', `/api/v1/customers/${customer}/tags/${gold.json.tagId}`);
  assert.deepEqual([removed.status, removed.json.removed, removed.json.tags.filter((t: any) => t.source !== 'system')], [200, true, []]);
  const again = await call('DELETE', `/api/v1/customers/${customer}/tags/${gold.json.tagId}`);
  assert.deepEqual([again.status, again.json.removed], [200, false]);

  const merged = await call('POST', '/api/v1/tags/merge', { from: silver.json.tagId, into: '会员等级/黄金卡' });
  assert.deepEqual([merged.status, merged.json.alias], [200, '会员等级/银卡']);
  const deleted = await call('DELETE', `/api/v1/tags/categories/${cat.json.categoryId}?force=true`);
  assert.deepEqual([deleted.status, deleted.json.groups, deleted.json.tags], [200, 1, 1]);
});

test('mistakes get a 4xx with a message that names the problem', async () => {
  await call('POST', '/api/v1/tags/categories', { name: '杂项' });
  await call('POST', '/api/v1/tags/groups', { name: '杂', category: '杂项' });
  await call('POST', '/api/v1/tags', { group: '杂', name: 'x' });
  const system = (await call('GET', '/api/v1/tags')).json.categories.find((c: any) => c.system).categoryId;
  const cases: [string, string, unknown, number, RegExp][] = [
    ['POST', '/api/v1/tags', { group: '信任等级', name: 'L6' }, 403, /cannot add tags to group "信任等级"/],
    ['POST', '/api/v1/tags/categories', { name: '系统模型' }, 409, /already exists/],
    ['POST', '/api/v1/tags/groups', { name: 'a/b', category: '系统模型' }, 422, /must not contain "\/"/],
    ['POST', `/api/v1/customers/${f.customers[0]}/tags`, { tag: '不存在/标签' }, 404, /tag group "不存在" does not exist/],
    ['POST', `/api/v1/customers/${f.customers[0]}/tags`, { tag: '信任等级/L0 陌生人', expiresAt: 'soon' }, 422, /expiresAt: expiry "soon" is not a date/],
    ['POST', `/api/v1/customers/${f.customers[0]}/tags`, { tag: '信任等级/L0 陌生人' }, 403, /segmentation models set/],
    ['POST', '/api/v1/customers/99999/tags', { tag: '杂/x' }, 404, /customer 99999 does not exist/],
    ['POST', '/api/v1/tags/groups', { name: '杂', category: '杂项' }, 409, /already exists \(in category "杂项"\)/],
    ['DELETE', `/api/v1/tags/categories/${system}`, undefined, 403, /maintained by Siyu/],
    ['POST', '/api/v1/tags/merge', { from: '信任等级/L0 陌生人' }, 422, /into/],
  ];
  for (const [method, path, body, status, message] of cases) {
    const r = await call(method, path, body);
    assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.json)}`);
    assert.match(r.json.message, message);
  }
});

test('the routes describe themselves in the OpenAPI document', () => {
  const doc = api.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
  assert.ok(doc.paths?.['/api/v1/customers/{id}/tags']?.post);
  assert.ok(doc.paths?.['/api/v1/tags/{id}/aliases/{alias}']?.delete);
  assert.ok(doc.components?.schemas?.TagTree);
});
