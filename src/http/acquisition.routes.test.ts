/**
 * The acquisition board and the customer trend over HTTP: figures, the previous period,
 * bad ranges named, and a staff member's own figures only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

const WS = 'acq-routes';
let store: TestStore;
let admin: TestApi;
const now = Date.parse('2026-11-20T10:00:00+08:00');
const add = (i: number, staffId: string, day: string, channel: string) =>
  ({ id: `add-${i}`, type: 'contact.added', occurredAt: `2026-11-${day}T10:00:00+08:00`, customer: { externalUserId: `wm-${i}` }, staffId, data: { channel } });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  admin = testApi(store.db, { workspace: WS, now: () => now });
  const r = await admin.post('/api/v1/events', [
    add(1, 'li', '02', 'qr'), add(2, 'li', '03', 'qr'), add(3, 'zhang', '03', 'ad'), add(4, 'zhang', '12', 'ad'),
    { id: 'rm-3', type: 'contact.removed', occurredAt: '2026-11-13T10:00:00+08:00', customer: { externalUserId: 'wm-3' }, staffId: 'zhang', data: { by: 'staff' } },
  ]);
  assert.equal(r.status < 300, true, r.text);
});
after(() => store.close());

test('the acquisition board answers with totals, days, channels and staff; staff get their own', async () => {
  const r = await admin.get('/api/v1/analytics/acquisition?from=2026-11-01&to=2026-11-15');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.totals.newFollowers, r.json.totals.removals, r.json.totals.net], [4, 1, 3]);
  assert.deepEqual(r.json.previous, { from: '2026-10-17', to: '2026-10-31' });
  assert.equal(r.json.daily.length, 15);
  assert.deepEqual(r.json.byChannel.map((c: { channel: string; newFollowers: number }) => [c.channel, c.newFollowers]), [['ad', 2], ['qr', 2]]);
  assert.deepEqual(r.json.removedBy, { customer: 0, staff: 1, unknown: 0 });
  const li = await admin.as({ role: 'staff', staffId: 'li' }).get('/api/v1/analytics/acquisition?from=2026-11-01&to=2026-11-15');
  assert.deepEqual([li.json.totals.newFollowers, li.json.totals.removals], [2, 0]);
});

test('bad ranges are refused naming the field', async () => {
  const bad = await admin.get('/api/v1/analytics/acquisition?from=2026-11-31');
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /from: "2026-11-31" is not a date/);
  const reversed = await admin.get('/api/v1/analytics/customers/trend?model=trust&from=2026-11-10&to=2026-11-01');
  assert.equal(reversed.status, 422);
  assert.match(reversed.json.message, /from: 2026-11-10 is after to/);
  const model = await admin.get('/api/v1/analytics/customers/trend?model=nope');
  assert.equal(model.status, 422);
});

test('the customer trend counts only customers who existed each day', async () => {
  const r = await admin.get('/api/v1/analytics/customers/trend?model=customers&from=2026-11-01&to=2026-11-14&interval=day');
  assert.equal(r.status, 200, r.text);
  const byDay = new Map(r.json.buckets.map((b: { day: string; counts: Record<string, number> }) => [b.day, b.counts]));
  assert.equal(byDay.get('2026-11-01'), undefined, 'nobody yet on the 1st');
  assert.deepEqual(byDay.get('2026-11-03'), { total: 3, friends: 3 });
  assert.deepEqual(byDay.get('2026-11-13'), { total: 4, friends: 3 }, 'wm-3 removed on the 13th');
});
