import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi, type TestApi } from './testing.ts';
import { createTasks } from '../outreach/index.ts';
import { openOutreachStore, seedCustomers } from '../outreach/testing.ts';
import type { TestStore } from '../store/test-store.ts';

const WS = 'outreach-http';
const now = Date.parse('2026-11-20T10:00:00+08:00');
let store: TestStore;
let api: TestApi;
let ids: number[];

before(async () => {
  store = await openOutreachStore(WS);
  ids = await seedCustomers(store.db, WS, [
    { name: '王芳', trust: 3 }, { name: '李雷', trust: 2 }, { name: '韩梅', trust: 4, owner: 'li' },
    { name: '钱七', rfm: '重要挽留客户', trust: 4, paidOrders: 2, paidFen: 380_000, lastPaidAt: '2026-05-01T10:00:00+08:00' },
  ]);
  api = testApi(store.db, { workspace: WS, now: () => now });
});
after(() => store.close());

test('mass message over HTTP: dry run, send, list, progress, then the tasks', async () => {
  const body = { filter: { field: 'customerId', op: 'in', values: ids }, content: '{name}您好，新品到了', purpose: 'marketing', dryRun: true };
  const dry = await api.post('/api/v1/mass-messages', body);
  assert.equal(dry.status, 200, dry.text);
  assert.deepEqual([dry.json.audience, dry.json.recipients, dry.json.suppressed.byReason[0].code], [4, 3, 'trust_below_min']);
  assert.equal((await api.get('/api/v1/mass-messages')).json.items.length, 0, 'the dry run stored nothing');

  const sent = await api.post('/api/v1/mass-messages', { ...body, dryRun: false, title: '新品' });
  assert.equal(sent.status, 201, sent.text);
  const one = await api.get(`/api/v1/mass-messages/${sent.json.massMessageId}`);
  assert.equal(one.status, 200, one.text);
  assert.deepEqual(one.json.progress.map((p: any) => [p.staffId, p.pending, p.taskStatus]), [['li', 1, 'pending'], ['zhang', 2, 'pending']]);
  assert.equal(one.json.recipients.length, 4);

  const tasks = await api.get(`/api/v1/tasks?massMessage=${sent.json.massMessageId}&staff=zhang`);
  assert.equal(tasks.json.items.length, 1);
  const taskId = tasks.json.items[0].taskId;
  const done = await api.patch(`/api/v1/tasks/${taskId}`, { status: 'sent', note: '一键发送完成' });
  assert.equal(done.status, 200, done.text);
  assert.deepEqual(done.json.history.map((h: any) => h.to), ['pending', 'sent']);
  assert.equal((await api.patch(`/api/v1/tasks/${taskId}`, { status: 'skipped' })).status, 409);
  const after = await api.get(`/api/v1/mass-messages/${sent.json.massMessageId}?staff=zhang`);
  assert.deepEqual(after.json.recipients.map((r: any) => r.status).sort(), ['sent', 'sent', 'suppressed'], 'the task settles its pending recipients');
  assert.equal((await api.post('/api/v1/mass-messages', { content: 'x' })).status, 422);
  assert.equal((await api.get('/api/v1/mass-messages/9999')).status, 404);
});

test('tasks: list by due, stats, scope for a staff user', async () => {
  await store.db.transaction((tx) => createTasks(tx, WS, [
    { customerId: ids[2]!, kind: 'care', purpose: 'service', channel: 'private_chat', title: '关怀', content: '天冷了注意保暖', dueAt: new Date(now - 3 * 86_400_000), dedupeKey: 'care:1', source: { type: 'staff', id: 'li' } },
  ], new Date(now)));
  const overdue = await api.get('/api/v1/tasks?due=overdue');
  assert.deepEqual(overdue.json.items.map((t: any) => t.dedupeKey), ['care:1']);
  const stats = await api.get('/api/v1/tasks/stats');
  assert.equal(stats.status, 200, stats.text);
  const li = stats.json.staff.find((s: any) => s.staffId === 'li');
  assert.deepEqual([li.overdue, li.executionRate], [1, 0]);
  const zhang = api.as({ role: 'staff', staffId: 'zhang' });
  const mine = await zhang.get('/api/v1/tasks');
  assert.ok(mine.json.items.length > 0 && mine.json.items.every((t: any) => t.staffId === 'zhang'), 'a staff user sees only their tasks');
  assert.equal((await zhang.get(`/api/v1/tasks/${overdue.json.items[0].taskId}`)).status, 404);
  assert.equal((await zhang.get('/api/v1/focus?staff=li')).status, 403);
  const focus = await zhang.get('/api/v1/focus');
  assert.equal(focus.status, 200, focus.text);
  assert.deepEqual(focus.json.entries.map((e: any) => e.reason.code), ['at_risk', 'ready_for_first_order']);
});

test('policy: read, replace, bad field named, staff may not change it', async () => {
  const got = await api.get('/api/v1/policy');
  assert.deepEqual([got.json.marketingMinTrust, got.json.quietHours.start], [3, '22:00']);
  const put = await api.put('/api/v1/policy', { quietHours: { start: '23:00' } });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual([put.json.quietHours.start, put.json.quietHours.end], ['23:00', '08:00']);
  const bad = await api.put('/api/v1/policy', { frequencyCap: { touches: -1 } });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /frequencyCap\.touches/);
  assert.equal((await api.as({ role: 'staff', staffId: 'zhang' }).put('/api/v1/policy', {})).status, 403);
  const doc = await api.get('/openapi.json');
  for (const path of ['/api/v1/tasks', '/api/v1/tasks/stats', '/api/v1/mass-messages', '/api/v1/focus', '/api/v1/policy']) assert.ok(doc.json.paths[path], path);
});

test('a task names its customer, also one whose name was only learnt from events (WeCom, the demo)', async () => {
  const [learnt] = await seedCustomers(store.db, WS, [{ learntName: '冯雨慧', trust: 2, owner: 'li' }]);
  await store.db.transaction((tx) => createTasks(tx, WS, [
    { customerId: learnt!, kind: 'care', purpose: 'service', channel: 'private_chat', title: '关怀', content: '最近好吗', dueAt: new Date(now + 3_600_000), dedupeKey: 'care:learnt', source: { type: 'staff', id: 'li' } },
  ], new Date(now)));
  const list = await api.get(`/api/v1/tasks?staff=li`);
  const task = list.json.items.find((t: any) => t.dedupeKey === 'care:learnt');
  assert.equal(task.customerName, '冯雨慧');
  assert.ok(list.json.items.every((t: any) => t.customerId === null || typeof t.customerName === 'string'), 'every customer task carries a name');
  assert.equal((await api.get(`/api/v1/tasks/${task.taskId}`)).json.customerName, '冯雨慧');
  assert.equal((await api.patch(`/api/v1/tasks/${task.taskId}`, { status: 'sent' })).json.customerName, '冯雨慧');
});

test('staff directory: WeCom staff, owners and account staff ids with names, for the console pickers', async () => {
  // An owner with no WeCom record and no account is still a known staff member (no name).
  await store.db.query(`INSERT INTO customers (workspace_id, customer_id, name, owner_staff) VALUES ($1, nextval('customer_id_seq'), '路人', 'wu')`, [WS]);
  const res = await api.get('/api/v1/staff');
  assert.equal(res.status, 200, res.text);
  const byId = Object.fromEntries(res.json.items.map((s: any) => [s.staffId, s]));
  assert.deepEqual(Object.keys(byId).sort(), ['li', 'wu', 'zhang']);
  // li owns the customer of the task test above, and the seeded one.
  assert.deepEqual([byId.zhang.name, byId.li.name, byId.wu.name, byId.wu.customers, byId.li.customers], ['张三', '李四', null, 1, 2]);
});

test('channel directory: codes with their names and customers', async () => {
  await store.db.query(`INSERT INTO channels (workspace_id, channel, name) VALUES ($1, 'store-qr', '门店活码')`, [WS]);
  await store.db.query(`INSERT INTO customers (workspace_id, customer_id, name, channel) VALUES ($1, nextval('customer_id_seq'), '扫码客', 'store-qr'), ($1, nextval('customer_id_seq'), '无名渠道客', 'ad-x')`, [WS]);
  const res = await api.get('/api/v1/channels');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((c: any) => [c.channel, c.name, c.customers]), [['ad-x', null, 1], ['store-qr', '门店活码', 1]]);
});
