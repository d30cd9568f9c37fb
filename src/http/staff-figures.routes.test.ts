/**
 * Staff see figures of their own customers only: tag counts, a mass message's audience and
 * progress, model-run totals (issue 10, finding 9).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'staff-figures';
let store: TestStore;
let admin: TestApi;
let li: TestApi;
let ids: number[];
let now = Date.parse('2026-11-20T10:00:00+08:00');

before(async () => {
  store = await openOutreachStore(WS);
  // 0, 1, 2: zhang's; 3: li's; 4: zhang's, followed by li.
  ids = await seedCustomers(store.db, WS, [{}, {}, {}, { owner: 'li' }, { followers: ['li'] }]);
  admin = testApi(store.db, { workspace: WS, now: () => now });
  li = admin.as({ role: 'staff', staffId: 'li' });
  const cat = await admin.post('/api/v1/tags/categories', { name: '活动' });
  const group = await admin.post('/api/v1/tags/groups', { name: '双十二', category: cat.json.categoryId });
  assert.equal((await admin.post('/api/v1/tags', { name: '已邀约', group: group.json.groupId })).status, 201);
  assert.equal((await admin.post('/api/v1/tags/apply', { tag: '双十二/已邀约', customerIds: ids })).status, 200);
});
after(() => store.close());

const tagCount = (tree: any) => tree.categories.flatMap((c: any) => c.groups).flatMap((g: any) => g.tags).find((t: any) => t.name === '已邀约').customers;

test('tag counts are of the caller\'s customers', async () => {
  assert.equal(tagCount((await admin.get('/api/v1/tags')).json), 5);
  assert.equal(tagCount((await li.get('/api/v1/tags')).json), 2);
});

test('a staff member sees only their own part of a mass message, and their own mass message goes out from them', async () => {
  const sent = await admin.post('/api/v1/mass-messages', { filter: { field: 'trustLevel', op: 'gte', value: 0 }, content: '双十二来啦', purpose: 'service' });
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.audience, 5);
  const id = sent.json.massMessageId;
  const full = await admin.get(`/api/v1/mass-messages/${id}`);
  assert.deepEqual(full.json.progress.map((p: any) => [p.staffId, p.pending]), [['li', 1], ['zhang', 4]]);

  const part = await li.get(`/api/v1/mass-messages/${id}`);
  assert.equal(part.status, 200, part.text);
  assert.deepEqual(part.json.progress.map((p: any) => [p.staffId, p.pending]), [['li', 1]]);
  assert.deepEqual(part.json.recipients.map((r: any) => r.customerId), [ids[3]]);
  assert.deepEqual([part.json.counts.audience, part.json.counts.recipients, part.json.counts.perStaff.map((p: any) => p.staffId)], [1, 1, ['li']]);
  const listed = (await li.get('/api/v1/mass-messages')).json.items.find((m: any) => m.massMessageId === id);
  assert.deepEqual([listed.counts.audience, listed.counts.perStaff.length], [1, 1]);
  assert.doesNotMatch(JSON.stringify(listed), /zhang/);

  now += 3 * 86_400_000; // past the policy's mass-message cap of the first send
  const later = admin.as({ role: 'staff', staffId: 'li' }); // a session of the new day
  const own = await later.post('/api/v1/mass-messages', { filter: { field: 'trustLevel', op: 'gte', value: 0 }, content: '李四的问候', purpose: 'service' });
  assert.equal(own.status, 201, own.text);
  assert.deepEqual([own.json.audience, own.json.perStaff.map((p: any) => [p.staffId, p.recipients])], [2, [['li', 2]]]);
  const tasks = await store.db.query<{ staff_id: string }>(`SELECT staff_id FROM outreach_tasks WHERE workspace_id = $1 AND mass_message_id = $2`, [WS, own.json.massMessageId]);
  assert.deepEqual(tasks.map((t) => t.staff_id), ['li']);
  // zhang has no part in li's message: to zhang it does not exist.
  const zhang = admin.as({ role: 'staff', staffId: 'zhang' });
  assert.equal((await zhang.get(`/api/v1/mass-messages/${own.json.massMessageId}`)).status, 404);
});

test('model runs show staff no workspace-wide totals', async () => {
  const boss = admin.as({ role: 'admin' });
  assert.equal((await boss.post('/api/v1/recompute', {})).status, 200);
  const [run] = (await boss.get('/api/v1/models/runs')).json;
  assert.equal(run.customers, 5);
  const [seen] = (await boss.as({ role: 'staff', staffId: 'li' }).get('/api/v1/models/runs')).json;
  assert.deepEqual([seen.runId, seen.customers, seen.changed], [run.runId, null, null]);
});

// 11 digits starting 13–19 in any 3-4-4 spelling, not inside a longer number or an amount.
const UNMASKED = /(?<![\d*])(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d|\.\d)/;

test('phones in names and channels reach staff masked, in JSON and in CSV and NDJSON exports; order numbers do not', async () => {
  const id = ids[3]!;
  await store.db.query(`UPDATE customers SET name = '王芳 138 0013 8000', channel = '+86 139 1234 5678' WHERE workspace_id = $1 AND customer_id = $2`, [WS, id]);
  await store.db.query(`UPDATE customers SET name = '订单 SO13800138000001 ¥13800138000.50' WHERE workspace_id = $1 AND customer_id = $2`, [WS, ids[4]]);
  const staff = admin.as({ role: 'staff', staffId: 'li' });
  const one = await staff.get(`/api/v1/customers/${id}`);
  assert.equal(one.status, 200, one.text);
  assert.doesNotMatch(one.text, UNMASKED);
  assert.match(one.text, /王芳 138\*\*\*\*8000/);
  const csv = await staff.get('/api/v1/customers/export?format=csv');
  assert.equal(csv.status, 200);
  assert.doesNotMatch(csv.text, UNMASKED);
  assert.match(csv.text, /139\*\*\*\*5678/);
  assert.match(csv.text, /SO13800138000001 ¥13800138000\.50/);
  const nd = await staff.get('/api/v1/customers/export?format=ndjson');
  assert.doesNotMatch(nd.text, UNMASKED);
  assert.match(nd.text, /SO13800138000001/);
  const list = await staff.get('/api/v1/customers');
  assert.doesNotMatch(list.text, UNMASKED);
  // A manager who sees phones sees them as written.
  assert.match((await admin.as({ role: 'admin' }).get('/api/v1/customers/export?format=csv')).text, /138 0013 8000/);
});
