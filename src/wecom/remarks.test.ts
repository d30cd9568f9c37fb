/**
 * Remarks both ways against the fake WeCom (spec §4.13): a Siyu edit is written to the
 * owning member's contact, WeCom's remark comes into the record on sync and on an edit
 * callback, a waiting Siyu edit is not overwritten, and a refusal is kept on the record.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getRecord, updateRecord } from '../record/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { receiveCallback } from './callback.ts';
import { clearTokenCache, createWecomClient } from './client.ts';
import { defaultClientFactory, setWecomConfig } from './config.ts';
import { FakeWecom } from './fake/server.ts';
import { processWecomInbox } from './process.ts';
import { pushRemarks } from './remarks.ts';
import { syncWecom } from './sync.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const WS = 'remarks';
const T0 = Date.parse('2026-12-07T10:00:00+08:00');
const TODAY = '2026-12-07';
const now = () => T0;
let store: TestStore;
let fake: FakeWecom;
const clientFactory = defaultClientFactory({ sleep: async () => {}, now });
const actor = { kind: 'staff' as const, id: 'ops' };

const customerOf = async (ext: string) => Number((await store.db.query<{ customer_id: number }>(
  `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = 'external_user_id' AND value = $2`, [WS, ext]))[0]!.customer_id);
const record = async (ext: string) => getRecord(store.db, WS, await customerOf(ext), { today: TODAY });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: WS });
  fake = new FakeWecom({ now });
  await fake.start();
  clearTokenCache();
  await setWecomConfig(store.db, WS, { corpId: fake.corpId, token: fake.token, aesKey: fake.aesKey, secret: fake.secret, apiBase: fake.url });
  fake.addContact({ externalUserId: 'wm1', userId: 'zhangsan', name: '王芳', createtime: T0 / 1000 - 86_400 });
  fake.addContact({ externalUserId: 'wm1', userId: 'lisi', createtime: T0 / 1000 - 3600 });
  fake.addContact({ externalUserId: 'wm2', userId: 'lisi', name: '陈静', createtime: T0 / 1000 - 86_400 });
  fake.contacts.get('wm1')!.follows.get('zhangsan')!.remark = '王姐·老客户';
  fake.contacts.get('wm1')!.follows.get('zhangsan')!.description = '喜欢红茶';
  fake.contacts.get('wm1')!.follows.get('lisi')!.remark = '李四的备注';
});
after(async () => {
  await fake.stop();
  await store.close();
});

test('sync brings the owning member\'s remark and description into the record, not another member\'s', async () => {
  await syncWecom(store.db, WS, { now: T0, clientFactory });
  const r = await record('wm1');
  assert.equal(r.remark, '王姐·老客户');
  assert.equal(r.description, '喜欢红茶');
  assert.equal(r.remarkSync.pending, false);
  assert.ok(r.remarkSync.syncedAt);
});

test('a Siyu edit is written to the owner\'s contact in WeCom; a clearing edit clears it there', async () => {
  const id = await customerOf('wm1');
  await updateRecord(store.db, WS, id, { remark: '王姐·VIP', description: null }, { today: TODAY, actor });
  const report = await pushRemarks(store.db, WS, { clientFactory });
  assert.deepEqual(report, { pushed: 1, local: 0, failed: [], retried: 0 });
  const f = fake.contacts.get('wm1')!.follows.get('zhangsan')!;
  assert.equal(f.remark, '王姐·VIP');
  assert.equal(f.description, '');
  assert.equal(fake.contacts.get('wm1')!.follows.get('lisi')!.remark, '李四的备注', 'another member\'s remark is theirs');
  assert.equal((await record('wm1')).remarkSync.pending, false);
  assert.equal((await pushRemarks(store.db, WS, { clientFactory })).pushed, 0, 'nothing waits: nothing is written twice');
});

test('a waiting Siyu edit is not overwritten by what WeCom still says; WeCom\'s later edit comes in by callback', async () => {
  const id = await customerOf('wm2');
  await updateRecord(store.db, WS, id, { remark: '陈静·新' }, { today: TODAY, actor });
  fake.contacts.get('wm2')!.follows.get('lisi')!.remark = '旧的';
  await syncWecom(store.db, WS, { now: T0, clientFactory });
  // The sync pushed Siyu's edit first, then read it back.
  assert.equal((await record('wm2')).remark, '陈静·新');
  assert.equal(fake.contacts.get('wm2')!.follows.get('lisi')!.remark, '陈静·新');
  fake.contacts.get('wm2')!.follows.get('lisi')!.remark = '陈静·店长改的';
  const { query, body } = fake.signedCallback({ Event: 'change_external_contact', ChangeType: 'edit_external_contact', UserID: 'lisi', ExternalUserID: 'wm2' });
  assert.ok((await receiveCallback(store.db, WS, query, body)).ok);
  await processWecomInbox(store.db, { now: T0, clientFactory });
  assert.equal((await record('wm2')).remark, '陈静·店长改的');
});

test('WeCom\'s refusal is kept on the record and not retried; a rate limit is retried', async () => {
  const id = await customerOf('wm2');
  await updateRecord(store.db, WS, id, { remark: '再改一次' }, { today: TODAY, actor });
  fake.failNext('externalcontact/remark', 45009, 1);
  const noRetry = defaultClientFactory({ sleep: async () => { throw new Error('no retries here'); }, now });
  await assert.rejects(pushRemarks(store.db, WS, { clientFactory: noRetry }));
  assert.equal((await record('wm2')).remarkSync.pending, true, 'still waiting after a rate limit');
  fake.clearFailures();
  fake.removeFollow('wm2', 'lisi');
  const report = await pushRemarks(store.db, WS, { clientFactory });
  assert.equal(report.failed.length, 1);
  assert.match(report.failed[0]!.reason, /40096|84061/);
  const r = await record('wm2');
  assert.equal(r.remarkSync.pending, false);
  assert.match(r.remarkSync.error ?? '', /externalcontact\/remark/);
});

test('the fake answers §4.13\'s documented errors', async () => {
  const client = createWecomClient({ corpId: fake.corpId, secret: fake.secret, apiBase: fake.url, sleep: async () => {}, now });
  await assert.rejects(client.remark({ userid: 'zhangsan', external_userid: 'wm1', remark: '一'.repeat(21) }), /40058/);
  await assert.rejects(client.remark({ userid: 'zhangsan', external_userid: 'wm1' }), /40058/);
  await assert.rejects(client.remark({ userid: 'nobody', external_userid: 'wm1', remark: 'x' }), /60011/);
  await assert.rejects(client.remark({ userid: 'zhangsan', external_userid: 'wm404', remark: 'x' }), /40096/);
  fake.addUser('wangwu');
  await assert.rejects(client.remark({ userid: 'wangwu', external_userid: 'wm1', remark: 'x' }), /84061/);
});
