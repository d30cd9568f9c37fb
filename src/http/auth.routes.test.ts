import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi } from './testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ensureFirstAdmin } from '../auth/index.ts';

const ws = 'auth-http';
const now = Date.parse('2026-11-30T04:00:00Z');
let store: TestStore;
let admin: TestApi;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  admin = testApi(store.db, { workspace: ws, now: () => now });
});
after(() => store.close());

/** A browser: keeps cookies, sends what the test says. */
function browser(api: TestApi) {
  const jar = new Map<string, string>();
  return {
    jar,
    async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, https = false) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await api.app.request(`${https ? 'https://siyu.example' : 'http://localhost'}${path}`, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, v] = pair!.split('=');
        if (v === '') jar.delete(k!); else jar.set(k!, v!);
      }
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined, cookies: res.headers.getSetCookie() };
    },
  };
}

test('first sign-in: one-time password, change required, then the console works; logout ends the session', async () => {
  await ensureWorkspace(store.db, { workspaceId: 'first-start' });
  const first = await ensureFirstAdmin(store.db, 'first-start', { now: new Date(now) });
  assert.ok(first.created);
  const b = browser(testApi(store.db, { now: () => now, as: 'anonymous' }));
  assert.equal((await b.send('GET', '/api/v1/auth/me')).status, 401);
  const bad = await b.send('POST', '/api/v1/auth/login', { login: first.login, password: 'wrong-password' });
  assert.deepEqual([bad.status, bad.json.message], [401, 'wrong login or password']);
  const ok = await b.send('POST', '/api/v1/auth/login', { login: first.login, password: first.password });
  assert.equal(ok.status, 200);
  assert.deepEqual([ok.json.role, ok.json.mustChangePassword, ok.json.workspaceId], ['admin', true, 'first-start']);
  const session = ok.cookies.find((c) => c.startsWith('siyu_session='))!;
  const csrf = ok.cookies.find((c) => c.startsWith('siyu_csrf='))!;
  assert.match(session, /HttpOnly/);
  assert.match(session, /SameSite=Lax/);
  assert.doesNotMatch(session, /Secure/);
  assert.doesNotMatch(csrf, /HttpOnly/);
  assert.equal(b.jar.get('siyu_csrf'), ok.json.csrfToken);

  const blocked = await b.send('GET', '/api/v1/models/config');
  assert.deepEqual([blocked.status, blocked.json.details], [403, { mustChangePassword: true }]);
  const h = { 'x-csrf-token': ok.json.csrfToken };
  assert.equal((await b.send('POST', '/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'a-brand-new-pass' }, h)).status, 403);
  assert.equal((await b.send('POST', '/api/v1/auth/password', { currentPassword: first.password, newPassword: 'short' }, h)).status, 422);
  const changed = await b.send('POST', '/api/v1/auth/password', { currentPassword: first.password, newPassword: 'a-brand-new-pass' }, h);
  assert.deepEqual([changed.status, changed.json.mustChangePassword], [200, false]);
  assert.equal((await b.send('GET', '/api/v1/models/config')).status, 200);
  assert.equal((await b.send('POST', '/api/v1/auth/logout', {}, h)).status, 200);
  assert.equal(b.jar.has('siyu_session'), false);

  const again = browser(testApi(store.db, { now: () => now, as: 'anonymous' }));
  // `username`, the field's former name, still signs in.
  const relogin = await again.send('POST', '/api/v1/auth/login', { username: first.login, password: 'a-brand-new-pass' }, {}, true);
  assert.match(relogin.cookies.find((c) => c.startsWith('siyu_session='))!, /Secure/);
  for (const [body, message] of [
    [{ password: 'a-brand-new-pass' }, /^login: is required$/],
    [{ login: first.login, username: first.login, password: 'a-brand-new-pass' }, /^username: give login or username, not both$/],
    [{ login: first.login, password: 'a-brand-new-pass', remember: true }, /^remember: unknown field$/],
  ] as const) {
    const r = await again.send('POST', '/api/v1/auth/login', body);
    assert.deepEqual([r.status, r.json.code], [422, 'validation_failed'], JSON.stringify(body));
    assert.match(r.json.message, message);
  }
});

test('CSRF: a cookie session writes only with the x-csrf-token header; bearer tokens need none', async () => {
  const path = '/api/v1/tags/categories';
  assert.equal((await admin.call('POST', path, { name: '带头' })).status, 201);
  const missing = await admin.call('POST', path, { name: '缺头' }, { 'x-csrf-token': '' });
  assert.deepEqual([missing.status, missing.json.code], [403, 'forbidden']);
  assert.match(missing.json.message, /CSRF/);
  assert.equal((await admin.call('POST', path, { name: '错头' }, { 'x-csrf-token': 'forged' })).status, 403);
  assert.equal((await admin.get('/api/v1/tags')).status, 200, 'reads need no header');
  const token = admin.as({ token: ['admin'] });
  assert.equal((await token.post(path, { name: '令牌' })).status, 201);
});

test('API tokens: scopes limit what they call; revoked at once', async () => {
  const created = await admin.post('/api/v1/tokens', { name: 'shop-sync', scopes: ['events:write'] });
  assert.equal(created.status, 201);
  const { token, apiToken } = created.json;
  const call = (method: string, path: string, body?: unknown) =>
    admin.as('anonymous').call(method, path, body, { authorization: `Bearer ${token}` });
  const ev = [{ id: 'tok-1', type: 'contact.added', occurredAt: '2026-11-20T10:00:00+08:00', customer: { externalUserId: 'wm-tok' }, data: {} }];
  assert.equal((await call('POST', '/api/v1/events', ev)).status, 200);
  const denied = await call('GET', '/api/v1/customers/1');
  assert.equal(denied.status, 403);
  assert.match(denied.json.message, /lacks the scope "customers:read"/);
  const list = await admin.get('/api/v1/tokens');
  const listed = list.json.find((t: { tokenId: number }) => t.tokenId === apiToken.tokenId);
  assert.equal(listed.lastUsedAt, new Date(now).toISOString());
  assert.ok(!list.text.includes(token), 'the token itself is never listed');
  assert.equal((await admin.delete(`/api/v1/tokens/${apiToken.tokenId}`)).status, 200);
  const revoked = await call('POST', '/api/v1/events', ev);
  assert.deepEqual([revoked.status, revoked.json.code], [401, 'unauthorized']);
  assert.equal((await call('GET', '/api/v1/auth/me')).status, 401);
  assert.equal((await admin.as('anonymous').call('GET', '/api/v1/tags', undefined, { authorization: 'Basic abc' })).status, 401);
});

test('roles: only admins manage users and tokens; operators configure; staff do neither', async () => {
  const operator = admin.as({ role: 'operator' });
  const staff = admin.as({ role: 'staff', staffId: 'zhangsan' });
  for (const [method, path] of [['GET', '/api/v1/users'], ['POST', '/api/v1/users'], ['GET', '/api/v1/tokens'], ['POST', '/api/v1/tokens']] as const) {
    const r = await operator.call(method, path, method === 'POST' ? { login: 'x', role: 'admin', name: 'x', scopes: ['admin'] } : undefined);
    assert.equal(r.status, 403, `${method} ${path}`);
    assert.match(r.json.message, /for admins; you are operator/);
  }
  const made = await admin.post('/api/v1/users', { login: 'zhangsan', role: 'staff', staffId: 'zhangsan' });
  assert.equal(made.status, 201);
  assert.deepEqual([made.json.user.seesPhones, made.json.user.mustChangePassword], [false, true]);
  assert.match(made.json.oneTimePassword, /^\w{4}-\w{4}-\w{4}-\w{4}$/);
  assert.equal((await admin.post('/api/v1/users', { login: 'lisi', role: 'staff' })).status, 422);
  assert.equal((await admin.post('/api/v1/users', { login: 'ZhangSan', role: 'operator' })).status, 409);
  assert.equal((await admin.patch('/api/v1/users/zhangsan', { seesPhones: true })).json.seesPhones, true);
  assert.equal((await admin.delete('/api/v1/users/zhangsan')).json.disabled, true);

  assert.equal((await operator.put('/api/v1/models/config', {})).status, 200);
  const staffConfig = await staff.put('/api/v1/models/config', {});
  assert.deepEqual([staffConfig.status, staffConfig.json.code], [403, 'forbidden']);
  assert.equal((await staff.get('/api/v1/models/config')).status, 200);
  assert.equal((await staff.post('/api/v1/tags/categories', { name: '员工' })).status, 403);
  assert.equal((await staff.post('/api/v1/recompute', {})).status, 403);
  assert.equal((await staff.get(`/api/v1/tags?workspace=other`)).status, 403, 'another workspace');
  const me = await staff.get('/api/v1/auth/me');
  assert.deepEqual([me.json.role, me.json.staffId, me.json.seesPhones], ['staff', 'zhangsan', false]);
});

test('every successful write is audited with who, what and when; failed ones are not', async () => {
  const operator = admin.as({ role: 'operator', login: 'audit-operator' });
  const r = await operator.post('/api/v1/tags/categories', { name: '审计' });
  assert.equal(r.status, 201);
  await operator.post('/api/v1/tags/categories', { name: '审计' }); // 409: not audited
  const tok = admin.as({ token: ['tags:write'] });
  await tok.post('/api/v1/tags/categories', { name: '令牌审计' });
  const rows = await store.db.query<{ actor_kind: string; actor_id: string; action: string; details: { path: string; status: number } }>(
    `SELECT actor_kind, actor_id, action, details FROM audit_log WHERE workspace_id = $1 AND action LIKE 'http.%' AND details->>'path' = '/api/v1/tags/categories' ORDER BY audit_id`, [ws]);
  const mine = rows.filter((x) => x.actor_id === 'audit-operator' || x.actor_kind === 'api');
  assert.deepEqual(mine.map((x) => [x.actor_kind, x.action, x.details.status]).slice(-2), [['staff', 'http.post', 201], ['api', 'http.post', 201]]);
  assert.equal(mine.filter((x) => x.actor_id === 'audit-operator').length, 1);
  const authEvents = await store.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE workspace_id = $1 AND action LIKE 'auth.%'`, [ws]);
  for (const a of ['auth.user_created', 'auth.user_disabled', 'auth.token_created', 'auth.token_revoked']) {
    assert.ok(authEvents.some((e) => e.action === a), a);
  }
});

test('public paths answer without signing in; the OpenAPI document names the security schemes; /docs browses it', async () => {
  const anon = admin.as('anonymous');
  assert.equal((await anon.get('/healthz')).status, 200);
  const doc = (await anon.get('/openapi.json')).json;
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['bearerToken', 'sessionCookie']);
  assert.deepEqual(doc.security, [{ sessionCookie: [] }, { bearerToken: [] }]);
  assert.deepEqual(doc.paths['/api/v1/auth/login'].post.security, []);
  for (const p of ['/api/v1/users', '/api/v1/tokens/{id}', '/api/v1/auth/me', '/api/v1/customers/export']) assert.ok(doc.paths[p], p);
  const docs = await anon.get('/docs');
  assert.equal(docs.status, 200);
  assert.match(docs.text, /swagger/i);
  assert.equal((await anon.get('/api/v1/customers/1')).status, 401);
  assert.equal((await anon.post('/api/v1/events', [])).status, 401);
});

test('odd spellings of API paths do not skip authentication', async () => {
  const anon = admin.as('anonymous');
  for (const p of ['/api/v1/customers/1', '/api//v1/customers/1', '/API/v1/tags', '/api/v1/auth/login/../../tags']) {
    const r = await anon.get(p);
    assert.ok(r.status === 401 || r.status === 404, `${p}: ${r.status}`);
    assert.doesNotMatch(r.text, /categories/);
  }
});
