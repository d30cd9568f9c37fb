import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before the fixture's schemas.
import { testApi, type TestApi } from './testing.ts';
import { openTagFixture, type TagFixture } from '../tags/testing.ts';

const ws = 'journeys-http';
let now = Date.parse('2026-11-30T00:00:00Z');
let f: TagFixture;
let api: TestApi;

before(async () => {
  f = await openTagFixture(ws, 3);
  api = testApi(f.db, { workspace: ws, now: () => now });
});
after(() => f.store.close());

test('templates install once; a custom journey is created, edited and deleted over HTTP', async () => {
  const list = await api.get('/api/v1/journeys/templates');
  assert.deepEqual(list.json.items.map((t: any) => [t.key, t.journeyId]), [
    ['purchase_frequency', null], ['membership', null], ['persona', null], ['product_interest', null], ['b2b_intent', null],
  ]);
  const a = await api.post('/api/v1/journeys/templates/membership');
  const b = await api.post('/api/v1/journeys/templates/membership');
  assert.deepEqual([a.status, a.json.name, a.json.stages.length, b.json.journeyId], [200, '会员价值', 5, a.json.journeyId]);
  assert.equal((await api.post('/api/v1/journeys/templates/nope')).status, 422);

  const created = await api.post('/api/v1/journeys', { name: '试驾', ordered: true, stages: [{ name: '预约' }, { name: '试驾' }] });
  assert.deepEqual([created.status, created.json.stages.map((s: any) => s.path)], [201, ['试驾/预约', '试驾/试驾']]);
  const added = await api.post('/api/v1/journeys/试驾/stages', { name: '下定' });
  assert.deepEqual([added.status, added.json.stages.map((s: any) => s.name)], [201, ['预约', '试驾', '下定']]);
  const reordered = await api.put(`/api/v1/journeys/${created.json.journeyId}/stages/order`, { order: ['试驾', '预约', '下定'] });
  assert.deepEqual(reordered.json.stages.map((s: any) => s.name), ['试驾', '预约', '下定']);
  const renamed = await api.patch('/api/v1/journeys/试驾/stages/下定', { name: '已下定' });
  assert.equal(renamed.json.stages[2].name, '已下定');
  const bad = await api.post('/api/v1/journeys', { name: 'x', stages: [{ name: 'a', entryFilter: { field: 'gender', op: 'in', values: ['robot'] } }] });
  assert.equal(bad.status, 422);
  assert.equal((await api.delete('/api/v1/journeys/试驾/stages/预约')).status, 200);
  assert.equal((await api.delete('/api/v1/journeys/试驾')).status, 200);
  assert.equal((await api.get('/api/v1/journeys/试驾')).status, 404);
});

test('moves, the board, cards, stats and a customer\'s journeys', async () => {
  const [c1, c2, c3] = f.customers as [number, number, number];
  const m = await api.post('/api/v1/journeys/会员价值/moves', { customerIds: [c1, c2], stage: '银卡', reason: '开卡' });
  assert.deepEqual([m.status, m.json.moved], [200, [c1, c2]]);
  now += 6 * 3_600_000; // within the test session's lifetime
  const up = await api.post('/api/v1/journeys/会员价值/moves', { customerIds: [c1], stage: '金卡', reason: '升级' });
  assert.equal(up.status, 200, up.text);
  assert.deepEqual(up.json.directions, [{ customerId: c1, from: '银卡', direction: 'forward' }]);
  assert.equal((await api.post('/api/v1/journeys/会员价值/moves', { customerIds: [c3], stage: '不存在', reason: 'x' })).status, 404);

  const board = await api.get('/api/v1/journeys/会员价值/board?limit=1');
  assert.deepEqual(board.json.columns.map((c: any) => [c.stage, c.count, c.cards.length]), [['初级粉丝', 0, 0], ['银卡', 1, 1], ['金卡', 1, 1], ['黑金', 0, 0], ['钻石', 0, 0]]);
  const filtered = await api.get(`/api/v1/journeys/会员价值/board?filter=${encodeURIComponent(JSON.stringify({ field: 'customerId', op: 'in', values: [c2] }))}`);
  assert.deepEqual(filtered.json.columns.map((c: any) => c.count), [0, 1, 0, 0, 0]);
  const cards = await api.get('/api/v1/journeys/会员价值/stages/金卡/cards');
  assert.deepEqual(cards.json.cards.map((c: any) => c.customerId), [c1]);
  assert.equal((await api.get('/api/v1/journeys/会员价值/stages/金卡/cards?cursor=zzz')).status, 400);

  const stats = await api.get('/api/v1/journeys/会员价值/stats');
  assert.deepEqual(stats.json.stages.slice(0, 2).map((s: any) => [s.stage, s.entered, s.medianDaysInStage, s.conversionToNext]), [['初级粉丝', 0, null, null], ['银卡', 2, 0.25, 0.5]]);

  const mine = await api.get(`/api/v1/customers/${c1}/journeys`);
  assert.deepEqual(mine.json.positions.map((p: any) => [p.journey, p.stage, p.daysInStage]), [['会员价值', '金卡', 0]]);
  assert.deepEqual(mine.json.history.map((h: any) => [h.stage, h.direction, h.reason]), [['金卡', 'forward', '升级'], ['银卡', 'entered', '开卡']]);
});

test('the journeys API is in the OpenAPI document', async () => {
  const doc = (await api.get('/openapi.json')).json;
  for (const p of ['/api/v1/journeys', '/api/v1/journeys/templates/{key}', '/api/v1/journeys/{id}/moves', '/api/v1/journeys/{id}/board', '/api/v1/customers/{id}/journeys']) {
    assert.ok(doc.paths[p], p);
  }
});
