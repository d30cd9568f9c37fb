/**
 * Role boundaries over every route that returns customers: a staff member sees only the
 * customers they own or follow — by id, search, filter count, export, segments, board and
 * tasks — and phone numbers stay masked in every response for roles that need not see them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi } from './testing.ts';
import { ingestEvents } from '../events/index.ts';
import { createTasks } from '../outreach/index.ts';
import { recompute } from '../models/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

const ws = 'bounds';
const now = Date.parse('2026-11-30T04:00:00Z');
let store: TestStore;
let admin: TestApi;
let zhangsan: TestApi;
/** mine: added by zhangsan; theirs: lisi's; shared: lisi's, zhangsan follows. */
const id = { mine: 0, theirs: 0, shared: 0 };
let journeyId = 0;
let stageId = 0;
const task = { mine: 0, theirs: 0 };
const UNMASKED = /(?<![\d*])(?:\+?86)?1[3-9]\d{9}(?!\d)/;

let n = 0;
const ev = (type: string, customer: object, staffId: string, data: object = {}) =>
  ({ id: `b${n++}`, type, occurredAt: new Date(Date.parse('2026-11-20T02:00:00Z') + 60_000 * n).toISOString(), customer, staffId, data });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  const r = await ingestEvents(store.db, ws, [
    ev('contact.added', { externalUserId: 'wm-mine', phone: '13800138000' }, 'zhangsan'),
    ev('message.received', { externalUserId: 'wm-mine' }, 'zhangsan', { conversationId: 'c1', text: '我的电话 13800138000，多少钱？', chatType: 'private' }),
    ev('order.paid', { externalUserId: 'wm-mine' }, 'zhangsan', { orderId: 'o-1', amount: '99.00' }),
    ev('contact.added', { externalUserId: 'wm-theirs', phone: '13900139000' }, 'lisi'),
    ev('order.paid', { externalUserId: 'wm-theirs' }, 'lisi', { orderId: 'o-2', amount: '199.00' }),
    ev('contact.added', { externalUserId: 'wm-shared', phone: '13700137000' }, 'lisi'),
    ev('contact.added', { externalUserId: 'wm-shared' }, 'zhangsan'),
  ], { now });
  assert.deepEqual(r.rejected, []);
  const of = (eventId: string) => r.accepted.find((a) => a.id === eventId)!.customerId;
  Object.assign(id, { mine: of('b0'), theirs: of('b3'), shared: of('b5') });
  await recompute(store.db, ws, { asOf: now });
  admin = testApi(store.db, { workspace: ws, now: () => now });
  zhangsan = admin.as({ role: 'staff', staffId: 'zhangsan' });
  const journey = await admin.post('/api/v1/journeys/templates/purchase_frequency', {});
  assert.ok(journey.status < 300, journey.text);
  journeyId = journey.json.journeyId;
  stageId = journey.json.stages[0].stageId;
  const moved = await admin.post(`/api/v1/journeys/${journeyId}/moves`, { customerIds: [id.mine, id.theirs, id.shared], stage: stageId, reason: 'test' });
  assert.ok(moved.status < 300, moved.text);
  const draft = (customerId: number, staffId: string) => ({
    customerId, staffId, kind: 'manual' as const, purpose: 'service' as const, channel: 'private_chat' as const,
    title: `回访 ${customerId}`, content: '您好', dueAt: new Date(now), dedupeKey: `bounds-${customerId}`, source: { type: 'staff' as const, id: 'test' },
  });
  const made = await store.db.transaction((tx) => createTasks(tx, ws, [draft(id.mine, 'zhangsan'), draft(id.theirs, 'lisi')], new Date(now)));
  task.mine = made.created.find((t) => t.customerId === id.mine)!.taskId;
  task.theirs = made.created.find((t) => t.customerId === id.theirs)!.taskId;
});
after(() => store.close());

const idsIn = (items: { customerId: number }[]) => items.map((i) => i.customerId).sort((a, b) => a - b);

test('by id: another staff member\'s customer is "not found", exactly like an unknown id', async () => {
  assert.equal((await zhangsan.get(`/api/v1/customers/${id.mine}`)).status, 200);
  assert.equal((await zhangsan.get(`/api/v1/customers/${id.shared}`)).status, 200, 'followed');
  const theirs = await zhangsan.get(`/api/v1/customers/${id.theirs}`);
  const unknown = await zhangsan.get('/api/v1/customers/999999');
  assert.equal(theirs.status, 404);
  assert.equal(theirs.json.message.replace(String(id.theirs), 'N'), unknown.json.message.replace('999999', 'N'));
  for (const [method, path, body] of [
    ['GET', `/api/v1/customers/${id.theirs}/merges`], ['POST', `/api/v1/customers/${id.theirs}/tags`, { tag: '旅程/x' }],
    ['DELETE', `/api/v1/customers/${id.theirs}/tags/1`], ['PUT', `/api/v1/customers/${id.theirs}/pins/trust`, { value: 'L3' }],
    ['GET', `/api/v1/customers/${id.theirs}/journeys`], ['GET', `/api/v1/tasks/${task.theirs}`],
  ] as [string, string, unknown?][]) {
    const r = await zhangsan.call(method, path, body);
    assert.ok(r.status === 404 || r.status === 403, `${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
  }
  assert.equal((await admin.get(`/api/v1/customers/${id.theirs}`)).status, 200);
});

test('by search, filter and count: only the staff member\'s own and followed customers', async () => {
  const list = await zhangsan.get('/api/v1/customers?limit=100');
  assert.deepEqual(idsIn(list.json.items), [id.mine, id.shared].sort((a, b) => a - b));
  const search = await zhangsan.get('/api/v1/customers?q=13900139000');
  assert.deepEqual(search.json.items, []);
  const byBody = await zhangsan.post('/api/v1/customers/search', { filter: { field: 'trustLevel', op: 'gte', value: 0 } });
  assert.ok(!idsIn(byBody.json.items).includes(id.theirs));
  const count = await zhangsan.post('/api/v1/audiences/count', {});
  const all = await admin.post('/api/v1/audiences/count', {});
  assert.deepEqual([count.json.count, all.json.count], [2, 3]);
  const preview = await zhangsan.post('/api/v1/audiences/preview', {});
  assert.deepEqual([preview.json.count, idsIn(preview.json.items).includes(id.theirs)], [2, false]);
  const segments = await zhangsan.get('/api/v1/segments');
  assert.equal(segments.json.customers, 2);
  assert.equal((await zhangsan.get('/api/v1/segments?asOf=2026-11-29')).json.customers, 2);
  assert.equal((await admin.get('/api/v1/segments')).json.customers, 3);
});

test('by export, board and tasks: the same boundary', async () => {
  const nd = await zhangsan.get('/api/v1/customers/export?format=ndjson');
  assert.equal(nd.status, 200);
  const rows = nd.text.trim().split('\n').map((l) => JSON.parse(l) as { customerId: number; phones: string[] });
  assert.deepEqual(idsIn(rows), [id.mine, id.shared].sort((a, b) => a - b));
  assert.deepEqual(rows.find((r) => r.customerId === id.mine)!.phones, ['138****8000']);
  const csv = await admin.get('/api/v1/customers/export');
  assert.equal(csv.text.trim().split('\n').length, 4, 'admin: header + 3');
  assert.match(csv.text, /\+8613800138000/);

  const board = await zhangsan.get(`/api/v1/journeys/${journeyId}/board`);
  assert.equal(board.status, 200, board.text);
  const columns = board.json.columns as { count: number; cards: { customerId: number }[] }[];
  assert.equal(columns.reduce((s, c) => s + c.count, 0), 2);
  assert.ok(!columns.flatMap((c) => idsIn(c.cards)).includes(id.theirs));
  const cards = await zhangsan.get(`/api/v1/journeys/${journeyId}/stages/${stageId}/cards`);
  assert.ok(!idsIn(cards.json.cards).includes(id.theirs));

  const tasks = await zhangsan.get('/api/v1/tasks');
  assert.deepEqual(tasks.json.items.map((t: { taskId: number }) => t.taskId), [task.mine]);
  assert.equal((await zhangsan.get('/api/v1/tasks?staff=lisi')).json.items.length, 0);
  assert.equal((await zhangsan.get('/api/v1/focus?staff=lisi')).status, 403);
});

test('masking: no unmasked phone in any response to a role without phones, over every GET route and the list POSTs', async () => {
  const operatorMasked = admin.as({ role: 'operator', seesPhones: false });
  const doc = (await admin.get('/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
  const fill = (path: string) => path
    .replace(/^\/api\/v1\/customers\/\{id\}/, `/api/v1/customers/${id.mine}`)
    .replace(/^\/api\/v1\/journeys\/\{id\}/, `/api/v1/journeys/${journeyId}`)
    .replace('{stageId}', String(stageId))
    .replace(/^\/api\/v1\/tasks\/\{id\}/, `/api/v1/tasks/${task.mine}`)
    .replace(/\{[^}]+\}/g, '1');
  const gets = Object.entries(doc.paths).filter(([p, ops]) => ops.get && p.startsWith('/api/v1/') && !p.includes('/callback/')).map(([p]) => fill(p));
  assert.ok(gets.length > 20, `${gets.length} GET routes`);
  const calls: [string, string, unknown?][] = [
    ...gets.map((p) => ['GET', p] as [string, string]),
    ['GET', '/api/v1/customers/export'], ['GET', '/api/v1/customers/export?format=ndjson'], ['GET', '/api/v1/customers?q=138'],
    ['GET', '/api/v1/tasks?staff=zhangsan'], ['GET', '/api/v1/focus?staff=zhangsan'],
    ['POST', '/api/v1/customers/search', {}], ['POST', '/api/v1/audiences/preview', {}],
  ];
  let sawMasked = false;
  for (const who of [zhangsan, operatorMasked]) {
    for (const [method, path, body] of calls) {
      const r = await who.call(method, path, body);
      assert.notEqual(r.status, 500, `${method} ${path}: ${r.text.slice(0, 300)}`);
      assert.doesNotMatch(r.text, UNMASKED, `${method} ${path} shows a phone number`);
      if (r.text.includes('138****8000')) sawMasked = true;
    }
  }
  assert.ok(sawMasked, 'the masked form is shown');
  const full = await admin.get(`/api/v1/customers/${id.mine}`);
  assert.ok(full.json.identities.some((i: { value: string }) => i.value === '+8613800138000'), 'admins see phones');
  const masked = await zhangsan.get(`/api/v1/customers/${id.mine}`);
  assert.ok(masked.json.identities.some((i: { kind: string; value: string }) => i.kind === 'phone' && i.value === '138****8000'));
});

test('a customer\'s orders: listed for Customer 360 within the same boundary', async () => {
  const mine = await zhangsan.get(`/api/v1/customers/${id.mine}/orders`);
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual([mine.json.total, mine.json.items.map((o: any) => [o.orderId, o.amount, o.refunded])], [1, [['o-1', '99.00', '0.00']]]);
  assert.equal((await zhangsan.get(`/api/v1/customers/${id.theirs}/orders`)).status, 404);
  assert.deepEqual((await admin.get(`/api/v1/customers/${id.theirs}/orders`)).json.items.map((o: any) => o.orderId), ['o-2']);
});
