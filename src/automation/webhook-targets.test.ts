import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi } from '../http/testing.ts';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { createCategory, createGroup, createTag, tagCustomers } from '../tags/index.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { deliverWebhooks, drainSignals } from './index.ts';
import { literalTargetProblem, postToTarget, targetPolicy } from './webhook-targets.ts';

const ws = 'hook-targets';
const T0 = Date.parse('2026-11-01T02:00:00Z');
const staff = { kind: 'staff' as const, id: 'li' };
let store: TestStore;
let admin: TestApi;
let receiver: Server;
let port = 0;
const received: { path: string; body: string }[] = [];
let customerId = 0;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  await createCategory(store.db, ws, '阶段', staff);
  await createGroup(store.db, ws, { name: '社群', category: '阶段', exclusive: false }, staff);
  for (const t of ['甲', '乙']) await createTag(store.db, ws, '社群', t, staff);
  const r = await ingestEvents(store.db, ws, [{ id: 'add-1', type: 'contact.added', occurredAt: new Date(T0).toISOString(), customer: { externalUserId: 'wm-1' }, staffId: 'zhang', data: {} }], { now: T0 });
  customerId = r.accepted[0]!.customerId;
  admin = testApi(store.db, { workspace: ws });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      if (req.url === '/moved') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
after(async () => {
  await new Promise((r) => receiver.close(r));
  await store.close();
});

const rule = (name: string, url: string, tag = '社群/甲') =>
  ({ name, enabled: true, trigger: { kind: 'tagAdded', tag }, actions: [{ type: 'webhook', url }] });

async function fire(tag: string) {
  await tagCustomers(store.db, ws, { customerIds: [customerId], tag, source: 'staff', actor: staff, now: new Date(T0) });
  await drainSignals(store.db, { workspaceId: ws, now: T0 });
}
const lastError = async () => (await store.db.query<{ last_error: string | null; status: string }>(
  `SELECT last_error, status FROM webhook_outbox WHERE workspace_id = $1 ORDER BY delivery_id DESC LIMIT 1`, [ws]))[0]!;

test('non-public targets are refused: loopback, private, link-local, IPv6 and mapped forms; public ones pass', () => {
  const policy = targetPolicy({ allowed: [] });
  for (const url of ['http://127.0.0.1:8080/x', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest',
    'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://localhost:3000/', 'http://a.localhost/']) {
    assert.match(literalTargetProblem(url, policy) ?? 'accepted', /not a public internet address/, url);
  }
  for (const url of ['https://93.184.216.34/hook', 'https://[2606:4700::1111]/', 'https://crm.example.com/hooks']) assert.equal(literalTargetProblem(url, policy), null, url);
  const allowed = targetPolicy({ allowed: ['10.20.0.0/16', 'crm.intranet'] });
  assert.equal(literalTargetProblem('http://10.20.3.4/', allowed), null);
  assert.match(literalTargetProblem('http://10.21.3.4/', allowed) ?? '', /not a public/);
  assert.equal(allowed.refusal('crm.intranet', '10.9.9.9'), null, 'an allowed name may resolve anywhere');
});

test('a name that resolves to an internal address is refused at delivery, before connecting', async () => {
  const before = received.length;
  await assert.rejects(postToTarget(`http://${hostname()}:${port}/by-name`, { headers: {}, body: '{}', timeoutMs: 2000 }, targetPolicy({ allowed: [] })),
    /refused: 127\.0\.0\.1 \(the address of [^)]+\) is not a public internet address/);
  assert.equal(received.length, before);
  const ok = await postToTarget(`http://${hostname()}:${port}/by-name`, { headers: {}, body: '{}', timeoutMs: 2000 }, targetPolicy({ allowed: [hostname()] }));
  assert.equal(ok.status, 204);
});

test('a rule webhook to 127.0.0.1 is refused until an admin allows it; then delivered; redirects are not followed', async () => {
  const url = `http://127.0.0.1:${port}/hook`;
  const refused = await admin.post('/api/v1/rules', rule('内部通知', url));
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.json.message, /actions\[0\]\.url: 127\.0\.0\.1 is not a public internet address/);
  // Only an admin changes the list.
  assert.equal((await admin.as({ role: 'operator' }).put('/api/v1/settings/webhook-targets', { allowed: ['127.0.0.1'] })).status, 403);
  const bad = await admin.put('/api/v1/settings/webhook-targets', { allowed: ['10.0.0.0/33', 'not a host'] });
  assert.equal(bad.status, 422);
  assert.match(bad.json.message, /allowed\[0\].*allowed\[1\]/s);
  const set = await admin.put('/api/v1/settings/webhook-targets', { allowed: ['127.0.0.1'] });
  assert.deepEqual([set.status, set.json], [200, { allowed: ['127.0.0.1'] }]);
  assert.deepEqual((await admin.get('/api/v1/settings/webhook-targets')).json, { allowed: ['127.0.0.1'] });
  assert.equal((await admin.post('/api/v1/rules', rule('内部通知', url))).status, 201);
  assert.equal((await admin.post('/api/v1/rules', rule('跳转', `http://127.0.0.1:${port}/moved`, '社群/乙'))).status, 201);
  await fire('社群/甲');
  assert.deepEqual(await deliverWebhooks(store.db, { now: T0 }), { delivered: 1, failed: 0, retrying: 0 });
  assert.equal(received.at(-1)!.path, '/hook');
  await fire('社群/乙');
  const before = received.length;
  assert.deepEqual(await deliverWebhooks(store.db, { now: T0 }), { delivered: 0, failed: 0, retrying: 1 });
  assert.equal(received.length, before + 1, 'the redirect is answered, not followed');
  assert.match((await lastError()).last_error ?? '', /HTTP 302: redirects are not followed/);
  // The admin takes the permission back: a rule saved before is refused at delivery.
  await admin.put('/api/v1/settings/webhook-targets', { allowed: [] });
  await store.db.query(`UPDATE webhook_outbox SET status = 'pending', next_at = $2 WHERE workspace_id = $1`, [ws, new Date(T0)]);
  const count = received.length;
  await deliverWebhooks(store.db, { now: T0 });
  assert.equal(received.length, count);
  assert.match((await lastError()).last_error ?? '', /refused: 127\.0\.0\.1 is not a public internet address/);
});
