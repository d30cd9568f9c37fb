import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { drainSignals } from '../automation/index.ts';
import { testApi, type TestApi } from './testing.ts';

const WS = 'rules-api';
const NOW = Date.parse('2026-11-20T04:00:00Z');
let store: TestStore;
let api: TestApi;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  api = testApi(store.db, { workspace: WS, now: () => NOW });
  await api.post('/api/v1/tags/categories', { name: '兴趣' });
  await api.post('/api/v1/tags/groups', { name: '商品兴趣', category: '兴趣' });
  await api.post('/api/v1/tags', { group: '商品兴趣', name: '商品A' });
});
after(async () => { await store.close(); });

const rule = {
  name: '看了A的文章',
  trigger: { kind: 'event', event: 'content.viewed', where: { field: 'productIds', contains: 'A' } },
  actions: [{ type: 'tag', tag: '商品兴趣/商品A' }],
};

test('rules: validation names the field, save, version, enable, export, schema', async () => {
  const bad = await api.post('/api/v1/rules', { ...rule, actions: [...rule.actions, { type: 'tag', tag: 'x/y' }] });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /actions\[1\]\.tag: unknown tag "x\/y"/);

  const created = await api.post('/api/v1/rules', rule);
  assert.equal(created.status, 201, created.text);
  const id = created.json.rule.ruleId;
  assert.equal(created.json.rule.enabled, false);

  const v2 = await api.put(`/api/v1/rules/${id}`, { ...rule, description: 'A 商品兴趣' });
  assert.deepEqual([v2.status, v2.json.rule.version], [200, 2]);
  assert.equal((await api.post(`/api/v1/rules/${id}/enable`)).json.enabled, true);
  const shown = await api.get(`/api/v1/rules/${encodeURIComponent('看了A的文章')}`);
  assert.deepEqual(shown.json.versions.map((v: { version: number }) => v.version), [2, 1]);

  const exported = await api.get('/api/v1/rules/export');
  assert.deepEqual(exported.json.rules.map((r: { name: string; enabled: boolean }) => [r.name, r.enabled]), [['看了A的文章', true]]);
  const schema = await api.get('/api/v1/rules/schema');
  assert.equal(schema.status, 200);
  assert.ok(JSON.stringify(schema.json).includes('stageEntered'));
  const doc = await api.get('/openapi.json');
  assert.ok(doc.json.paths['/api/v1/rules/{id}/replay']);
  assert.ok(doc.json.paths['/api/v1/rules/dry-run']);
});

test('dry-run changes nothing; the worker then fires; runs show it', async () => {
  const events = [1, 2, 3].map((i) => ({
    id: `v-${i}`, type: 'content.viewed', occurredAt: '2026-11-20T10:00:00+08:00',
    customer: { externalUserId: `wm-${i}` }, data: { contentId: 'art', productIds: i === 3 ? ['B'] : ['A'] },
  }));
  assert.equal((await api.post('/api/v1/events', events)).status, 200);
  const draft = await api.post('/api/v1/rules/dry-run', { rule: { ...rule, name: 'draft' }, days: 7 });
  assert.equal(draft.status, 200, draft.text);
  assert.deepEqual([draft.json.triggered, draft.json.triggeredCustomers, draft.json.customers, draft.json.actions[0].affected], [2, 2, 2, 2]);
  const before = await store.db.query(`SELECT 1 FROM customer_tags WHERE workspace_id = $1 AND source = 'rule'`, [WS]);
  assert.equal(before.length, 0, 'a dry run tags no one');

  await drainSignals(store.db, { workspaceId: WS, now: NOW });
  const after = await store.db.query(`SELECT 1 FROM customer_tags WHERE workspace_id = $1 AND source = 'rule'`, [WS]);
  assert.equal(after.length, 2);
  const saved = await api.post('/api/v1/rules/看了A的文章/dry-run', {});
  assert.deepEqual([saved.json.customers, saved.json.alreadyFired], [0, 2]);
  const runs = await api.get('/api/v1/rules/runs?status=fired');
  assert.equal(runs.json.items[0].customers, 2);
  const replay = await api.post('/api/v1/rules/看了A的文章/replay', { from: '2026-11-19', to: '2026-11-20' });
  assert.deepEqual([replay.status, replay.json.triggered, replay.json.fired], [200, 2, 0]);

  assert.equal((await api.post('/api/v1/rules/看了A的文章/disable')).json.enabled, false);
  assert.equal((await api.delete('/api/v1/rules/看了A的文章')).status, 200);
  assert.equal((await api.get('/api/v1/rules')).json.items.length, 0);
});
