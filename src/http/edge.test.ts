import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi } from './testing.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';

let store: TestStore;
let admin: TestApi;
let anonymous: TestApi;

before(async () => {
  store = await openTestStore();
  admin = testApi(store.db);
  anonymous = admin.as('anonymous');
});
after(() => store.close());

/** Run `fn` and return what it wrote to console.error. */
async function errorsLoggedBy<T>(fn: () => Promise<T>): Promise<{ result: T; logged: unknown[][] }> {
  const logged: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => { logged.push(args); };
  try {
    return { result: await fn(), logged };
  } finally {
    console.error = original;
  }
}

test('malformed JSON is a 400 naming the problem, on login and on signed-in routes, and logs no stack trace', async () => {
  const { result, logged } = await errorsLoggedBy(async () => [
    await anonymous.call('POST', '/api/v1/auth/login', '{"username": "admin", "password": '),
    await admin.call('POST', '/api/v1/segments/saved', '{oops}'),
    await admin.call('PUT', '/api/v1/wecom/config', '[1,'),
  ]);
  for (const r of result) {
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.code, 'malformed_json');
    assert.match(r.json.message, /not valid JSON/);
  }
  assert.deepEqual(logged, []);
});

test('a body that is not JSON on a JSON route is a 415 naming the media type', async () => {
  const { result, logged } = await errorsLoggedBy(async () => [
    await anonymous.call('POST', '/api/v1/auth/login', 'username=admin&password=x', { 'content-type': 'application/x-www-form-urlencoded' }),
    await admin.call('POST', '/api/v1/segments/saved', '{"name":"x"}', { 'content-type': 'text/plain' }),
  ]);
  for (const r of result) {
    assert.equal(r.status, 415, r.text);
    assert.equal(r.json.code, 'unsupported_media_type');
    assert.match(r.json.message, /application\/json/);
  }
  assert.deepEqual(logged, []);
});

test('bodies are bounded: 16 KiB for signing in, 1 MiB elsewhere, the events route keeps its own', async () => {
  const login = await anonymous.call('POST', '/api/v1/auth/login', { username: 'admin', password: 'x'.repeat(20_000) });
  assert.equal(login.status, 413);
  assert.equal(login.json.code, 'payload_too_large');
  assert.match(login.json.message, /16 KiB/);
  const big = await admin.call('POST', '/api/v1/segments/saved', { name: 'x', filter: { all: [] }, pad: 'x'.repeat(1_100_000) });
  assert.equal(big.status, 413);
  assert.match(big.json.message, /1 MiB/);
  // A lying Content-Length does not help: the limit is counted while reading.
  const chunked = await admin.app.request('/api/v1/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: new ReadableStream({ start(c) { for (let i = 0; i < 40; i++) c.enqueue(new Uint8Array(1024).fill(32)); c.close(); } }),
    duplex: 'half',
  } as RequestInit);
  assert.equal(chunked.status, 413);
  // 1.5 MiB of blanks reaches the events route, which answers for itself (its limit is 10 MiB).
  const events = await admin.call('POST', '/api/v1/events', ' '.repeat(1_500_000), { 'content-type': 'application/x-ndjson' });
  assert.equal(events.status, 400);
  assert.match(events.json.message, /empty/);
});

test('security headers on every answer; no-store on the API', async () => {
  for (const path of ['/api/v1/auth/me', '/healthz', '/openapi.json', '/', '/docs']) {
    const r = await admin.get(path);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', path);
    assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
    assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/, path);
  }
  assert.equal((await admin.get('/api/v1/auth/me')).headers.get('cache-control'), 'no-store');
  assert.equal((await anonymous.get('/api/v1/customers')).headers.get('cache-control'), 'no-store');
});

test('/docs is served from the pinned swagger-ui-dist package, with no CDN and no inline script', async () => {
  const page = await anonymous.get('/docs');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /https?:\/\//);
  assert.doesNotMatch(page.text, /<script>/);
  const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(scripts, ['/docs/swagger-ui-bundle.js', '/docs/init.js']);
  for (const src of [...scripts, '/docs/swagger-ui.css']) {
    const r = await anonymous.get(src);
    assert.equal(r.status, 200, src);
    assert.ok(r.text.length > 20, src);
  }
  assert.match((await anonymous.get('/docs/init.js')).text, /\/openapi\.json/);
  assert.equal((await anonymous.get('/docs/package.json')).status, 404);
});

test('text that cannot be stored (NUL, a lone surrogate) is refused naming where it is, in the body, the path and the query', async () => {
  const { result, logged } = await errorsLoggedBy(async () => ({
    login: await anonymous.call('POST', '/api/v1/auth/login', { username: 'ad\u0000min', password: 'x' }),
    body: await admin.call('POST', '/api/v1/tags/categories', { name: 'tea\uD800' }),
    path: await admin.get('/api/v1/segments/saved/a%00b'),
    query: await admin.get('/api/v1/shop/deliveries?source=%00'),
  }));
  // NUL in the URL (path or query) is a 400: the URL itself is malformed; text in a body a 422.
  assert.deepEqual(Object.values(result).map((r) => r.status), [422, 422, 400, 400]);
  assert.match(result.login.json.message, /^username: contains a NUL character/);
  assert.match(result.body.json.message, /^name: contains an unpaired surrogate/);
  assert.match(result.path.json.message, /the URL path contains a NUL character/);
  assert.match(result.query.json.message, /query parameter "source" contains a NUL character/);
  assert.deepEqual(logged, []);
});

test('a value the database cannot hold is a 422 with its reason, not a 500', async () => {
  const { result, logged } = await errorsLoggedBy(() => admin.get('/api/v1/users/99999999999999999999'));
  assert.equal(result.status, 422, result.text);
  assert.match(result.json.message, /out of range/);
  assert.deepEqual(logged, []);
});
