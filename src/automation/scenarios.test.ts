/**
 * The five end-to-end scenarios, through the public HTTP API, with the seed rule
 * and SOP files of examples/. The worker's passes are run in-line (drainSignals) with the
 * test clock, as the server's worker would right after each request.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { runDueSteps } from '../sop/index.ts';
import { testApi, type TestApi } from '../http/testing.ts';
import { drainSignals, processSignals } from './index.ts';

const example = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8'));
const DAY = 86_400_000;
// 10:00 in Shanghai: outside quiet hours.
const START = Date.parse('2026-11-20T02:00:00Z');

let store: TestStore;
before(async () => { store = await openTestStore(); });
after(async () => { await store.close(); });

interface World { api: TestApi; ws: string; clock: { now: number }; work(): Promise<void> }

async function world(ws: string): Promise<World> {
  await ensureWorkspace(store.db, { workspaceId: ws });
  const clock = { now: START };
  // An API token: the scenarios move the clock by days, past a console session's idle limit.
  const api = testApi(store.db, { workspace: ws, now: () => clock.now, as: { token: ['admin'] } });
  return { api, ws, clock, work: async () => { await drainSignals(store.db, { workspaceId: ws, now: clock.now }); } };
}

const at = (ms: number) => new Date(ms).toISOString();
let seq = 0;
const event = (type: string, customer: Record<string, unknown>, data: Record<string, unknown>, when: number, id = `ev-${++seq}`) =>
  ({ id, type, occurredAt: at(when), customer, staffId: 'zhang', data });

async function ok(p: Promise<{ status: number; json: any; text: string }>, status = 200): Promise<any> {
  const r = await p;
  assert.equal(r.status, status, r.text);
  return r.json;
}

const tasksOf = async (w: World, customerId: number) => (await ok(w.api.get(`/api/v1/tasks?customer=${customerId}`))).items as any[];
const tagsOf = async (w: World, customerId: number) =>
  ((await ok(w.api.get(`/api/v1/customers/${customerId}`))).tags as { group: string; tag: string }[]).map((t) => `${t.group}/${t.tag}`);

test('1. reading the article about product A: interest tag → stage 商品A → coupon task, once', async () => {
  const w = await world('s1');
  await ok(w.api.post('/api/v1/journeys/templates/product_interest'), 201).catch(async () => ok(w.api.post('/api/v1/journeys/templates/product_interest')));
  // Installing 商品兴趣 makes the multi-choice group 兴趣 that keeps every interest.
  await ok(w.api.post('/api/v1/tags', { group: '兴趣', name: '商品A' }), 201);
  await ok(w.api.post('/api/v1/rules/import', example('rules/product-a-interest.json')));

  const who = { externalUserId: 'wm-fang', name: '王芳' };
  const setup = await ok(w.api.post('/api/v1/events', [
    event('contact.added', who, { channel: 'store' }, START - 3 * DAY),
    event('message.received', who, { conversationId: 'c1', text: '商品A多少钱？' }, START - 2 * DAY),
  ]));
  const customerId = setup.accepted[0].customerId;
  const read = event('content.viewed', who, { contentId: 'article-product-a', seconds: 80 }, START - 60_000, 'read-a-1');
  await ok(w.api.post('/api/v1/events', [read]));
  await w.work();

  assert.ok((await tagsOf(w, customerId)).includes('兴趣/商品A'));
  assert.ok((await tagsOf(w, customerId)).includes('商品兴趣/商品A'));
  const tasks = await tasksOf(w, customerId);
  const coupon = tasks.filter((t) => t.title === '发送商品A优惠券');
  assert.equal(coupon.length, 1);
  assert.deepEqual([coupon[0].staffId, coupon[0].status, coupon[0].couponId, coupon[0].kind], ['zhang', 'pending', 'CPN-PRODUCT-A-20', 'rule']);

  // The same event again is a duplicate; another read of product A finds the stage already held.
  const again = await ok(w.api.post('/api/v1/events', [read, event('content.viewed', who, { contentId: 'other', productIds: ['A'] }, START - 30_000)]));
  assert.equal(again.duplicates.length, 1);
  await w.work();
  assert.equal((await tasksOf(w, customerId)).length, tasks.length);
});

test('2. an order with only a phone number: 已购买 + VIP-group task; the second order → 多次购买', async () => {
  const w = await world('s2');
  await w.api.post('/api/v1/journeys/templates/purchase_frequency');
  await ok(w.api.post('/api/v1/rules/import', example('rules/purchase-frequency.json')));
  const friend = await ok(w.api.post('/api/v1/events', [
    event('contact.added', { externalUserId: 'wm-li', phone: '13800138000', name: '李雷' }, { channel: 'live' }, START - 5 * DAY),
  ]));
  const customerId = friend.accepted[0].customerId;
  const paid = await ok(w.api.post('/api/v1/events', [
    event('order.paid', { phone: '+86 138-0013-8000' }, { orderId: 'yz-1', amount: '199.00', platform: 'youzan' }, START - 60_000),
  ]));
  assert.equal(paid.accepted[0].customerId, customerId, 'the order found the WeCom friend by phone');
  await w.work();
  assert.ok((await tagsOf(w, customerId)).includes('购买频次/已购买'));
  const vip = (await tasksOf(w, customerId)).filter((t) => t.title === '邀请进VIP群');
  assert.equal(vip.length, 1);
  assert.equal(vip[0].staffId, 'zhang');

  w.clock.now += DAY;
  await ok(w.api.post('/api/v1/events', [
    event('order.paid', { phone: '13800138000' }, { orderId: 'yz-2', amount: '59.00', platform: 'youzan' }, w.clock.now - 60_000),
  ]));
  await w.work();
  const tags = await tagsOf(w, customerId);
  assert.ok(tags.includes('购买频次/多次购买'));
  assert.ok(!tags.includes('购买频次/已购买'), 'a customer stands in one stage of a journey');
  assert.equal((await tasksOf(w, customerId)).filter((t) => t.title === '邀请进VIP群').length, 1);
});

test('3. a marketing mass message: the L0 customer is suppressed (trust level below L3), L4 customers get tasks', async () => {
  const w = await world('s3');
  const stranger = { externalUserId: 'wm-new' };
  const buyers = [1, 2].map((i) => ({ externalUserId: `wm-buyer-${i}` }));
  await ok(w.api.post('/api/v1/events', [
    event('contact.added', stranger, { channel: 'ad' }, START - 2 * DAY),
    ...buyers.flatMap((b, i) => [
      event('contact.added', b, { channel: 'store' }, START - 9 * DAY),
      event('order.paid', b, { orderId: `o-${i}`, amount: '88.00' }, START - 8 * DAY),
    ]),
  ]));
  const sent = await ok(w.api.post('/api/v1/mass-messages', {
    filter: { field: 'channel', op: 'in', values: ['ad', 'store'] }, title: '双11返场', content: '{name}，返场福利来了', purpose: 'marketing',
  }), 201);
  assert.equal(sent.audience, 3);
  assert.equal(sent.recipients, 2);
  assert.equal(sent.suppressed.total, 1);
  assert.match(sent.suppressed.byReason[0].en, /trust level below L3/);
  assert.equal(sent.perStaff.length, 1);
  assert.equal(sent.perStaff[0].recipients, 2);
});

test('4. a customer who leaves the stage before the day-3 step never gets it', async () => {
  const w = await world('s4');
  await w.api.post('/api/v1/journeys/templates/purchase_frequency');
  await ok(w.api.post('/api/v1/sops', example('sops/order-care.json')), 201);
  await ok(w.api.post('/api/v1/rules/import', example('rules/purchase-frequency.json')));
  const stays = { externalUserId: 'wm-stays' }, leaves = { externalUserId: 'wm-leaves' };
  const r = await ok(w.api.post('/api/v1/events', [
    event('contact.added', stays, {}, START - 5 * DAY), event('contact.added', leaves, {}, START - 5 * DAY),
    event('order.paid', stays, { orderId: 'p1', amount: '10' }, START - 60_000), event('order.paid', leaves, { orderId: 'p2', amount: '10' }, START - 60_000),
  ]));
  const [stayId, leaveId] = [r.accepted[0].customerId, r.accepted[1].customerId];
  await w.work();
  await runDueSteps(store.db, { now: w.clock.now, workspaceId: w.ws });

  // Day 1: one of them joins the VIP group (stage 已入群): they left 已购买.
  w.clock.now += DAY;
  const journey = (await ok(w.api.get('/api/v1/journeys'))).items.find((j: { name: string }) => j.name === '购买频次');
  await ok(w.api.post(`/api/v1/journeys/${journey.journeyId}/moves`, { customerIds: [leaveId], stage: '已入群', reason: '已进VIP群' }));
  await w.work();

  w.clock.now += 3 * DAY;
  await runDueSteps(store.db, { now: w.clock.now, workspaceId: w.ws });
  const steps = async (id: number) => (await tasksOf(w, id)).filter((t) => t.kind === 'sop_step').map((t) => String(t.title).split(' · ').at(-1)).sort();
  assert.deepEqual(await steps(stayId), ['感谢下单', '邀请评价']);
  assert.deepEqual(await steps(leaveId), ['感谢下单']);
});

test('5. two workers on the same backlog make each task exactly once', async () => {
  const w = await world('s5');
  await w.api.post('/api/v1/journeys/templates/purchase_frequency');
  await ok(w.api.post('/api/v1/rules/import', example('rules/purchase-frequency.json')));
  const n = 40;
  const buyers = Array.from({ length: n }, (_, i) => ({ externalUserId: `wm-b${i}` }));
  await ok(w.api.post('/api/v1/events', buyers.flatMap((b, i) => [
    event('contact.added', b, {}, START - DAY), event('order.paid', b, { orderId: `x-${i}`, amount: '20' }, START - 60_000),
  ])));
  const worker = async () => {
    let batches = 0;
    while ((await processSignals(store.db, { workspaceId: w.ws, now: w.clock.now, limit: 7 })).processed > 0) batches++;
    return batches;
  };
  const [a, b] = await Promise.all([worker(), worker()]);
  assert.ok(a + b > 0);
  const rows = await store.db.query<{ n: number; keys: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT dedupe_key)::int AS keys FROM outreach_tasks WHERE workspace_id = $1 AND title = '邀请进VIP群'`, [w.ws]);
  assert.deepEqual(rows[0], { n, keys: n });
  const left = await store.db.query(`SELECT 1 FROM automation_signals WHERE workspace_id = $1`, [w.ws]);
  assert.equal(left.length, 0);
});
