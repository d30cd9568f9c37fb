import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { encryptMessage, signature } from '../wecom/index.ts';
import { vectors } from '../wecom/testing.ts';
import { testApi, type TestApi } from './testing.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

let store: TestStore;
let api: TestApi;
/** The server clock, set near each request's timestamp (the official examples are from 2014). */
let clock = Date.now();
const v = vectors.crypto_vectors.find((x) => x.id === 'official-doc-90968-post')!;
const echo = vectors.crypto_vectors.find((x) => x.id === 'official-doc-echostr')!;
const CB = '/api/v1/wecom/callback/wx';

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: 'wx' });
  api = testApi(store.db, { workspace: 'wx', now: () => clock });
  const r = await api.put('/api/v1/wecom/config', { corpId: v.receive_id, token: v.token, aesKey: v.encoding_aes_key, secret: 'corp-secret-123456' });
  assert.equal(r.status, 200, r.text);
});
after(() => store.close());

const anonymous = () => api.as('anonymous');
const rejects = async () => (await store.db.query<{ n: number }>(`SELECT coalesce(sum(requests), 0)::int AS n FROM refused_requests WHERE workspace_id = 'wx' AND channel = 'wecom'`))[0]!.n;
const inboxRows = async () => (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM wecom_inbox WHERE workspace_id = 'wx'`))[0]!.n;

test('configuration: secrets sealed at rest, masked when shown, bad keys refused', async () => {
  const shown = await api.get('/api/v1/wecom/config');
  assert.equal(shown.status, 200);
  assert.equal(shown.json.corpId, v.receive_id);
  assert.equal(shown.json.callbackPath, CB);
  assert.ok(!shown.text.includes('corp-secret-123456') && !shown.text.includes(v.encoding_aes_key));
  const [row] = await store.db.query<Record<string, string>>(`SELECT * FROM wecom_config WHERE workspace_id = 'wx'`);
  assert.ok(!JSON.stringify(row).includes('corp-secret-123456') && !JSON.stringify(row).includes(v.encoding_aes_key));
  const bad = await api.put('/api/v1/wecom/config', { corpId: 'x', token: 'tok', aesKey: 'short', secret: 's' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /aesKey/);
});

test('URL verification answers the decrypted echostr of the official GET line, and nothing else', async () => {
  const query = echo.request_line!.replace(/^GET \/cgi-bin\/wxpush/, '');
  clock = Number(echo.timestamp) * 1000 + 30_000;
  const r = await anonymous().call('GET', `${CB}${query}`);
  assert.equal(r.status, 200);
  assert.equal(r.text, echo.expected_plaintext);
  const bad = await anonymous().call('GET', `${CB}${query.replace('nonce=263014780', 'nonce=263014781')}`);
  assert.equal(bad.status, 401);
  assert.equal(bad.json.details.wecomCode, -40001);
});

test('POST of the official example is stored once; a retry is a duplicate', async () => {
  const q = `?msg_signature=${v.msg_signature}&timestamp=${v.timestamp}&nonce=${v.nonce}`;
  clock = Number(v.timestamp) * 1000 - 30_000;
  const before = await inboxRows();
  const r = await anonymous().call('POST', `${CB}${q}`, v.post_body!, { 'content-type': 'text/xml' });
  assert.equal(r.status, 200);
  assert.equal(r.text, 'success');
  const again = await anonymous().call('POST', `${CB}${q}`, v.post_body!, { 'content-type': 'text/xml' });
  assert.equal(again.text, 'success');
  assert.equal(await inboxRows(), before + 1);
  const inbox = await api.get('/api/v1/wecom/inbox');
  assert.equal(inbox.json.callbacks[0].duplicates, 1);
  assert.equal(inbox.json.callbacks[0].status, 'ignored'); // a text message is not a customer-contact event
});

test('bad signature, wrong corp id, bad padding and malformed XML get their codes, are logged and change nothing', async () => {
  const send = (encrypt: string, sig?: string, body?: string) => {
    const ts = '1700000000';
    const nonce = 'n1';
    return anonymous().call('POST', `${CB}?msg_signature=${sig ?? signature(v.token, ts, nonce, encrypt)}&timestamp=${ts}&nonce=${nonce}`,
      body ?? `<xml><ToUserName><![CDATA[${v.receive_id}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, { 'content-type': 'text/xml' });
  };
  clock = 1_700_000_100_000;
  const rows = await inboxRows();
  const logged = await rejects();
  const event = '<xml><Event>change_external_contact</Event><ChangeType>del_follow_user</ChangeType><UserID>u</UserID><ExternalUserID>wm</ExternalUserID><CreateTime>1</CreateTime></xml>';
  const good = encryptMessage(v.encoding_aes_key, event, v.receive_id, Buffer.alloc(16, 7));
  const cases: [string, Awaited<ReturnType<typeof send>>, number, number][] = [
    ['signature', await send(good, '0'.repeat(40)), 401, -40001],
    ['corp id', await send(encryptMessage(v.encoding_aes_key, event, 'wwOTHER', Buffer.alloc(16, 1))), 400, -40005],
    ['padding', await send(Buffer.alloc(64, 3).toString('base64')), 400, -40008],
    ['xml envelope', await send(good, undefined, '<xml><Encrypt>oops</xml>'), 400, -40002],
    ['doctype', await send(good, undefined, '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>'), 400, -40002],
    ['inner xml', await send(encryptMessage(v.encoding_aes_key, '<xml><Event>x', v.receive_id, Buffer.alloc(16, 2))), 400, -40002],
  ];
  for (const [what, r, status, code] of cases) {
    assert.equal(r.status, status, `${what}: ${r.text}`);
    assert.equal(r.json.details.wecomCode, code, what);
  }
  assert.equal(await inboxRows(), rows);
  assert.equal(await rejects(), logged + cases.length);
  const inbox = await api.get('/api/v1/wecom/inbox');
  assert.equal(inbox.json.rejected[0].wecomCode, -40002);
});

test('a workspace without WeCom configured answers 404; management needs a signed-in admin', async () => {
  const r = await anonymous().call('GET', '/api/v1/wecom/callback/nowhere?echostr=x');
  assert.equal(r.status, 404);
  assert.equal((await anonymous().get('/api/v1/wecom/config')).status, 401);
  assert.equal((await api.as({ role: 'staff', staffId: 'zs' }).get('/api/v1/wecom/config')).status, 403);
});
