import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearTokenCache, createWecomClient, WecomApiError } from './client.ts';
import { FakeWecom } from './fake/server.ts';

async function withFake(fn: (fake: FakeWecom, waits: number[]) => Promise<void>, maxPage = 100): Promise<void> {
  const fake = new FakeWecom({ maxPage });
  await fake.start();
  clearTokenCache();
  try {
    await fn(fake, []);
  } finally {
    await fake.stop();
  }
}

const clientOf = (fake: FakeWecom, waits: number[] = [], extra: { secret?: string; timeoutMs?: number } = {}) =>
  createWecomClient({
    corpId: fake.corpId, secret: extra.secret ?? fake.secret, apiBase: fake.url, sleep: async (ms) => { waits.push(ms); },
    ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
  });

test('the access token is fetched once, cached, and refreshed once when WeCom says it expired', () =>
  withFake(async (fake) => {
    fake.addUser('zhangsan');
    const client = clientOf(fake);
    assert.deepEqual(await client.getFollowUserList(), ['zhangsan']);
    assert.deepEqual(await client.getFollowUserList(), ['zhangsan']);
    // Another client for the same corp and secret shares the cache.
    await clientOf(fake).getFollowUserList();
    assert.equal(fake.callsOf('gettoken').length, 1);
    fake.expireTokens();
    assert.deepEqual(await client.getFollowUserList(), ['zhangsan']);
    assert.equal(fake.callsOf('gettoken').length, 2);
    assert.equal(fake.calls.filter((c) => c.errcode === 42001).length, 1);
    // 40014 (invalid token) twice in a row: refreshed once, then the error surfaces.
    fake.failNext('externalcontact/get_follow_user_list', 40014, 2);
    await assert.rejects(client.getFollowUserList(), (e: WecomApiError) => e.errcode === 40014 && e.kind === 'token');
  }));

test('a wrong secret is a typed config error, not retried', () =>
  withFake(async (fake) => {
    await assert.rejects(clientOf(fake, [], { secret: 'wrong' }).getFollowUserList(),
      (e: WecomApiError) => e.errcode === 40001 && e.kind === 'config' && e.code === 'upstream_failed');
    assert.equal(fake.calls.filter((c) => c.path === 'gettoken').length, 1);
  }));

test('45009 frequency limits back off and succeed; past the schedule the error surfaces', () =>
  withFake(async (fake, waits) => {
    fake.addUser('lisi');
    fake.failNext('externalcontact/get_follow_user_list', 45009, 2);
    const client = clientOf(fake, waits);
    assert.deepEqual(await client.getFollowUserList(), ['lisi']);
    assert.deepEqual(waits, [2_000, 10_000]);
    fake.failNext('externalcontact/mark_tag', 45009, 10);
    await assert.rejects(client.markTag({ userid: 'lisi', external_userid: 'x', add_tag: ['y'] }), (e: WecomApiError) => e.kind === 'rate_limited');
    assert.deepEqual(waits.slice(2), [2_000, 10_000, 30_000, 60_000]);
  }));

test('batch/get_by_user pages by cursor to the end; typed errors for bad ids', () =>
  withFake(async (fake) => {
    for (let i = 0; i < 7; i++) fake.addContact({ externalUserId: `wm${i}`, userId: i % 2 ? 'a' : 'b', name: `客户${i}` });
    const client = clientOf(fake);
    const seen: string[] = [];
    for await (const c of client.allContacts(['a', 'b'])) seen.push(`${c.follow_info.userid}:${c.external_contact.external_userid}`);
    assert.equal(seen.length, 7);
    assert.equal(fake.callsOf('externalcontact/batch/get_by_user').length, 4);
    await assert.rejects(client.getContact('nobody'), (e: WecomApiError) => e.errcode === 40096 && e.kind === 'invalid');
  }, 2));

test('every call is bounded in time', async () => {
  const { createServer } = await import('node:http');
  const silent = createServer(() => { /* never answers */ });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const port = (silent.address() as { port: number }).port;
  const waits: number[] = [];
  const client = createWecomClient({ corpId: 'c', secret: 's', apiBase: `http://127.0.0.1:${port}/cgi-bin/`, timeoutMs: 100, sleep: async (ms) => { waits.push(ms); } });
  const started = performance.now();
  await assert.rejects(client.getFollowUserList(), (e: WecomApiError) => e.errcode === 'transport' && /within 100 ms/.test(e.message));
  assert.ok(performance.now() - started < 2_000);
  silent.closeAllConnections();
  silent.close();
});
