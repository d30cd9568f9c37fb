/** The operations board over HTTP: the figures, bad dates named, staff held to their own. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'ops-routes';
let store: TestStore;
let admin: TestApi;
let li: TestApi;

before(async () => {
  store = await openOutreachStore(WS);
  const ids = await seedCustomers(store.db, WS, [{}, { owner: 'li' }]);
  for (const [i, [staff, id, status]] of ([['zhang', ids[0], 'sent'], ['zhang', ids[0], 'pending'], ['li', ids[1], 'sent']] as const).entries()) {
    await store.db.query(
      `INSERT INTO outreach_tasks (workspace_id, dedupe_key, customer_id, staff_id, kind, purpose, channel, title, content, due_at, requested_at, source_type, source_id, status, created_at, updated_at, done_at)
       VALUES ($1, $2, $3, $4, 'manual', 'service', 'private_chat', 't', 'c', '2026-11-18T02:00:00Z', '2026-11-18T02:00:00Z', 'staff', 'x', $5, now(), now(), '2026-11-18T03:00:00Z')`,
      [WS, `k${i}`, id, staff, status],
    );
  }
  admin = testApi(store.db, { workspace: WS, now: () => Date.parse('2026-11-20T10:00:00+08:00') });
  li = admin.as({ role: 'staff', staffId: 'li' });
});
after(() => store.close());

test('the operations board: execution per staff; staff see their own row only', async () => {
  const b = await admin.get('/api/v1/analytics/operations?from=2026-11-14&to=2026-11-20');
  assert.equal(b.status, 200, b.text);
  assert.deepEqual(b.json.leaderboard.map((s: any) => [s.staffId, s.due, s.sent, s.rate]), [['li', 1, 1, 1], ['zhang', 2, 1, 0.5]]);
  assert.equal(b.json.tasks.rate, 0.6667);
  const own = await li.get('/api/v1/analytics/operations?from=2026-11-14&to=2026-11-20&staff=zhang');
  assert.deepEqual(own.json.leaderboard.map((s: any) => s.staffId), ['li']);
  const bad = await admin.get('/api/v1/analytics/operations?from=2026-11-20&to=2026-11-01');
  assert.equal(bad.status, 422);
  assert.match(bad.text, /to: 2026-11-01 is before from/);
  assert.equal((await admin.get('/api/v1/analytics/operations?from=yesterday&to=2026-11-01')).status, 422);
});

test('responsiveness and complaints answer with their figures; bad service hours are named', async () => {
  const r = await admin.get('/api/v1/analytics/responsiveness?from=2026-11-14&to=2026-11-20&hours=8-20');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.hours, { start: 8, end: 20 });
  assert.equal((await admin.get('/api/v1/analytics/responsiveness?from=2026-11-14&to=2026-11-20&hours=late')).status, 422);
  const c = await li.get('/api/v1/analytics/complaints?from=2026-11-14&to=2026-11-20');
  assert.equal(c.status, 200, c.text);
  assert.deepEqual(c.json.total, { current: 0, previous: 0, delta: 0, change: null });
});

test('the content board and list: managers keep the list, staff read it', async () => {
  const put = await admin.put('/api/v1/analytics/content-items', { items: [{ contentId: 'a1', title: '芒果怎么挑' }, { contentId: 'a2' }] });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual([put.json.saved, put.json.errors[0].index], [1, 1]);
  assert.match(put.json.errors[0].reason, /title/);
  assert.equal((await li.put('/api/v1/analytics/content-items', { items: [{ contentId: 'a3', title: 'x' }] })).status, 403);
  const list = await li.get('/api/v1/analytics/content-items');
  assert.deepEqual(list.json.map((i: any) => [i.contentId, i.title, i.source]), [['a1', '芒果怎么挑', 'operator']]);
  const board = await li.get('/api/v1/analytics/content?from=2026-11-14&to=2026-11-20&windowDays=3');
  assert.equal(board.status, 200, board.text);
  assert.equal(board.json.windowDays, 3);
  assert.equal((await admin.get('/api/v1/analytics/content?from=2026-11-14&to=2026-11-20&windowDays=365')).status, 422);
});
