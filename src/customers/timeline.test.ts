import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas.
import { testApi } from '../http/testing.ts';
import { ingestEvents } from '../events/index.ts';
import { installTemplate, moveStage } from '../journeys/index.ts';
import { createTasks } from '../outreach/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { createCategory, createGroup, createTag, tagCustomers, untagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { customerTimeline, type TimelineEntry } from './index.ts';

const WS = 'timeline';
const now = Date.parse('2026-11-20T12:00:00+08:00');
const staff = { kind: 'staff' as const, id: 'zhang' };
let store: TestStore;
let wang: number;
let li: number;

const ev = (id: string, type: string, at: string, who: Record<string, unknown>, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  ({ id, type, occurredAt: at, customer: who, data, ...extra });

before(async () => {
  store = await openTestStore();
  const db = store.db;
  await ensureWorkspace(db, { workspaceId: WS, timeZone: 'Asia/Shanghai' });
  const wangId = { externalUserId: 'wm-wang', name: '王芳', phone: '13800138000' };
  const r = await ingestEvents(db, WS, [
    ev('e1', 'contact.added', '2026-11-01T10:00:00+08:00', wangId, { channel: '门店活码' }, { staffId: 'zhang', touchpoint: 'private_chat' }),
    ev('e2', 'message.received', '2026-11-02T10:00:00+08:00', wangId, { conversationId: 'c1', text: '请问这个多少钱？我电话 13912345678' }, { staffId: 'zhang', touchpoint: 'private_chat' }),
    ev('e3', 'order.paid', '2026-11-03T10:00:00+08:00', wangId, { orderId: 'o-1', amount: '199.00', platform: 'youzan' }, { touchpoint: 'shop' }),
    ev('e4', 'contact.added', '2026-11-01T11:00:00+08:00', { externalUserId: 'wm-li', name: '李雷' }, { channel: '门店活码' }, { staffId: 'li' }),
  ], { now });
  assert.equal(r.rejected.length, 0, JSON.stringify(r.rejected));
  wang = r.accepted[0]!.customerId;
  li = r.accepted[3]!.customerId;
  const cat = await createCategory(db, WS, '兴趣', staff);
  const group = await createGroup(db, WS, { name: '品类', category: cat.categoryId }, staff);
  await createTag(db, WS, group.groupId, '咖啡', staff);
  await tagCustomers(db, WS, { customerIds: [wang], tag: '品类/咖啡', source: 'rule', sourceId: 'rule-7', reason: '读了咖啡文章', actor: { kind: 'rule', id: 'rule-7' }, now: new Date(now - 3600_000) });
  await untagCustomers(db, WS, { customerIds: [wang], tag: '品类/咖啡', source: 'staff', sourceId: 'zhang', reason: '客户说不喝了', actor: staff, now: new Date(now - 1800_000) });
  const journey = await installTemplate(db, WS, 'purchase_frequency', staff);
  await moveStage(db, WS, { customerIds: [wang], journey: journey.journeyId, stage: journey.stages[0]!.name, source: 'staff', actor: staff, reason: '首次沟通', now: new Date(now - 1200_000) });
  await moveStage(db, WS, { customerIds: [wang], journey: journey.journeyId, stage: journey.stages[2]!.name, source: 'staff', actor: staff, reason: '已下单', now: new Date(now - 600_000), force: true });
  await createTasks(db, WS, [{
    customerId: wang, staffId: 'zhang', kind: 'care', purpose: 'service', channel: 'private_chat', title: '回访首单', content: '问问用得怎么样',
    dueAt: new Date(now + 86_400_000), dedupeKey: 'care:wang:1', source: { type: 'staff', id: 'zhang' },
  }], new Date(now));
});
after(() => store.close());

const kinds = (items: TimelineEntry[]) => new Set(items.map((e) => e.kind));

test('one timeline, newest first: events, tag changes with source and reason, models, stages, tasks', async () => {
  const page = await customerTimeline(store.db, WS, wang, { limit: 200 });
  const ats = page.items.map((e) => e.at);
  assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first');
  assert.deepEqual([...kinds(page.items)].sort(), ['event', 'model', 'stage', 'tag', 'task']);
  const order = page.items.find((e) => e.kind === 'event' && e.type === 'order.paid')!;
  assert.equal(order.details.amount, '199.00');
  assert.equal(order.details.orderId, 'o-1');
  const chat = page.items.find((e) => e.type === 'message.received')!;
  assert.match(String(chat.details.text), /139\*{4}5678/, 'a phone in a message is masked for readers who may not see phones');
  assert.equal(chat.staffId, 'zhang');
  assert.equal(chat.touchpoint, 'private_chat');
  const added = page.items.find((e) => e.kind === 'tag' && e.type === 'tag.added' && e.details.tag === '品类/咖啡')!;
  assert.deepEqual([added.details.source, added.details.sourceId, added.details.reason], ['rule', 'rule-7', '读了咖啡文章']);
  const removed = page.items.find((e) => e.kind === 'tag' && e.type === 'tag.removed' && e.details.tag === '品类/咖啡')!;
  assert.deepEqual([removed.details.source, removed.details.reason, removed.staffId], ['staff', '客户说不喝了', 'zhang']);
  const stages = page.items.filter((e) => e.kind === 'stage').map((e) => `${e.type} ${e.details.stage}`);
  assert.deepEqual(stages, ['entered 已购买', 'left 尚未购买', 'entered 尚未购买']);
  const trust = page.items.filter((e) => e.kind === 'model' && e.type === 'trust');
  assert.ok(trust.length >= 1, 'the trust level changes are there');
  assert.match(trust[0]!.summary, /L\d → L\d|— → L\d/);
  const task = page.items.find((e) => e.kind === 'task')!;
  assert.deepEqual([task.type, task.details.title, task.details.status, task.staffId], ['care', '回访首单', 'pending', 'zhang']);
  const other = await customerTimeline(store.db, WS, li, { limit: 200 });
  assert.ok(other.items.every((e) => e.kind !== 'task' && e.type !== 'order.paid'), 'another customer\'s timeline holds only their own');
});

test('keyset pages: every entry exactly once, in the same order', async () => {
  const all = (await customerTimeline(store.db, WS, wang, { limit: 200 })).items;
  const seen: TimelineEntry[] = [];
  let before: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await customerTimeline(store.db, WS, wang, { limit: 3, ...(before ? { before } : {}) });
    seen.push(...page.items);
    if (!page.nextBefore) break;
    before = page.nextBefore;
  }
  assert.deepEqual(seen.map((e) => `${e.kind}:${e.id}`), all.map((e) => `${e.kind}:${e.id}`));
  await assert.rejects(customerTimeline(store.db, WS, wang, { before: 'garbage' }), /before: not a cursor/);
});

test('over HTTP: within scope only (else 404), phones masked for roles that may not see them', async () => {
  const admin = testApi(store.db, { workspace: WS, now: () => now });
  const r = await admin.get(`/api/v1/customers/${wang}/timeline?limit=5`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 5);
  assert.ok(r.json.nextBefore);
  const next = await admin.get(`/api/v1/customers/${wang}/timeline?limit=5&before=${encodeURIComponent(r.json.nextBefore)}`);
  assert.equal(next.status, 200, next.text);
  assert.notEqual(next.json.items[0].id + next.json.items[0].kind, r.json.items[0].id + r.json.items[0].kind);
  const zhang = admin.as({ role: 'staff', staffId: 'zhang' });
  const own = await zhang.get(`/api/v1/customers/${wang}/timeline?limit=200`);
  assert.equal(own.status, 200, own.text);
  assert.doesNotMatch(own.text, /13912345678|13800138000/);
  assert.equal((await zhang.get(`/api/v1/customers/${li}/timeline`)).status, 404, 'li\'s customer is outside zhang\'s scope');
  assert.equal((await admin.get('/api/v1/customers/999999/timeline')).status, 404);
  assert.equal((await admin.get(`/api/v1/customers/${wang}/timeline?limit=0`)).status, 422);
});
