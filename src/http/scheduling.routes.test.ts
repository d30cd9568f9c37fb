import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import { runDueSends } from '../scheduling/index.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'sched-http';
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
let store: TestStore;
let api: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ name: '王芳' }, { name: '李雷', owner: 'li' }]);
  api = testApi(store.db, { workspace: WS, now: () => NOW });
});
after(() => store.close());

test('schedule, read, edit, send once, then refuse changes; bad bodies are named', async () => {
  const sendAt = new Date(NOW + 3_600_000).toISOString();
  const body = { filter: { field: 'customerId', op: 'in', values: ids }, title: '周末活动', content: '{name}，周末见', purpose: 'service', sendAt };
  const created = await api.post('/api/v1/scheduled-sends', body);
  assert.equal(created.status, 201, created.text);
  assert.deepEqual([created.json.status, created.json.estimate.recipients], ['scheduled', 2]);
  const id = created.json.scheduleId;

  const unknown = await api.post('/api/v1/scheduled-sends', { ...body, sendLater: true });
  assert.equal(unknown.status, 422);
  assert.match(unknown.text, /sendLater/);
  const past = await api.post('/api/v1/scheduled-sends', { ...body, sendAt: new Date(NOW - 60_000).toISOString() });
  assert.equal(past.status, 422);
  assert.match(past.text, /sendAt/);
  const badDate = await api.post('/api/v1/scheduled-sends', { ...body, sendAt: '2026-02-30T10:00:00Z' });
  assert.equal(badDate.status, 422);

  const patched = await api.patch(`/api/v1/scheduled-sends/${id}`, { content: '{name}，周末见（改）' });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.content, '{name}，周末见（改）');
  assert.equal((await api.get(`/api/v1/scheduled-sends/${id}`)).json.content, '{name}，周末见（改）');
  assert.deepEqual((await api.get('/api/v1/scheduled-sends?status=scheduled')).json.items.map((s: any) => s.scheduleId), [id]);

  const r = await runDueSends(store.db, { now: NOW + 3_600_000 });
  assert.equal(r.sent, 1);
  const sent = (await api.get(`/api/v1/scheduled-sends/${id}`)).json;
  assert.equal(sent.status, 'sent');
  assert.equal((await api.get(`/api/v1/mass-messages/${sent.massMessageId}`)).json.content, '{name}，周末见（改）');
  const late = await api.patch(`/api/v1/scheduled-sends/${id}`, { content: 'x' });
  assert.equal(late.status, 409);
  assert.match(late.text, /sent/);
  assert.equal((await api.post(`/api/v1/scheduled-sends/${id}/cancel`)).status, 409);
  assert.equal((await api.get('/api/v1/scheduled-sends/99999')).status, 404);
});
