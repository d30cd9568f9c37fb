/**
 * End to end against the fake WeCom, through Siyu's real HTTP server: a customer adds a
 * staff member via a channel code → callback → profile fetched → channel tagged → L0 →
 * a mass message → add_msg_template → result read back → task marked sent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../http/server.ts';
import { testApi, type TestApi } from '../http/testing.ts';
import { getTask, sendMassMessage } from '../outreach/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { FakeWecom } from './fake/server.ts';
import { clearTokenCache } from './client.ts';
import { defaultClientFactory } from './config.ts';
import { collectMassMessageResults, deliverMassMessages } from './delivery.ts';
import { processWecomInbox } from './process.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const T0 = Date.parse('2026-11-20T10:00:00+08:00');
let clock = T0;
const now = () => clock;
let store: TestStore;
let fake: FakeWecom;
let server: RunningServer;
let api: TestApi;
const clientFactory = defaultClientFactory({ sleep: async () => {}, now, timeoutMs: 5_000 });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: 'e2e' });
  fake = new FakeWecom({ now });
  await fake.start();
  clearTokenCache();
  server = await startServer(store.db, 0, '127.0.0.1');
  fake.callbackUrl = `${server.url.replace('localhost', '127.0.0.1')}/api/v1/wecom/callback/e2e`;
  api = testApi(store.db, { workspace: 'e2e', now });
  const r = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  assert.equal(r.status, 200, r.text);
  fake.addUser('zhangsan');
});

after(async () => {
  await server.close();
  await fake.stop();
  await store.close();
});

test('WeCom verifies the callback URL', async () => {
  const r = await fake.verifyUrl();
  assert.equal(r.status, 200);
  assert.equal(r.text, r.expected);
});

test('channel code → add callback → profile, channel tag, L0 → mass message delivered and read back', async () => {
  const way = await api.post('/api/v1/wecom/contact-ways', { channel: 'spring-fair', staffId: 'zhangsan' });
  assert.equal(way.status, 201, way.text);
  assert.equal(way.json.state, 'spring-fair');
  assert.ok(way.json.qrCode);
  assert.equal(fake.callsOf('externalcontact/add_contact_way')[0]!.body!.state, 'spring-fair');
  // Asking again gives the same code, not a second one.
  assert.equal((await api.post('/api/v1/wecom/contact-ways', { channel: 'spring-fair', staffId: 'zhangsan' })).json.configId, way.json.configId);

  const ack = await fake.customerAdds({ externalUserId: 'wmWangFang', userId: 'zhangsan', state: 'spring-fair', name: '王芳', gender: 2, unionid: 'oUnionWF', mobiles: ['13800138000'] });
  assert.deepEqual(ack, { status: 200, text: 'success' });
  // WeCom retries after 5 s without an answer: the same callback again is stored once.
  const processed = await processWecomInbox(store.db, { now: clock, clientFactory });
  assert.deepEqual(processed, { processed: 1, failed: 0, retried: 0 });
  assert.equal(fake.callsOf('externalcontact/get').length, 1);

  const [{ customer_id: id }] = await store.db.query<{ customer_id: number }>(
    `SELECT customer_id FROM customer_identities WHERE workspace_id = 'e2e' AND kind = 'external_user_id' AND value = 'wmWangFang'`) as [{ customer_id: number }];
  const c = await api.get(`/api/v1/customers/${id}`);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.name, '王芳');
  assert.equal(c.json.gender, 'female');
  assert.equal(c.json.channel, 'spring-fair');
  assert.equal(c.json.ownerStaff, 'zhangsan');
  assert.ok(c.json.identities.some((i: { kind: string }) => i.kind === 'union_id'));
  assert.ok(c.json.identities.some((i: { kind: string }) => i.kind === 'phone'));
  const tags = c.json.tags.map((t: { group: string; tag: string }) => `${t.group}/${t.tag}`);
  assert.ok(tags.includes('渠道活码/spring-fair'), tags.join(', '));
  assert.ok(tags.includes('信任等级/L0 陌生人'), tags.join(', '));

  const plan = await sendMassMessage(store.db, 'e2e', {
    filter: { field: 'tag', op: 'has', tag: '渠道活码/spring-fair' }, content: '{name}您好，春季新品到店', purpose: 'service', channel: 'private_chat', dryRun: false,
    actor: { kind: 'staff', id: 'ops' }, scope: { kind: 'all' }, now: new Date(clock),
  });
  assert.equal(plan.recipients, 1, JSON.stringify(plan));
  const taskId = plan.perStaff[0]!.taskId!;
  const delivered = await deliverMassMessages(store.db, 'e2e', { now: clock, clientFactory });
  assert.equal(delivered.created.length, 1, JSON.stringify(delivered));
  const call = fake.callsOf('externalcontact/add_msg_template')[0]!;
  assert.deepEqual(call.body!.external_userid, ['wmWangFang']);
  assert.equal(call.body!.sender, 'zhangsan');
  assert.equal((call.body!.text as { content: string }).content, '您好，春季新品到店');
  // Delivering again does not create a second WeCom task.
  await deliverMassMessages(store.db, 'e2e', { now: clock, clientFactory });
  assert.equal(fake.callsOf('externalcontact/add_msg_template').length, 1);

  // Not confirmed in the client yet: the task stays pending.
  assert.equal((await collectMassMessageResults(store.db, 'e2e', { now: clock, clientFactory })).waiting, 1);
  assert.equal((await getTask(store.db, 'e2e', taskId)).status, 'pending');
  fake.confirmMassMessage(delivered.created[0]!.msgid);
  clock += 60_000;
  const results = await collectMassMessageResults(store.db, 'e2e', { now: clock, clientFactory });
  assert.deepEqual([results.sent, results.settledTasks], [1, [taskId]]);
  assert.equal((await getTask(store.db, 'e2e', taskId)).status, 'sent');
});

test('the customer deletes the staff member: contact.removed by customer', async () => {
  fake.removeFollow('wmWangFang', 'zhangsan');
  clock += 60_000;
  const ack = await fake.sendCallback({ Event: 'change_external_contact', ChangeType: 'del_follow_user', UserID: 'zhangsan', ExternalUserID: 'wmWangFang' });
  assert.equal(ack.text, 'success');
  assert.equal((await processWecomInbox(store.db, { now: clock, clientFactory })).processed, 1);
  const [e] = await store.db.query<{ data: { by: string } }>(`SELECT data FROM events WHERE workspace_id = 'e2e' AND type = 'contact.removed'`);
  assert.equal(e!.data.by, 'customer');
});
