import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi } from './testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { createSession, createUser } from '../auth/index.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './principal.ts';

const ws = 'lockout-http';
const now = Date.parse('2026-12-01T04:00:00Z');
const password = 'amber-river-42';
let store: TestStore;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
});
after(() => store.close());

const system = { kind: 'system', id: 'test' } as const;
async function user(login: string) {
  return (await createUser(store.db, ws, { login, role: 'operator', password }, system, new Date(now))).user;
}
const signIn = (api: TestApi, username: string, pw: string, headers: Record<string, string> = {}) =>
  api.call('POST', '/api/v1/auth/login', { username, password: pw }, headers);
const statuses = (rs: { status: number }[]) => rs.map((r) => r.status).sort().join(',');
const count = (rs: { status: number }[], status: number) => rs.filter((r) => r.status === status).length;

test('parallel guesses are counted one by one: 100 at once get 5 answers, the rest 429, and the login stays locked', async () => {
  await user('para1');
  const api = testApi(store.db, { now: () => now, as: 'anonymous', remoteAddress: '198.51.100.10' });
  const guesses = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(api.as('anonymous', `198.51.100.${20 + (i % 50)}`), 'para1', `wrong-${i}`)));
  assert.deepEqual([count(guesses, 401), count(guesses, 429)], [5, 95], statuses(guesses));
  assert.equal((await signIn(api, 'para1', password)).status, 429);
  // 13 wrong and the right one at once: at most 5 of them are checked at all.
  await user('para2');
  const mixed = await Promise.all([
    ...Array.from({ length: 13 }, (_, i) => signIn(api.as('anonymous', `198.51.100.${100 + i}`), 'para2', `wrong-${i}`)),
    signIn(api.as('anonymous', '198.51.100.200'), 'para2', password),
  ]);
  assert.equal(count(mixed, 429), 9, statuses(mixed));
  const right = mixed.at(-1)!;
  assert.ok(right.status === 200 || right.status === 429, statuses(mixed));
});

test('an address is locked after 20 failures even with successful sign-ins of others in between', async () => {
  await user('good1');
  const api = testApi(store.db, { now: () => now, as: 'anonymous', remoteAddress: '203.0.113.7' });
  for (let i = 0; i < 19; i++) assert.equal((await signIn(api, `spray-a${i}`, 'x')).status, 401);
  assert.equal((await signIn(api, 'good1', password)).status, 200);
  const second = [];
  for (let i = 0; i < 19; i++) second.push(await signIn(api, `spray-b${i}`, 'x'));
  assert.deepEqual([count(second, 401), count(second, 429)], [1, 18], statuses(second));
  assert.equal((await signIn(api, 'good1', password)).status, 429);
  // Parallel spraying from a fresh address: 20 are checked, no more.
  const spray = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(api.as('anonymous', '203.0.113.8'), `spray-c${i}`, 'x')));
  assert.deepEqual([count(spray, 401), count(spray, 429)], [20, 40], statuses(spray));
});

test('behind a trusted proxy each client has its own address; X-Forwarded-For from anyone else is ignored', async () => {
  await user('office1');
  const proxied = testApi(store.db, { now: () => now, as: 'anonymous', remoteAddress: '10.0.0.2', trustedProxies: '10.0.0.0/8, fd00::/8' });
  const xff = (client: string) => ({ 'x-forwarded-for': `${client}, 10.0.0.9` });
  for (let i = 0; i < 20; i++) assert.equal((await signIn(proxied, `spray-d${i}`, 'x', xff('192.0.2.66'))).status, 401);
  assert.equal((await signIn(proxied, 'office1', password, xff('192.0.2.66'))).status, 429, 'the guessing client is locked');
  assert.equal((await signIn(proxied, 'office1', password, xff('192.0.2.67'))).status, 200, 'a colleague behind the same proxy is not');
  // A direct caller cannot choose its address by writing the header.
  const direct = proxied.as('anonymous', '192.0.2.99');
  for (let i = 0; i < 20; i++) assert.equal((await signIn(direct, `spray-e${i}`, 'x', { 'x-forwarded-for': `198.18.0.${i}` })).status, 401);
  assert.equal((await signIn(direct, 'office1', password, { 'x-forwarded-for': '198.18.0.200' })).status, 429);
  assert.throws(() => testApi(store.db, { trustedProxies: '10.0.0.0/33' }), /SIYU_TRUSTED_PROXIES: "10\.0\.0\.0\/33"/);
  // Cookies are Secure when a trusted proxy says the client came over HTTPS, not when anyone says so.
  const secureCookie = (r: { headers: Headers }) => r.headers.getSetCookie().some((c) => /^siyu_session=.*; Secure/.test(c));
  const viaProxy = await signIn(proxied, 'office1', password, { ...xff('192.0.2.68'), 'x-forwarded-proto': 'https' });
  assert.deepEqual([viaProxy.status, secureCookie(viaProxy)], [200, true]);
  const claimed = await signIn(proxied.as('anonymous', '192.0.2.98'), 'office1', password, { 'x-forwarded-proto': 'https' });
  assert.deepEqual([claimed.status, secureCookie(claimed)], [200, false]);
});

test('guesses of the current password are limited like sign-ins, parallel ones too', async () => {
  const u = await user('changer1');
  const s = await createSession(store.db, u, new Date(now));
  const api = testApi(store.db, { now: () => now, as: 'anonymous' });
  const headers = { cookie: `${SESSION_COOKIE}=${s.sessionId}; ${CSRF_COOKIE}=${s.csrfToken}`, [CSRF_HEADER]: s.csrfToken };
  const change = (current: string) => api.call('POST', '/api/v1/auth/password', { currentPassword: current, newPassword: 'new-harbor-9931' }, headers);
  const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => change(`guess-${i}`)));
  assert.deepEqual([count(guesses, 403), count(guesses, 429)], [5, 25], statuses(guesses));
  const locked = await change(password);
  assert.equal(locked.status, 429);
  assert.match(locked.json.message, /try again in 15 minutes/);
  assert.equal((await testApi(store.db, { now: () => now + 16 * 60_000, as: 'anonymous' }).call('POST', '/api/v1/auth/password',
    { currentPassword: password, newPassword: 'new-harbor-9931' }, headers)).status, 200);
});
