/**
 * One-click delivery of per-customer tasks against the fake WeCom: one template per staff
 * member and text, each task in exactly one template under two concurrent senders and after
 * an interrupted one, refusals and WeCom's per-customer results back in the task status.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestEvents } from '../events/index.ts';
import { createTasks, getTask } from '../outreach/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { clearTokenCache } from './client.ts';
import { defaultClientFactory, setWecomConfig } from './config.ts';
import { FakeWecom } from './fake/server.ts';
import { collectTaskResults, sendTasksToWecom } from './task-delivery.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'task-delivery';
const NOW = Date.parse('2026-12-07T09:00:00+08:00');
let store: TestStore;
let fake: FakeWecom;
const clientFactory = defaultClientFactory({ sleep: async () => {}, now: () => NOW });
const ids: Record<string, number> = {};
const tasks: Record<string, number> = {};

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  fake = new FakeWecom({ now: () => NOW });
  await fake.start();
  clearTokenCache();
  await setWecomConfig(store.db, WS, { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  const events: unknown[] = [];
  for (const c of ['c1', 'c2', 'c3', 'c4', 'c6']) {
    // c3 is zhangsan's in Siyu, but WeCom knows it only as lisi's contact.
    fake.addContact({ externalUserId: `wm-${c}`, userId: c === 'c3' ? 'lisi' : 'zhangsan', name: c });
    events.push({ id: `add-${c}`, type: 'contact.added', occurredAt: '2026-12-01T10:00:00+08:00', customer: { externalUserId: `wm-${c}`, name: c }, staffId: 'zhangsan' });
  }
  events.push({ id: 'buy-c5', type: 'order.paid', occurredAt: '2026-12-01T10:00:00+08:00', customer: { phone: '13800138005', name: 'c5' }, staffId: 'zhangsan', data: { orderId: 'o5', amount: 10 } });
  const r = await ingestEvents(store.db, WS, events, { now: NOW });
  assert.deepEqual(r.rejected, []);
  for (const a of r.accepted) ids[a.id.replace(/^(add|buy)-/, '')] = a.customerId;
  const content = (c: string) => (c === 'c4' ? '王姐，您订的礼盒到了' : '天冷了，记得多喝热水～');
  const made = await store.db.transaction((tx) => createTasks(tx, WS, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((c) => ({
    customerId: ids[c]!, staffId: 'zhangsan', kind: 'sop_step' as const, purpose: 'service' as const, channel: 'private_chat' as const,
    title: 'SOP', content: content(c), dueAt: new Date(NOW), dedupeKey: `sop:1:${c}`, source: { type: 'sop' as const, id: '1' },
  })), new Date(NOW)));
  for (const t of made.created) tasks[Object.entries(ids).find(([, id]) => id === t.customerId)![0]] = t.taskId;
});
after(async () => {
  await fake.stop();
  await store.close();
});

test('a sender interrupted after claiming its tasks leaves them claimed: never sent twice', async () => {
  const [s] = await store.db.query<{ send_id: number }>(
    `INSERT INTO wecom_task_sends (workspace_id, staff_id, content, status, created_at) VALUES ($1, 'zhangsan', 'x', 'claimed', now()) RETURNING send_id`, [WS]);
  await store.db.query(`INSERT INTO wecom_task_send_items (workspace_id, task_id, send_id, customer_id, external_userid) VALUES ($1, $2, $3, $4, 'wm-c6')`,
    [WS, tasks.c6, s!.send_id, ids.c6]);
});

test('two senders at once: one template per staff member and text, each task in exactly one; non-contacts left pending', async () => {
  const [a, b] = await Promise.all([
    sendTasksToWecom(store.db, WS, { now: NOW, clientFactory }),
    sendTasksToWecom(store.db, WS, { now: NOW, clientFactory }),
  ]);
  const sends = [...a.sends, ...b.sends];
  const calls = fake.callsOf('externalcontact/add_msg_template');
  assert.equal(calls.length, sends.length);
  const recipients = calls.flatMap((c) => c.body!.external_userid as string[]).sort();
  assert.deepEqual(recipients, ['wm-c1', 'wm-c2', 'wm-c3', 'wm-c4'], 'each customer once; c6 was claimed by the interrupted sender');
  assert.ok(sends.length <= 3, JSON.stringify(sends));
  assert.equal(a.notContacts + b.notContacts >= 1, true);
  assert.equal((await getTask(store.db, WS, tasks.c3!)).status, 'failed', 'WeCom refused c3: not zhangsan\'s contact there');
  assert.equal((await getTask(store.db, WS, tasks.c5!)).status, 'pending', 'c5 is not a WeCom contact');
  assert.equal((await getTask(store.db, WS, tasks.c6!)).status, 'pending');
  const again = await sendTasksToWecom(store.db, WS, { now: NOW + 60_000, clientFactory });
  assert.deepEqual(again.sends, []);
  const [touches] = await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact_touches WHERE workspace_id = $1 AND mass AND task_id = ANY($2::bigint[])`,
    [WS, [tasks.c1, tasks.c2, tasks.c4]]);
  assert.equal(touches!.n, 3, 'handed to WeCom: each counts as that day\'s mass message');
  assert.equal(fake.callsOf('externalcontact/add_msg_template').length, calls.length);
});

test('the contact policy\'s daily mass limit holds: a second task for a customer who got one today waits', async () => {
  const made = await store.db.transaction((tx) => createTasks(tx, WS, [{
    customerId: ids.c1!, staffId: 'zhangsan', kind: 'care', purpose: 'service', channel: 'private_chat', title: '关怀', content: '再问候一次',
    dueAt: new Date(NOW), dedupeKey: 'care:c1:again', source: { type: 'staff', id: 'zhangsan' },
  }], new Date(NOW)));
  const r = await sendTasksToWecom(store.db, WS, { now: NOW + 120_000, clientFactory, taskIds: [made.created[0]!.taskId] });
  assert.deepEqual([r.sends.length, r.overMassCap], [0, 1]);
  assert.equal((await getTask(store.db, WS, made.created[0]!.taskId)).status, 'pending');
});

test('what the staff member confirms in WeCom comes back per customer: sent, failed with the reason, or still waiting', async () => {
  const calls = fake.callsOf('externalcontact/add_msg_template');
  const warm = calls.find((c) => (c.body!.text as { content: string }).content.startsWith('天冷了'))!;
  const [msgid] = [...fake.templates.values()].filter((t) => t.content.startsWith('天冷了')).map((t) => t.msgid);
  assert.ok(warm && msgid);
  fake.removeFollow('wm-c2', 'zhangsan');
  fake.confirmMassMessage(msgid!);
  const r = await collectTaskResults(store.db, WS, { now: NOW + 3_600_000, clientFactory });
  assert.deepEqual([r.sent, r.failed, r.waiting], [1, 1, 1]);
  assert.equal((await getTask(store.db, WS, tasks.c1!)).status, 'sent');
  const c2 = await getTask(store.db, WS, tasks.c2!);
  assert.equal(c2.status, 'failed');
  assert.match(c2.history.at(-1)!.note ?? '', /not a friend/);
  assert.equal((await getTask(store.db, WS, tasks.c4!)).status, 'pending', 'not confirmed yet');
});
