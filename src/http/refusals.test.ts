import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi } from './testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { signature } from '../wecom/index.ts';
import { signBody } from '../shop/index.ts';
import { vectors } from '../wecom/testing.ts';
import { housekeepingPass } from './housekeeping.ts';
import { CALLBACK_REFUSALS_PER_MINUTE } from './wecom.routes.ts';
import { WEBHOOK_REFUSALS_PER_MINUTE } from './shop.routes.ts';

process.env.SIYU_SECRET_KEY ??= 'siyu-test-secret-key';

const ws = 'refusals';
const v = vectors.crypto_vectors.find((x) => x.id === 'official-doc-90968-post')!;
const CB = `/api/v1/wecom/callback/${ws}`;
let clock = Date.parse('2026-12-01T04:00:10Z');
let store: TestStore;
let admin: TestApi;
let secret = '';

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  admin = testApi(store.db, { workspace: ws, now: () => clock });
  assert.equal((await admin.put('/api/v1/wecom/config', { corpId: v.receive_id, token: v.token, aesKey: v.encoding_aes_key, secret: 'corp-secret-123456' })).status, 200);
  const added = await admin.post('/api/v1/shop/sources', { source: 'youzan' });
  assert.equal(added.status, 201, added.text);
  secret = added.json.secret;
});
after(() => store.close());

async function warningsOf<T>(fn: () => Promise<T>): Promise<{ result: T; warned: number }> {
  let warned = 0;
  const original = console.warn;
  console.warn = () => { warned++; };
  try {
    return { result: await fn(), warned };
  } finally {
    console.warn = original;
  }
}
const rows = async (channel: string) =>
  (await store.db.query<{ n: number; requests: number }>(`SELECT count(*)::int AS n, coalesce(sum(requests), 0)::int AS requests FROM refused_requests WHERE workspace_id = $1 AND channel = $2`, [ws, channel]))[0]!;
const count = (rs: { status: number }[], status: number) => rs.filter((r) => r.status === status).length;

/** A callback signed correctly (the ciphertext is no message; the timestamp is what is tested). */
function callback(api: TestApi, timestamp: string, sig?: string) {
  const encrypt = Buffer.alloc(64, 5).toString('base64');
  const nonce = 'n7';
  return api.call('POST', `${CB}?msg_signature=${sig ?? signature(v.token, timestamp, nonce, encrypt)}&timestamp=${encodeURIComponent(timestamp)}&nonce=${nonce}`,
    `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, { 'content-type': 'text/xml' });
}

test('WeCom callbacks with a timestamp far from the server clock (2010, 2100, "abc") are refused before anything else', async () => {
  const api = admin.as('anonymous', '198.51.100.1');
  for (const ts of ['1262304000', '4102444800', 'abc', String(Math.floor(clock / 1000) - 301)]) {
    const r = await callback(api, ts);
    assert.equal(r.status, 401, ts);
    assert.equal(r.json.details.wecomCode, -40001, ts);
    assert.match(r.json.message, /timestamp/, ts);
  }
  // Within the window the signature is checked and the (garbage) ciphertext fails later.
  const fresh = await callback(api, String(Math.floor(clock / 1000) - 100));
  assert.equal(fresh.status, 400);
  assert.equal(fresh.json.details.wecomCode, -40008);
});

test('a flood of bad WeCom callbacks: counted per minute in one row, one log line, the sender turned away after the limit', async () => {
  clock += 60_000;
  const before = await rows('wecom');
  const flood = admin.as('anonymous', '203.0.113.50');
  const { result, warned } = await warningsOf(async () => [
    await callback(flood, String(Math.floor(clock / 1000)), '0'.repeat(40)),
    ...await Promise.all(Array.from({ length: 199 }, () => callback(flood, String(Math.floor(clock / 1000)), '0'.repeat(40)))),
  ]);
  assert.equal(count(result, 401), CALLBACK_REFUSALS_PER_MINUTE);
  assert.equal(count(result, 429), 200 - CALLBACK_REFUSALS_PER_MINUTE);
  assert.equal(warned, 1);
  const after = await rows('wecom');
  assert.deepEqual([after.n - before.n, after.requests - before.requests], [1, CALLBACK_REFUSALS_PER_MINUTE]);
  // Another sender is not affected; the flooder is let in again the next minute.
  assert.equal((await callback(admin.as('anonymous', '203.0.113.51'), String(Math.floor(clock / 1000)), '0'.repeat(40))).status, 401);
  clock += 61_000;
  assert.equal((await callback(flood, String(Math.floor(clock / 1000)), '0'.repeat(40))).status, 401);
  const inbox = await admin.get('/api/v1/wecom/inbox');
  assert.equal(inbox.json.rejected[0].wecomCode, -40001);
  assert.ok(inbox.json.rejected.some((r: { requests: number }) => r.requests === CALLBACK_REFUSALS_PER_MINUTE + 1));
});

test('refused shop webhooks are counted per minute, turned away after the limit, and the counts expire', async () => {
  const body = JSON.stringify({ orderId: 'o-1', status: 'paid', amount: '1.00', paidAt: '2026-11-20T10:00:00+08:00', phone: '13800138000' });
  const send = (api: TestApi, sig: string) => api.call('POST', `/api/v1/webhooks/orders/youzan?workspace=${ws}`, body, {
    'content-type': 'application/json', 'x-siyu-timestamp': String(Math.floor(clock / 1000)), 'x-siyu-signature': sig,
  });
  const before = await rows('shop');
  const flood = admin.as('anonymous', '203.0.113.60');
  const { result, warned } = await warningsOf(async () => [
    await send(flood, 'sha256=00'),
    ...await Promise.all(Array.from({ length: 99 }, () => send(flood, 'sha256=00'))),
  ]);
  assert.equal(count(result, 401), WEBHOOK_REFUSALS_PER_MINUTE);
  assert.equal(count(result, 429), 100 - WEBHOOK_REFUSALS_PER_MINUTE);
  assert.equal(warned, 1);
  const after = await rows('shop');
  assert.deepEqual([after.n - before.n, after.requests - before.requests], [1, WEBHOOK_REFUSALS_PER_MINUTE]);
  const deliveries = await admin.get('/api/v1/shop/deliveries');
  assert.equal(deliveries.json.length, 1);
  assert.deepEqual([deliveries.json[0].outcome, deliveries.json[0].requests], ['rejected', WEBHOOK_REFUSALS_PER_MINUTE]);
  // A good delivery from the same sender is not counted as a refusal and still lands.
  const good = await send(admin.as('anonymous', '203.0.113.61'), signBody(secret, Math.floor(clock / 1000), body));
  assert.equal(good.status, 200, good.text);
  // Housekeeping a month later: the counts are gone.
  await housekeepingPass(store.db, clock + 31 * 24 * 3600_000, () => {});
  assert.deepEqual(await rows('shop'), { n: 0, requests: 0 });
  assert.deepEqual(await rows('wecom'), { n: 0, requests: 0 });
});
