import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'coupons-http';
const now = Date.parse('2026-12-07T10:00:00+08:00');
let store: TestStore;
let api: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [{ name: '王芳' }]);
  await store.db.query(`INSERT INTO customer_identities (workspace_id, kind, value, customer_id) VALUES ($1, 'external_user_id', 'wm-1', $2)`, [WS, ids[0]]);
  api = testApi(store.db, { workspace: WS, now: () => now });
});
after(() => store.close());

test('define, issue once per key, list, redeem over HTTP', async () => {
  const def = await api.put('/api/v1/coupons/fruit-20', { name: '满100减20', value: '20', minSpend: 100, validDays: 14, remindDays: 3 });
  assert.equal(def.status, 200, def.text);
  assert.equal((await api.put('/api/v1/coupons/bad', { name: 'x', value: '-1', validDays: 0 })).status, 422);
  const one = await api.post(`/api/v1/customers/${ids[0]}/coupons`, { couponId: 'fruit-20' });
  assert.equal(one.status, 201, one.text);
  assert.equal((await api.post(`/api/v1/customers/${ids[0]}/coupons`, { couponId: 'fruit-20' })).status, 200, 'the same caller, customer, coupon and day: once');
  assert.equal((await api.post(`/api/v1/customers/${ids[0]}/coupons`, { couponId: 'fruit-20', key: 'campaign-2' })).status, 201);
  assert.equal((await api.post(`/api/v1/customers/${ids[0]}/coupons`, { couponId: 'nope' })).status, 404);
  const r = await api.post(`/api/v1/coupon-issues/${encodeURIComponent(one.json.issueId)}/redeem`, { orderId: 'E9' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.orderId], ['redeemed', 'E9']);
  const list = await api.get(`/api/v1/customers/${ids[0]}/coupons`);
  assert.deepEqual(list.json.items.map((x: any) => x.status).sort(), ['issued', 'redeemed']);
  assert.deepEqual((await api.get('/api/v1/coupons')).json.items.map((x: any) => [x.issued, x.redeemed]), [[2, 1]]);
});
