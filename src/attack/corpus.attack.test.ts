/**
 * The standing attack suite, corpus part: every route of /openapi.json is called with bad
 * input — malformed, mistyped and oversized bodies, NUL, unpaired surrogates, year 0 and
 * 30 February, SQL- and formula-looking text, huge and deep filters, edited cursors. Each
 * answer must be a 4xx with a code and a message (or a success, where the input is merely
 * odd), never a 5xx; the server stays alive; and a refused request changes no data of the
 * workspace. Routes added to the OpenAPI document later are covered without a change here.
 *
 * `npm test` runs a small corpus; `npm run test:attack` (SIYU_ATTACK=full) the whole one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
// testing.ts (app.ts) first: it loads @hono/zod-openapi before other schemas are built.
import { testApi, type TestApi, type TestResponse } from '../http/testing.ts';
import { readsOwnBody } from '../http/edge.ts';
import { createUser } from '../auth/index.ts';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

const FULL = process.env.SIYU_ATTACK === 'full';
const ws = 'attack';
let store: TestStore;
let api: TestApi;
let doc: OpenApi;

type Schema = Record<string, any>;
interface Operation { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content: Record<string, { schema?: Schema }> } }
interface OpenApi { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } }

// ------------------------------------------------------------------ the corpus

/** Filters as JSON text (one nested 5,000 deep is more than JSON.stringify's stack). */
const deepFilter = (depth: number) => `${'{"not":'.repeat(depth)}{"field":"search","value":"x"}${'}'.repeat(depth)}`;
const hugeFilter = (groups: number, leaves: number) =>
  JSON.stringify({ or: Array.from({ length: groups }, (_, g) => ({ and: Array.from({ length: leaves }, (_, l) => ({ field: 'search', value: `v${g}-${l}` })) })) });
const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const STRINGS = [
  '\u0000', 'a\u0000b', '\uD800', '\uDFFF x', '0000-01-01', '2026-02-30', '0000-01-01T00:00:00Z', "' OR '1'='1' --", '=cmd|\' /C calc\'!A0',
  ...(FULL ? [
    '2026-02-30T10:00:00+08:00', '2026-13-45', '1,2,3', '-1', '9'.repeat(40), "'; DROP TABLE customers; --", '1; SELECT pg_sleep(10)',
    '+HYPERLINK("http://x")', '@SUM(1+1)', '${7*7}{{7*7}}', '<script>alert(1)</script>', '\u202Egnp.exe', '../../../../etc/passwd', '１２３',
    '\r\n\r\n', 'null', 'NaN', '1e309', '', ' ', 'x'.repeat(100_000), '😀'.repeat(1000), '+86 138 0013 8000',
  ] : []),
];
const NUMBERS = [-1, 1e308, ...(FULL ? [0, 1.5, 2 ** 53 + 1, -1e308, 1e-320, 9_999_999_999_999_999_999] : [])];
const PATH_VALUES = [
  'abc', '99999999999999999999', "1' OR '1'='1", '%00', '-1',
  ...(FULL ? ['0', '1.5', '%ED%A0%80', '%FF', '=1+1', 'x'.repeat(3000), '%2e%2e%2f%2e%2e%2f', '１', '1e3', ' 1'] : []),
];
const QUERY_VALUES = [
  '%00', 'a%00b', '%27%20OR%201%3D1%20--', '0000-01-01', '2026-02-30', '-1', 'abc',
  ...(FULL ? ['9'.repeat(40), 'x'.repeat(5000), '%ED%A0%80', '%FF', '1e309', '%3Dcmd', '%7B%7D', '%5B%5D', '0', '2026-02-30T10%3A00%3A00Z'] : []),
];
const FILTERS: [string, string][] = [
  ['deep filter (5,000)', deepFilter(5000)],
  ['huge filter (200×200)', hugeFilter(200, 200)],
  ...(FULL ? [['deep filter (200)', deepFilter(200)], ['wide filter (1×40,000)', hugeFilter(1, 40_000)]] as [string, string][] : []),
];

// ------------------------------------------------------------------ schema-shaped bodies

function resolve(s: Schema | undefined): Schema {
  if (!s) return {};
  if (typeof s.$ref === 'string') return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  return s;
}

interface Fill { string: unknown; number: unknown }

/** A value of the schema's shape whose strings and numbers are the attack's. */
function shaped(schema: Schema | undefined, fill: Fill, depth = 0): unknown {
  const s = resolve(schema);
  if (depth > 6) return fill.string;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length === 1) return s.enum[0];
  const alt = s.oneOf ?? s.anyOf;
  if (Array.isArray(alt) && alt.length > 0) return shaped(alt[0], fill, depth + 1);
  if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((x: Schema) => shaped(x, fill, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = k === 'filter' ? { field: 'search', value: fill.string } : shaped(v as Schema, fill, depth + 1);
    return out;
  }
  if (type === 'array') return [shaped(s.items, fill, depth + 1)];
  if (type === 'number' || type === 'integer') return fill.number;
  if (type === 'boolean') return false;
  return fill.string;
}

// ------------------------------------------------------------------ the workspace's data

/** Row count and checksum of every table of the workspace (logs of refusals excepted). */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await store.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'workspace_id'
       AND table_name NOT IN ('sessions', 'login_attempts', 'refused_requests', 'audit_log')
     ORDER BY table_name`);
  const sql = tables.map((t, i) =>
    `SELECT ${i} AS i, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text AS v FROM "${t.table_name}" x WHERE workspace_id = $1`).join(' UNION ALL ');
  const rows = await store.db.query<{ i: number; v: string }>(sql, [ws]);
  return Object.fromEntries(rows.map((r) => [tables[r.i]!.table_name, r.v]));
}

function changed(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k]} → ${b[k]}`);
}

// ------------------------------------------------------------------ calling

interface Case { what: string; method: string; path: string; body?: string; headers?: Record<string, string> }

const failures: string[] = [];

function check(c: Case, r: TestResponse, mustRefuse: boolean): void {
  const where = `${c.method} ${c.path.slice(0, 160)} — ${c.what}`;
  if (r.status >= 500) failures.push(`${where}: ${r.status} ${r.text.slice(0, 300)}`);
  else if (mustRefuse && (r.status < 400 || r.status >= 500)) failures.push(`${where}: expected a 4xx, got ${r.status} ${r.text.slice(0, 200)}`);
  else if (r.status >= 400 && (typeof r.json?.code !== 'string' || typeof r.json?.message !== 'string' || r.json.message === '')) {
    failures.push(`${where}: ${r.status} without a code and a message: ${r.text.slice(0, 200)}`);
  }
}

async function send(c: Case): Promise<TestResponse> {
  return api.call(c.method, c.path, c.body, { ...(c.body !== undefined && !c.headers?.['content-type'] ? { 'content-type': 'application/json' } : {}), ...c.headers });
}

/** Run cases; when all were refused, nothing of the workspace may have changed. */
async function runGroup(route: string, cases: Case[], mustRefuse: boolean): Promise<void> {
  if (cases.length === 0) return;
  const before = await snapshot();
  let allRefused = true;
  for (const c of cases) {
    const r = await send(c);
    check(c, r, mustRefuse);
    if (r.status < 400) allRefused = false;
  }
  if (allRefused) {
    const diff = changed(before, await snapshot());
    if (diff.length > 0) failures.push(`${route}: refused requests changed data: ${diff.join('; ')}`);
  }
}

/** Fill a path template: each parameter "1" unless `override` says otherwise. */
const fillPath = (template: string, override: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? (name === 'workspace' ? ws : '1'));

function casesOf(method: string, template: string, op: Operation): { refuse: Case[]; odd: Case[][] } {
  const M = method.toUpperCase();
  const path = fillPath(template);
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const takesBody = M !== 'GET' && M !== 'HEAD';
  const ownBody = readsOwnBody(path);
  const refuse: Case[] = [];
  if (takesBody) {
    refuse.push({ what: 'malformed JSON', method: M, path, body: '{"a": [1, 2' });
    refuse.push({ what: 'JSON with a trailing comma', method: M, path, body: '{"a": 1,}' });
    if (!ownBody) refuse.push({ what: 'wrong content type', method: M, path, body: '{"a": 1}', headers: { 'content-type': 'text/plain' } });
    if (!ownBody) refuse.push({ what: 'form body', method: M, path, body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (!ownBody) refuse.push({ what: 'oversized body (1.1 MiB)', method: M, path, body: JSON.stringify({ pad: 'x'.repeat(1_150_000) }) });
    if (FULL && ownBody) refuse.push({ what: 'oversized body (10.5 MiB)', method: M, path, body: JSON.stringify({ pad: 'x'.repeat(11_000_000) }) });
    const wantsObject = resolve(jsonSchema).type === 'object' || resolve(jsonSchema).properties !== undefined;
    if (wantsObject && !ownBody) {
      refuse.push({ what: 'deeply nested JSON (5,000)', method: M, path, body: deepJson(5000) });
      for (const [what, body] of [['null', 'null'], ['a number', '123'], ['a string', '"x"']]) refuse.push({ what: `body is ${what}`, method: M, path, body });
    }
  }
  const odd: Case[][] = [];
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  for (const p of pathParams) {
    odd.push(PATH_VALUES.map((v) => ({
      what: `path {${p.name}} = ${JSON.stringify(v.slice(0, 40))}`, method: M, path: fillPath(template, { [p.name]: v }),
      ...(takesBody && jsonSchema && !ownBody ? { body: '{}' } : {}),
    })));
  }
  for (const p of params.filter((x) => x.in === 'query' && x.name !== 'workspace')) {
    const sep = path.includes('?') ? '&' : '?';
    const values = p.name === 'filter' ? [...QUERY_VALUES, ...FILTERS.map(([, f]) => encodeURIComponent(f))] : QUERY_VALUES;
    odd.push(values.map((v) => ({
      what: `query ${p.name} = ${decodeURIComponentSafe(v).slice(0, 40)}`, method: M, path: `${path}${sep}${p.name}=${v}`,
      ...(takesBody && jsonSchema && !ownBody ? { body: '{}' } : {}),
    })));
    if (p.name === 'cursor') odd.push(EDITED_CURSORS.map((cur) => ({ what: `edited cursor ${cur.slice(0, 30)}`, method: M, path: `${path}${sep}cursor=${encodeURIComponent(cur)}` })));
  }
  if (takesBody && jsonSchema) {
    odd.push([
      ...STRINGS.map((s) => ({ what: `strings = ${JSON.stringify(s.slice(0, 30))}`, method: M, path, body: JSON.stringify(shaped(jsonSchema, { string: s, number: 1 })) })),
      ...NUMBERS.map((n) => ({ what: `numbers = ${n}`, method: M, path, body: JSON.stringify(shaped(jsonSchema, { string: 'x', number: n })) })),
    ]);
    const props = resolve(jsonSchema).properties ?? {};
    if ('filter' in props) {
      const body = JSON.stringify({ ...(shaped(jsonSchema, { string: 'x', number: 1 }) as object), filter: '<filter>' });
      odd.push(FILTERS.map(([what, filter]) => ({ what, method: M, path, body: body.replace('"<filter>"', () => filter) })));
    }
  }
  return { refuse, odd };
}

function decodeURIComponentSafe(v: string): string {
  try { return decodeURIComponent(v); } catch { return v; }
}

let EDITED_CURSORS: string[] = [];

// ------------------------------------------------------------------ the run

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  // User 1 is someone else: routes are called with id 1 in their path.
  await createUser(store.db, ws, { login: 'victim', role: 'operator', password: 'amber-river-4242' }, { kind: 'system', id: 'test' }, new Date());
  const r = await ingestEvents(store.db, ws, Array.from({ length: 5 }, (_, i) => ({
    id: `seed-${i}`, type: 'contact.added', occurredAt: '2026-11-01T02:00:00Z', customer: { externalUserId: `wm-${i}`, name: `客户${i}`, phone: `1380013800${i}` },
    staffId: 'zhangsan', data: { channel: 'store-qr' },
  })), { now: Date.parse('2026-11-02T00:00:00Z') });
  assert.equal(r.accepted.length, 5);
  api = testApi(store.db, { workspace: ws });
  const seed = async (method: string, path: string, body?: unknown) => {
    const res = await api.call(method, path, body);
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
    return res.json;
  };
  await seed('POST', '/api/v1/tags/categories', { name: '兴趣' });
  await seed('POST', '/api/v1/tags/groups', { name: '品类', category: '兴趣' });
  await seed('POST', '/api/v1/tags', { group: '品类', name: '茶' });
  const templates = await seed('GET', '/api/v1/journeys/templates');
  const key = (Array.isArray(templates) ? templates : templates.items)[0].key;
  await seed('POST', `/api/v1/journeys/templates/${key}`);
  await seed('POST', '/api/v1/segments/saved', { name: '茶客', filter: { field: 'search', value: '客户' } });
  const page = await seed('GET', '/api/v1/customers?limit=1');
  const cursor: string = page.nextCursor ?? 'eyJ4IjoxfQ';
  EDITED_CURSORS = [
    cursor.slice(0, -2), `${cursor}A`, cursor.split('').reverse().join(''), Buffer.from('{"id":"1 OR 1=1","v":[1,2]}').toString('base64url'),
    Buffer.from('{"sort":"name; DROP TABLE customers","after":["\\u0000"]}').toString('base64url'), '%00', 'null',
    Buffer.from(JSON.stringify({ after: [new Array(10_000).fill(1)] })).toString('base64url'),
  ];
  doc = (await api.get('/openapi.json')).json;
});
after(() => store.close());

test(`every route of /openapi.json refuses bad input with a 4xx and a reason, never a 5xx (${FULL ? 'full' : 'small'} corpus)`, async () => {
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  assert.ok(routes.length > 100, `${routes.length} routes`);
  let calls = 0;
  for (const { path, method, op } of routes) {
    const route = `${method.toUpperCase()} ${path}`;
    const { refuse, odd } = casesOf(method, path, op);
    await runGroup(route, refuse, true);
    for (const group of odd) await runGroup(route, group, false);
    calls += refuse.length + odd.reduce((n, g) => n + g.length, 0);
    const health = await api.get('/healthz');
    if (health.status !== 200) failures.push(`${route}: /healthz answered ${health.status} afterwards`);
  }
  const health = await api.get('/healthz');
  assert.equal(health.status, 200);
  console.log(`attack corpus: ${routes.length} routes, ${calls} requests, ${failures.length} failures`);
  assert.deepEqual(failures, []);
});
