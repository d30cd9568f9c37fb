/** Costs and ROI over HTTP: set, list, refuse bad input by field, remove; managers only. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

const WS = 'roi-routes';
let store: TestStore;
let admin: TestApi;
const now = Date.parse('2026-11-20T10:00:00+08:00');

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  admin = testApi(store.db, { workspace: WS, now: () => now });
  const r = await admin.post('/api/v1/events', [
    { id: 'a', type: 'contact.added', occurredAt: '2026-11-02T10:00:00+08:00', customer: { externalUserId: 'wm-a' }, staffId: 'li', data: { channel: 'qr' } },
    { id: 'o', type: 'order.paid', occurredAt: '2026-11-03T10:00:00+08:00', customer: { externalUserId: 'wm-a' }, data: { orderId: 'o1', amount: '99.00' } },
  ]);
  assert.equal(r.status < 300, true, r.text);
});
after(() => store.close());

test('costs are set, listed and removed; ROI reads them; bad input names the field', async () => {
  const set = await admin.put('/api/v1/analytics/costs', { kind: 'channel', key: 'qr', from: '2026-11-01', to: '2026-11-30', fixed: '30.00', traffic: 60 });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual([set.json.fixedFen, set.json.trafficFen], [3_000, 6_000]);
  const unknown = await admin.put('/api/v1/analytics/costs', { kind: 'channel', key: 'qr', from: '2026-12-01', to: '2026-12-31', price: 1 });
  assert.equal(unknown.status, 422);
  const bad = await admin.put('/api/v1/analytics/costs', { kind: 'channel', key: 'qr', from: '2026-12-01', to: '2026-12-31', fixed: 'abc' });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /^fixed: /);
  const overlap = await admin.put('/api/v1/analytics/costs', { kind: 'channel', key: 'qr', from: '2026-11-15', to: '2026-12-15' });
  assert.equal(overlap.status, 409);
  const roi = await admin.get('/api/v1/analytics/roi?from=2026-11-01&to=2026-11-30');
  assert.equal(roi.status, 200, roi.text);
  const qr = roi.json.channels.find((c: { key: string }) => c.key === 'qr');
  assert.deepEqual([qr.newFollowers, qr.costFen, qr.costPerFollowerFen, qr.revenueFen, qr.roi, qr.paybackDays], [1, 9_000, 9_000, 9_900, 1.1, 2]);
  assert.equal((await admin.get('/api/v1/analytics/costs?kind=channel')).json.length, 1);
  const removed = await admin.delete('/api/v1/analytics/costs?kind=channel&key=qr&from=2026-11-01');
  assert.equal(removed.status, 200, removed.text);
  assert.equal((await admin.delete('/api/v1/analytics/costs?kind=channel&key=qr&from=2026-11-01')).status, 404);
  const staff = admin.as({ role: 'staff', staffId: 'li' });
  assert.equal((await staff.get('/api/v1/analytics/roi')).status, 403);
  assert.equal((await staff.put('/api/v1/analytics/costs', { kind: 'channel', key: 'qr', from: '2026-11-01', to: '2026-11-30' })).status, 403);
});
