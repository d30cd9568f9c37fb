/** Funnels over HTTP: defaults, a run, strict bodies, staff scope, a step kept as a segment. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'funnel-routes';
let store: TestStore;
let admin: TestApi;
let li: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{}, { owner: 'li' }]);
  let n = 0;
  for (const id of ids) {
    for (const [type, at] of [['content.viewed', '2026-11-02T10:00:00+08:00'], ['product.viewed', '2026-11-02T10:03:00+08:00']] as const) {
      await store.db.query(`INSERT INTO events (workspace_id, event_id, customer_id, type, occurred_at, customer, data) VALUES ($1, $2, $3, $4, $5, '{}', '{}')`, [WS, `e${n++}`, id, type, at]);
    }
  }
  admin = testApi(store.db, { workspace: WS, now: () => Date.parse('2026-11-20T10:00:00+08:00') });
  li = admin.as({ role: 'staff', staffId: 'li' });
});
after(() => store.close());

test('defaults, a run, and staff seeing their own customers only', async () => {
  const d = await li.get('/api/v1/analytics/funnel/defaults');
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(d.json.steps.map((s: any) => s.type), ['content.viewed', 'product.viewed', 'cart.added', 'order.paid', 'content.shared']);
  const all = await admin.post('/api/v1/analytics/funnel', { from: '2026-11-01', to: '2026-11-30' });
  assert.equal(all.status, 200, all.text);
  assert.deepEqual(all.json.steps.map((s: any) => s.customers), [2, 2, 0, 0, 0]);
  assert.equal(all.json.steps[1].medianSeconds, 180);
  const own = await li.post('/api/v1/analytics/funnel', { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(own.json.steps.map((s: any) => s.customers), [1, 1, 0, 0, 0]);
});

test('bad input is named: an unknown field, an unknown event type, one step', async () => {
  const extra = await admin.post('/api/v1/analytics/funnel', { from: '2026-11-01', to: '2026-11-30', windowDays: 3 });
  assert.equal(extra.status, 422);
  assert.match(extra.text, /windowDays/);
  const bad = await admin.post('/api/v1/analytics/funnel', { from: '2026-11-01', to: '2026-11-30', steps: [{ type: 'content.viewed' }, { type: 'page.viewed' }] });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /steps\.1\.type|unknown event type/);
  assert.equal((await admin.post('/api/v1/analytics/funnel', { from: '2026-11-01', to: '2026-11-30', steps: [{ type: 'content.viewed' }] })).status, 422);
  assert.equal((await admin.post('/api/v1/analytics/funnel', { from: '2026-13-01', to: '2026-11-30' })).status, 422);
});

test('the customers at a step become a saved segment; staff keep only their own', async () => {
  const r = await li.post('/api/v1/analytics/funnel/audience', { funnel: { from: '2026-11-01', to: '2026-11-30' }, step: 2, name: '李的点击' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.customers, 1);
  const seg = await admin.get(`/api/v1/segments/saved/${encodeURIComponent('李的点击')}`);
  assert.equal(seg.json.count, 1);
  assert.deepEqual(seg.json.filter.values, [ids[1]]);
  const again = await li.post('/api/v1/analytics/funnel/audience', { funnel: { from: '2026-11-01', to: '2026-11-30' }, step: 2, name: '李的点击' });
  assert.equal(again.status, 409);
});
