import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { createCategory, createGroup, createTag, tagCustomers, untagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { backoffSeconds, deliverWebhooks, drainSignals, runTimers, saveRule, startAutomationWorker, notifyAutomation } from './index.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T02:00:00Z');
const staff = { kind: 'staff' as const, id: 'li' };
let store: TestStore;
before(async () => { store = await openTestStore(); });
after(async () => { await store.close(); });

async function workspace(ws: string): Promise<number[]> {
  await ensureWorkspace(store.db, { workspaceId: ws });
  await createCategory(store.db, ws, '阶段', staff);
  await createGroup(store.db, ws, { name: '社群', category: '阶段', exclusive: true }, staff);
  for (const t of ['已入群', '已回访']) await createTag(store.db, ws, '社群', t, staff);
  const r = await ingestEvents(store.db, ws, [1, 2].map((i) => ({
    id: `add-${i}`, type: 'contact.added', occurredAt: new Date(T0 - DAY).toISOString(), customer: { externalUserId: `wm-${i}` }, staffId: 'zhang', data: {},
  })), { now: T0 });
  return r.accepted.map((a) => a.customerId);
}

test('elapsed time in a stage fires once per stay, and not for customers who ordered since', async () => {
  const ws = 'timers';
  const [quiet, buyer] = await workspace(ws) as [number, number];
  await saveRule(store.db, ws, {
    name: '入群7天未下单', enabled: true, trigger: { kind: 'elapsed', tag: '社群/已入群', days: 7, withoutEvent: 'order.paid' },
    actions: [{ type: 'tag', tag: '社群/已回访' }],
  }, staff);
  await tagCustomers(store.db, ws, { customerIds: [quiet, buyer], tag: '社群/已入群', source: 'staff', actor: staff, now: new Date(T0) });
  await ingestEvents(store.db, ws, [{ id: 'o1', type: 'order.paid', occurredAt: new Date(T0 + DAY).toISOString(), customer: { externalUserId: 'wm-2' }, data: { orderId: 'o1', amount: 9 } }], { now: T0 + DAY });
  assert.equal((await runTimers(store.db, { now: T0 + 6 * DAY, workspaceId: ws })).fired, 0);
  assert.equal((await runTimers(store.db, { now: T0 + 7 * DAY + 1, workspaceId: ws })).fired, 1);
  assert.equal((await runTimers(store.db, { now: T0 + 8 * DAY, workspaceId: ws })).fired, 0, 'once per stay');
  const held = await store.db.query<{ customer_id: number }>(
    `SELECT ct.customer_id FROM customer_tags ct JOIN tags t USING (workspace_id, tag_id) WHERE ct.workspace_id = $1 AND t.name = '已回访'`, [ws]);
  assert.deepEqual(held.map((h) => h.customer_id), [quiet]);
  // A new stay (left and came back) is timed again.
  await untagCustomers(store.db, ws, { customerIds: [quiet], tag: '社群/已回访', source: 'staff', actor: staff, now: new Date(T0 + 9 * DAY) });
  await tagCustomers(store.db, ws, { customerIds: [quiet], tag: '社群/已入群', source: 'staff', actor: staff, now: new Date(T0 + 9 * DAY) });
  assert.equal((await runTimers(store.db, { now: T0 + 16 * DAY + 1, workspaceId: ws })).fired, 1);
});

test('webhooks: signed, retried with backoff, delivered once', async () => {
  const ws = 'hooks';
  const [c] = await workspace(ws) as [number];
  await saveRule(store.db, ws, {
    name: '入群通知CRM', enabled: true, trigger: { kind: 'stageEntered', stage: '社群/已入群' },
    actions: [{ type: 'webhook', url: 'https://crm.example.com/hooks/siyu', secret: 's3cret-key' }],
  }, staff);
  await tagCustomers(store.db, ws, { customerIds: [c], tag: '社群/已入群', source: 'staff', actor: staff, now: new Date(T0) });
  await drainSignals(store.db, { workspaceId: ws, now: T0 });
  const calls: { url: string; body: string; signature: string | null }[] = [];
  let fail = true;
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: String(init.body), signature: new Headers(init.headers).get('x-siyu-signature') });
    return new Response(null, { status: fail ? 503 : 204 });
  }) as unknown as typeof fetch;
  assert.deepEqual(await deliverWebhooks(store.db, { now: T0, fetchImpl }), { delivered: 0, failed: 0, retrying: 1 });
  assert.deepEqual(await deliverWebhooks(store.db, { now: T0 + 1000, fetchImpl }), { delivered: 0, failed: 0, retrying: 0 }, 'not before the backoff');
  fail = false;
  assert.deepEqual(await deliverWebhooks(store.db, { now: T0 + backoffSeconds(1) * 1000, fetchImpl }), { delivered: 1, failed: 0, retrying: 0 });
  assert.deepEqual(await deliverWebhooks(store.db, { now: T0 + DAY, fetchImpl }), { delivered: 0, failed: 0, retrying: 0 });
  assert.equal(calls.length, 2);
  const body = JSON.parse(calls[1]!.body);
  assert.deepEqual([body.customerId, body.rule.name], [c, '入群通知CRM']);
  assert.equal(calls[1]!.signature, `sha256=${createHmac('sha256', 's3cret-key').update(calls[1]!.body).digest('hex')}`);
});

test('a running worker picks up committed signals when kicked', async () => {
  const ws = 'kick';
  const [c] = await workspace(ws) as [number];
  await saveRule(store.db, ws, {
    name: '入群→回访', enabled: true, trigger: { kind: 'tagAdded', tag: '社群/已入群' }, actions: [{ type: 'tag', tag: '社群/已回访' }],
  }, staff);
  const worker = startAutomationWorker(store.db, { idleMs: 5_000, maxIdleMs: 5_000, timersMs: 3_600_000 });
  try {
    await new Promise((r) => setTimeout(r, 50));
    await tagCustomers(store.db, ws, { customerIds: [c], tag: '社群/已入群', source: 'staff', actor: staff });
    notifyAutomation();
    const deadline = Date.now() + 3000;
    let tags: { name: string }[] = [];
    while (Date.now() < deadline) {
      tags = await store.db.query<{ name: string }>(
        `SELECT t.name FROM customer_tags ct JOIN tags t USING (workspace_id, tag_id) WHERE ct.workspace_id = $1 AND ct.customer_id = $2`, [ws, c]);
      if (tags.some((t) => t.name === '已回访')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(tags.some((t) => t.name === '已回访'), 'the kick woke the worker before its 5 s idle poll');
  } finally {
    await worker.stop();
  }
});
