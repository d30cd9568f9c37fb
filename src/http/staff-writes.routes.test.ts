/**
 * Staff write only within their scope: a customer outside it answers exactly like one that
 * does not exist, and nothing about it changes or leaks (issue 10, finding 1).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';
import { createTasks } from '../outreach/index.ts';

const WS = 'staff-writes';
let store: TestStore;
let admin: TestApi;
let li: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  // 0, 1: zhang's; 2: li's; 3: zhang's, followed by li.
  ids = await seedCustomers(store.db, WS, [{}, {}, { owner: 'li' }, { followers: ['li'] }]);
  admin = testApi(store.db, { workspace: WS, now: () => Date.parse('2026-11-20T10:00:00+08:00') });
  li = admin.as({ role: 'staff', staffId: 'li' });
  assert.equal((await admin.post('/api/v1/journeys/templates/purchase_frequency')).status, 200);
  const m = await admin.post('/api/v1/journeys/购买频次/moves', { customerIds: [ids[0]], stage: '已购买', reason: 'seed' });
  assert.equal(m.status, 200, m.text);
});
after(() => store.close());

const stages = async () => (await store.db.query<{ customer_id: number; name: string }>(
  `SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t USING (workspace_id, tag_id) JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.group_id = t.group_id
   WHERE ct.workspace_id = $1 AND g.name = '购买频次' ORDER BY 1`, [WS],
)).map((r) => `${r.customer_id}:${r.name}`);

test('a staff member cannot move another staff member\'s customers, nor learn their stage', async () => {
  const beforeMove = await stages();
  const theirs = await li.post('/api/v1/journeys/购买频次/moves', { customerIds: [ids[0], ids[2]], stage: '多次购买', reason: 'x' });
  assert.equal(theirs.status, 404, theirs.text);
  const unknown = await li.post('/api/v1/journeys/购买频次/moves', { customerIds: [99_999_999, ids[2]], stage: '多次购买', reason: 'x' });
  assert.equal(unknown.status, 404);
  // The answer for someone else's customer is the answer for one that does not exist.
  assert.equal(theirs.json.message.replace(String(ids[0]), 'N'), unknown.json.message.replace('99999999', 'N'));
  assert.doesNotMatch(theirs.text, /已购买/);
  assert.deepEqual(await stages(), beforeMove);
  const mine = await li.post('/api/v1/journeys/购买频次/moves', { customerIds: [ids[2], ids[3]], stage: '多次购买', reason: 'x' });
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.json.moved, [ids[2], ids[3]]);
});

test('staff change and delete only the saved segments they saved; managers change any', async () => {
  const filter = { field: 'trustLevel', op: 'gte', value: 1 };
  assert.equal((await admin.post('/api/v1/segments/saved', { name: '经理的', filter })).status, 201);
  const row = async (name: string) => (await store.db.query<{ filter: unknown }>(`SELECT filter FROM saved_segments WHERE workspace_id = $1 AND name = $2`, [WS, name]))[0];
  const original = await row('经理的');
  const put = await li.put('/api/v1/segments/saved/经理的', { filter: { field: 'trustLevel', op: 'gte', value: 5 } });
  assert.equal(put.status, 403, put.text);
  const replace = await li.post('/api/v1/segments/saved', { name: '经理的', filter: { field: 'trustLevel', op: 'gte', value: 5 }, replace: true });
  assert.equal(replace.status, 403, replace.text);
  assert.equal((await li.delete('/api/v1/segments/saved/经理的')).status, 403);
  assert.deepEqual(await row('经理的'), original);

  const mine = await li.post('/api/v1/segments/saved', { name: '我的', filter });
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.json.owner, await li.login);
  assert.equal((await li.put('/api/v1/segments/saved/我的', { filter: { field: 'trustLevel', op: 'gte', value: 2 } })).status, 200);
  const zhang = admin.as({ role: 'staff', staffId: 'zhang' });
  assert.equal((await zhang.delete('/api/v1/segments/saved/我的')).status, 403);
  assert.equal((await admin.put('/api/v1/segments/saved/我的', { filter })).status, 200);
  assert.equal((await li.delete('/api/v1/segments/saved/我的')).status, 200);
  assert.equal(await row('我的'), undefined);
});

test('staff record the outcome of their own tasks only: a colleague\'s task on a shared customer is read-only, another\'s unseen', async () => {
  const now = new Date('2026-11-20T10:00:00+08:00');
  const draft = (dedupeKey: string, customerId: number, staffId: string) => ({
    customerId, staffId, kind: 'manual' as const, purpose: 'service' as const, channel: 'private_chat' as const, title: '回访', content: '您好',
    dueAt: now, dedupeKey, source: { type: 'staff' as const, id: 'test' },
  });
  const r = await store.db.transaction((tx) => createTasks(tx, WS, [draft('w:shared', ids[3]!, 'zhang'), draft('w:theirs', ids[0]!, 'zhang'), draft('w:mine', ids[2]!, 'li')], now));
  const [shared, theirs, mine] = r.created.map((t: any) => t.taskId) as [number, number, number];
  const status = async (id: number) => (await store.db.query<{ status: string }>(`SELECT status FROM outreach_tasks WHERE workspace_id = $1 AND task_id = $2`, [WS, id]))[0]!.status;
  assert.equal((await li.get(`/api/v1/tasks/${shared}`)).status, 200);
  const act = await li.patch(`/api/v1/tasks/${shared}`, { status: 'sent' });
  assert.equal(act.status, 403, act.text);
  assert.equal((await li.patch(`/api/v1/tasks/${theirs}`, { status: 'skipped' })).status, 404);
  assert.deepEqual([await status(shared), await status(theirs)], ['pending', 'pending']);
  assert.equal((await li.patch(`/api/v1/tasks/${mine}`, { status: 'sent' })).status, 200);
  assert.equal(await status(mine), 'sent');
});
