import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, type TestApi } from '../http/testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { createMomentTask, sendWelcomeMessage } from './actions.ts';
import { receiveCallback } from './callback.ts';
import { clearTokenCache } from './client.ts';
import { defaultClientFactory } from './config.ts';
import { FakeWecom } from './fake/server.ts';
import { processWecomInbox } from './process.ts';
import { syncWecom } from './sync.ts';
import { startWecomWorker } from './worker.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'acts';
let store: TestStore;
let fake: FakeWecom;
let api: TestApi;
const clientFactory = defaultClientFactory({ sleep: async () => {} });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  fake = new FakeWecom();
  await fake.start();
  clearTokenCache();
  api = testApi(store.db, { workspace: WS });
  const r = await api.put('/api/v1/wecom/config', { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  assert.equal(r.status, 200, r.text);
  for (const id of ['wmA', 'wmB']) fake.addContact({ externalUserId: id, userId: 'leaver', name: id });
  fake.addUser('taker');
  await syncWecom(store.db, WS, { clientFactory });
});
after(async () => {
  await fake.stop();
  await store.close();
});

test('离职继承: the leaving member\'s customers are handed over; a refusal arrives as transfer_fail', async () => {
  const r = await api.post('/api/v1/wecom/transfers', { from: 'leaver', to: 'taker' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.started.sort(), ['wmA', 'wmB']);
  assert.equal(fake.callsOf('externalcontact/resigned/transfer_customer').length, 1);
  const { query, body } = fake.signedCallback({ Event: 'change_external_contact', ChangeType: 'transfer_fail', FailReason: 'customer_refused', UserID: 'taker', ExternalUserID: 'wmB' });
  assert.ok((await receiveCallback(store.db, WS, query, body)).ok);
  await processWecomInbox(store.db, { clientFactory });
  const jobs = await store.db.query<{ ref: string; status: string }>(`SELECT ref, status FROM wecom_jobs WHERE workspace_id = $1 AND kind = 'transfer' ORDER BY ref`, [WS]);
  assert.deepEqual(jobs.map((j) => `${j.ref} ${j.status}`), ['wmA:taker waiting', 'wmB:taker failed']);
  // WeCom completes the rest; the next reconciliation sees the taker as the follow user.
  fake.completeTransfers();
  const rec = await api.post('/api/v1/wecom/reconcile');
  assert.equal(rec.status, 200, rec.text);
  assert.ok(rec.json.contactsAdded.includes('wmA ↔ taker'));
});

test('Moments task and welcome message go through the API', async () => {
  const m = await createMomentTask(store.db, WS, { content: '新品上市', staffIds: ['taker'] }, { clientFactory });
  assert.equal(m.status, 3);
  assert.ok(m.momentId);
  assert.deepEqual(await sendWelcomeMessage(store.db, WS, { welcomeCode: 'WELCOME1', content: '欢迎' }, { clientFactory }), { sent: true });
  assert.equal((await sendWelcomeMessage(store.db, WS, { welcomeCode: 'expired', content: '欢迎' }, { clientFactory })).sent, false);
});

test('channel codes: the state is validated; the list shows what was made', async () => {
  const bad = await api.post('/api/v1/wecom/contact-ways', { channel: '带空格 的渠道', staffId: 'taker' });
  assert.equal(bad.status, 422);
  assert.equal((await api.post('/api/v1/wecom/contact-ways', { channel: 'store-01', staffId: 'taker' })).status, 201);
  const list = await api.get('/api/v1/wecom/contact-ways');
  assert.deepEqual(list.json.map((w: { channel: string }) => w.channel), ['store-01']);
});

test('WeCom being down is a 502 with the errcode, not a crash', async () => {
  fake.failNext('externalcontact/get_follow_user_list', 48002, 1);
  const r = await api.post('/api/v1/wecom/reconcile');
  assert.equal(r.status, 502);
  assert.equal(r.json.details.errcode, 48002);
});

test('a configured welcome message is sent with the WelcomeCode of a new contact, once', async () => {
  const r = await api.put('/api/v1/wecom/config', {
    corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url, welcomeMessage: '{name}，欢迎光临！',
  });
  assert.equal(r.json.welcomeMessage, '{name}，欢迎光临！');
  const follow = fake.addContact({ externalUserId: 'wmNew', userId: 'taker', name: '韩梅梅' });
  const cb = fake.signedCallback({
    Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'taker', ExternalUserID: 'wmNew', WelcomeCode: 'WELCOME42', CreateTime: follow.createtime!,
  });
  assert.ok((await receiveCallback(store.db, WS, cb.query, cb.body)).ok);
  assert.ok((await receiveCallback(store.db, WS, cb.query, cb.body)).ok);
  await processWecomInbox(store.db, { clientFactory });
  await processWecomInbox(store.db, { clientFactory });
  const sent = fake.callsOf('externalcontact/send_welcome_msg').filter((c) => c.body!.welcome_code === 'WELCOME42');
  assert.equal(sent.length, 1);
  assert.deepEqual(sent[0]!.body!.text, { content: '韩梅梅，欢迎光临！' });
});

test('the background worker processes a stored callback at once', async () => {
  const lines: string[] = [];
  const worker = startWecomWorker(store.db, { clientFactory, everyMs: 60_000, log: (l) => lines.push(l) });
  try {
    fake.addContact({ externalUserId: 'wmBg', userId: 'taker', name: '后台' });
    const cb = fake.signedCallback({ Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'taker', ExternalUserID: 'wmBg' });
    assert.ok((await receiveCallback(store.db, WS, cb.query, cb.body)).ok);
    let status = '';
    for (let i = 0; i < 100 && status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await store.db.query<{ status: string }>(`SELECT status FROM wecom_inbox WHERE workspace_id = $1 ORDER BY inbox_id DESC LIMIT 1`, [WS]))[0]!.status;
    }
    assert.equal(status, 'done');
  } finally {
    await worker.stop();
  }
});
