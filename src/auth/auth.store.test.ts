import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import {
  createSession, createToken, createUser, ensureFirstAdmin, hashPassword, listTokens, login, revokeToken, sessionUser,
  setPassword, tokenPrincipal, unlockUser, updateUser, verifyPassword, SESSION_IDLE_MS,
} from './index.ts';
import { SiyuError } from '../shared/errors.ts';

const ws = 'auth-store';
const t0 = Date.parse('2026-11-30T02:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const admin = { kind: 'system' as const, id: 'test' };
let store: TestStore;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
});
after(() => store.close());

async function rejects(p: Promise<unknown>, code: string, message?: RegExp) {
  await assert.rejects(p, (e: unknown) => e instanceof SiyuError && e.code === code && (!message || message.test(e.message)));
}

test('passwords are argon2id hashes that verify only the right password', async () => {
  const h = await hashPassword('correct horse battery');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(h, 'correct horse battery'), true);
  assert.equal(await verifyPassword(h, 'correct horse batterY'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('sign in; a wrong password and an unknown login get the same answer', async () => {
  await createUser(store.db, ws, { login: 'lisi', role: 'operator', password: 'orchid-river-42' }, admin, at(0));
  const ok = await login(store.db, { login: 'LiSi', password: 'orchid-river-42', ip: '10.0.0.1', now: at(0) });
  assert.equal(ok.user.role, 'operator');
  assert.equal(ok.user.seesPhones, true);
  const s = await sessionUser(store.db, ok.sessionId, at(1));
  assert.deepEqual(s?.principal, { kind: 'user', workspaceId: ws, userId: 'lisi', role: 'operator', staffId: undefined, seesPhones: true });
  const wrong = await login(store.db, { login: 'lisi', password: 'nope', ip: '10.0.0.1', now: at(1) }).catch((e: SiyuError) => e);
  const unknown = await login(store.db, { login: 'nobody', password: 'nope', ip: '10.0.0.1', now: at(1) }).catch((e: SiyuError) => e);
  assert.ok(wrong instanceof SiyuError && unknown instanceof SiyuError);
  assert.deepEqual([wrong.code, wrong.message], [unknown.code, unknown.message]);
  assert.equal(wrong.code, 'unauthorized');
  // The session id is stored only as a digest.
  const rows = await store.db.query<{ session_hash: string }>(`SELECT session_hash FROM sessions`);
  assert.ok(rows.every((r) => r.session_hash !== ok.sessionId && r.session_hash.length === 64));
});

test('5 failures lock the login for 15 minutes, even with the right password; then it opens again', async () => {
  await createUser(store.db, ws, { login: 'wangwu', role: 'staff', staffId: 'ww', password: 'maple-stone-77' }, admin, at(0));
  for (let i = 0; i < 5; i++) await rejects(login(store.db, { login: 'wangwu', password: 'bad', ip: `10.1.0.${i}`, now: at(10 + i) }), 'unauthorized');
  await rejects(login(store.db, { login: 'wangwu', password: 'maple-stone-77', ip: '10.1.0.9', now: at(15) }), 'rate_limited', /try again in 14 minutes/);
  const [u] = await store.db.query<{ failed_attempts: number; locked_until: Date }>(`SELECT failed_attempts, locked_until FROM users WHERE login = 'wangwu'`);
  assert.equal(u!.failed_attempts, 5);
  assert.equal(new Date(u!.locked_until).toISOString(), at(29).toISOString());
  const audit = await store.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE workspace_id = $1 AND details->>'login' = 'wangwu' ORDER BY audit_id`, [ws]);
  assert.deepEqual(audit.map((a) => a.action), ['auth.user_created', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.lockout']);
  const r = await login(store.db, { login: 'wangwu', password: 'maple-stone-77', ip: '10.1.0.9', now: at(30) });
  assert.equal(r.user.failedAttempts, 0);
  // An unknown login locks the same way: the answer does not tell whether it exists.
  for (let i = 0; i < 5; i++) await rejects(login(store.db, { login: 'ghost', password: 'bad', ip: `10.2.0.${i}`, now: at(40) }), 'unauthorized');
  await rejects(login(store.db, { login: 'ghost', password: 'bad', ip: '10.2.0.9', now: at(41) }), 'rate_limited');
});

test('an admin lifts a lockout; an address failing with many logins is slowed down as a whole', async () => {
  await createUser(store.db, ws, { login: 'zhaoliu', role: 'operator', password: 'copper-kite-19' }, admin, at(0));
  for (let i = 0; i < 5; i++) await rejects(login(store.db, { login: 'zhaoliu', password: 'bad', ip: '10.3.0.1', now: at(100) }), 'unauthorized');
  await rejects(login(store.db, { login: 'zhaoliu', password: 'copper-kite-19', ip: '10.3.0.2', now: at(101) }), 'rate_limited');
  await unlockUser(store.db, ws, 'zhaoliu', admin, at(102));
  assert.equal((await login(store.db, { login: 'zhaoliu', password: 'copper-kite-19', ip: '10.3.0.2', now: at(102) })).user.login, 'zhaoliu');
  for (let i = 0; i < 20; i++) await rejects(login(store.db, { login: `spray${i}`, password: 'x', ip: '10.9.9.9', now: at(200) }), 'unauthorized');
  await rejects(login(store.db, { login: 'zhaoliu', password: 'copper-kite-19', ip: '10.9.9.9', now: at(201) }), 'rate_limited');
  assert.equal((await login(store.db, { login: 'zhaoliu', password: 'copper-kite-19', ip: '10.9.9.8', now: at(201) })).user.login, 'zhaoliu');
});

test('sessions slide while used and end when idle, disabled or the password changes', async () => {
  const { user } = await createUser(store.db, ws, { login: 'sunqi', role: 'staff', staffId: 'sq', password: 'silent-harbor-5' }, admin, at(0));
  const s = await createSession(store.db, user, at(0));
  assert.ok(await sessionUser(store.db, s.sessionId, at(600)));                  // 10 h: still alive, slides
  assert.ok(await sessionUser(store.db, s.sessionId, at(600 + 700)));            // 21.7 h after start, 11.7 h idle
  assert.equal(await sessionUser(store.db, s.sessionId, new Date(at(1300).getTime() + SESSION_IDLE_MS)), null);
  const s2 = await createSession(store.db, user, at(0));
  await setPassword(store.db, ws, 'sunqi', 'a-new-secret-pw', admin, at(1));
  assert.equal(await sessionUser(store.db, s2.sessionId, at(2)), null);
  const s3 = await createSession(store.db, user, at(3));
  await updateUser(store.db, ws, 'sunqi', { disabled: true }, admin, at(4));
  assert.equal(await sessionUser(store.db, s3.sessionId, at(5)), null);
  await rejects(login(store.db, { login: 'sunqi', password: 'a-new-secret-pw', ip: '', now: at(6) }), 'unauthorized');
});

test('tokens: shown once, stored hashed, scoped, revocable, expiring', async () => {
  const { token, apiToken } = await createToken(store.db, ws, { name: 'shop-sync', scopes: ['events:write'], expiresAt: at(60) }, admin, at(0));
  assert.match(token, /^siyu_/);
  assert.ok(token.startsWith(apiToken.prefix));
  const rows = await store.db.query<{ token_hash: string }>(`SELECT token_hash FROM api_tokens`);
  assert.ok(rows.every((r) => !r.token_hash.includes(token.slice(5))));
  const p = await tokenPrincipal(store.db, token, at(1));
  assert.deepEqual(p, { kind: 'token', workspaceId: ws, userId: 'shop-sync', role: 'operator', staffId: undefined, seesPhones: false, scopes: ['events:write'] });
  assert.equal((await listTokens(store.db, ws))[0]!.lastUsedAt, at(1).toISOString());
  assert.equal(await tokenPrincipal(store.db, token, at(61)), null, 'expired');
  await revokeToken(store.db, ws, apiToken.tokenId, admin, at(2));
  assert.equal(await tokenPrincipal(store.db, token, at(3)), null, 'revoked');
  await rejects(createToken(store.db, ws, { name: 'x', scopes: ['all'] }, admin, at(0)), 'validation_failed', /scopes: scope "all"/);
  await rejects(revokeToken(store.db, ws, 9999, admin, at(0)), 'not_found');
});

test('first start creates one admin with a one-time password; the last admin cannot be removed', async () => {
  await ensureWorkspace(store.db, { workspaceId: 'fresh' });
  const first = await ensureFirstAdmin(store.db, 'fresh', { now: at(0) });
  assert.ok(first.created);
  assert.match(first.password, /^\w{4}-\w{4}-\w{4}-\w{4}$/);
  assert.deepEqual(await ensureFirstAdmin(store.db, 'fresh', { now: at(1) }), { created: false });
  const r = await login(store.db, { login: first.login, password: first.password, ip: '', now: at(2) });
  assert.equal(r.user.mustChangePassword, true);
  await rejects(updateUser(store.db, 'fresh', first.login, { role: 'operator' }, admin, at(3)), 'conflict', /last enabled admin/);
  await rejects(updateUser(store.db, 'fresh', first.login, { disabled: true }, admin, at(3)), 'conflict', /last enabled admin/);
  await rejects(createUser(store.db, 'fresh', { login: 'noid', role: 'staff' }, admin, at(0)), 'validation_failed', /staffId/);
  await rejects(createUser(store.db, 'fresh', { login: first.login.toUpperCase(), role: 'operator' }, admin, at(0)), 'conflict', /taken/);
  await ensureWorkspace(store.db, { workspaceId: 'env' });
  const fromEnv = await ensureFirstAdmin(store.db, 'env', { password: 'from-the-environment', now: at(0) });
  assert.ok(fromEnv.created && !fromEnv.generated && fromEnv.password === 'from-the-environment');
});
