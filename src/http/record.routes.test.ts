import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'record-http';
const now = Date.parse('2026-12-07T10:00:00+08:00');
let store: TestStore;
let api: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ name: '王芳' }, { name: '陈静', owner: 'li' }]);
  api = testApi(store.db, { workspace: WS, now: () => now });
});
after(() => store.close());

test('custom fields are defined by managers; the record takes values that fit them', async () => {
  const f = await api.put('/api/v1/custom-fields/skin', { label: '肤质', type: 'single', options: ['干性', '油性'] });
  assert.equal(f.status, 200, f.text);
  assert.equal((await api.put('/api/v1/custom-fields/budget', { label: '预算', type: 'number' })).status, 200);
  assert.equal((await api.put('/api/v1/custom-fields/Bad', { label: 'x', type: 'text' })).status, 422);
  assert.equal((await api.put('/api/v1/custom-fields/x', { label: 'x', type: 'text', colour: 'red' })).status, 422, 'unknown field');
  assert.equal((await api.as({ role: 'staff', staffId: 'li' }).put('/api/v1/custom-fields/y', { label: 'y', type: 'text' })).status, 403);
  assert.deepEqual((await api.get('/api/v1/custom-fields')).json.items.map((x: any) => x.key), ['skin', 'budget']);

  const r = await api.patch(`/api/v1/customers/${ids[0]}/record`, { remark: '王姐', province: '浙江', city: '杭州', birthday: '1988-02-29', custom: { skin: '油性', budget: '800' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.remark, r.json.ageBand, r.json.custom, r.json.remarkSync.pending], ['王姐', '35_44', { skin: '油性', budget: 800 }, true]);
  const bad = await api.patch(`/api/v1/customers/${ids[0]}/record`, { birthday: '1990-13-01', custom: { skin: '中性' } });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /birthday.*custom\.skin/s);
  assert.equal((await api.get(`/api/v1/customers/${ids[0]}/record`)).json.birthday, '1988-02-29');
});

test('follow-ups over HTTP: logged, listed, the next day becomes a task', async () => {
  const f = await api.post(`/api/v1/customers/${ids[0]}/followups`, { type: 'visit', note: '到店试用了新品', nextOn: '2026-12-09' });
  assert.equal(f.status, 201, f.text);
  assert.equal(f.json.task.status, 'pending');
  const tasks = await api.get(`/api/v1/tasks?customer=${ids[0]}`);
  assert.deepEqual(tasks.json.items.map((t: any) => [t.taskId, t.kind]), [[f.json.task.taskId, 'manual']]);
  assert.equal((await api.post(`/api/v1/customers/${ids[0]}/followups`, { type: 'visit', note: 'x', nextOn: '2026-12-01' })).status, 422);
  const list = await api.get(`/api/v1/customers/${ids[0]}/followups`);
  assert.equal(list.json.items.length, 1);
});
