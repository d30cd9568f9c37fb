import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
// app.ts first: it loads @hono/zod-openapi, which must extend zod before other schemas are built.
import { testApi, type TestApi } from './testing.ts';
import { exportCustomers, toCsv, type ExportRecord } from '../customers/index.ts';
import { ingestEvents } from '../events/index.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';

const ws = 'models-http';
const now = Date.parse('2026-11-30T04:00:00Z');
let store: TestStore;
let api: TestApi;
/** Customer ids by the level their events should place them at. */
const id: Record<'stranger' | 'knows' | 'acquainted' | 'asked' | 'bought', number> = { stranger: 0, knows: 0, acquainted: 0, asked: 0, bought: 0 };

let clock = 0;
const ev = (eventId: string, type: string, customer: object, data: object = {}) =>
  ({ id: eventId, type, occurredAt: new Date(Date.parse('2026-11-20T02:00:00Z') + 60_000 * clock++).toISOString(), customer, staffId: 'zhangsan', data });
const chat = (eventId: string, who: string, dir: 'in' | 'out', text: string, conversationId: string) =>
  ev(eventId, dir === 'in' ? 'message.received' : 'message.sent', { externalUserId: who }, { conversationId, text, chatType: 'private' });

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  api = testApi(store.db, { workspace: ws, now: () => now });
  const r = await ingestEvents(store.db, ws, [
    ev('s1', 'contact.added', { externalUserId: 'wm-stranger' }),
    ev('k1', 'contact.added', { externalUserId: 'wm-knows' }),
    ev('k2', 'moment.liked', { externalUserId: 'wm-knows' }, { momentId: 'm1' }),
    ev('a1', 'contact.added', { externalUserId: 'wm-acq' }),
    chat('a2', 'wm-acq', 'out', '你好，我是张三', 'c-acq'),
    chat('a3', 'wm-acq', 'in', '你好', 'c-acq'),
    chat('a4', 'wm-acq', 'out', '最近天气冷了', 'c-acq'),
    chat('a5', 'wm-acq', 'in', '是啊', 'c-acq'),
    ev('q1', 'contact.added', { externalUserId: 'wm-asked' }),
    chat('q2', 'wm-asked', 'in', '这个芒果多少钱？', 'c-asked'),
    ev('b1', 'contact.added', { externalUserId: 'wm-bought' }),
    ev('b2', 'order.paid', { externalUserId: 'wm-bought' }, { orderId: 'o-1', amount: '99.00' }),
  ], { now });
  assert.deepEqual(r.rejected, []);
  const byEvent = new Map(r.accepted.map((a) => [a.id, a.customerId]));
  Object.assign(id, { stranger: byEvent.get('s1'), knows: byEvent.get('k1'), acquainted: byEvent.get('a1'), asked: byEvent.get('q1'), bought: byEvent.get('b1') });
});
after(() => store.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await api.call(method, path, body);
  return { status: r.status, json: r.json };
}
const models = async (customerId: number) => (await call('GET', `/api/v1/customers/${customerId}`)).json.models;
const liveCustomers = async () =>
  (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1 AND merged_into IS NULL`, [ws]))[0]!.n;

test('a recompute places everyone; the customer record shows level, evidence and guidance', async () => {
  const r = await call('POST', '/api/v1/recompute', {});
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.status, r.json.customers], ['done', 5]);
  const runs = await call('GET', '/api/v1/models/runs');
  assert.deepEqual([runs.json[0].runId, runs.json[0].status, runs.json[0].error], [r.json.runId, 'done', null]);

  const levels = await Promise.all(Object.values(id).map(async (c) => (await models(c)).trust.level));
  assert.deepEqual(levels, [0, 1, 2, 3, 4]);

  const asked = await models(id.asked);
  assert.deepEqual([asked.trust.name, asked.trust.computed, asked.trust.pinned], ['认同我的人', 3, null]);
  assert.ok(asked.trust.evidence.some((e: { zh: string }) => e.zh.includes('多少钱')), JSON.stringify(asked.trust.evidence));
  assert.match(asked.trust.guidance.zh.goal, /首/);
  assert.ok(asked.trust.guidance.en.goal.length > 0);
  assert.equal(asked.rfm, null);

  const stranger = await models(id.stranger);
  assert.ok(stranger.trust.guidance.zh.avoid.some((a: string) => a.includes('产品推送')));
  const bought = await models(id.bought);
  assert.deepEqual([bought.rfm.f, bought.rfm.m, bought.lifecycle.ecommerce.value], [1, '99.00', '首购']);
  assert.ok(bought.rfm.guidance.zh.goal.length > 0);
});

test('a pin wins until removed, and the computed level is shown beside it', async () => {
  const computedTier = (await models(id.stranger)).valueTier.tier;
  const pinned = await call('PUT', `/api/v1/customers/${id.stranger}/pins/trust`, { value: 'L3', reason: '电话里聊过' });
  assert.equal(pinned.status, 200);
  assert.deepEqual([pinned.json.trust.level, pinned.json.trust.computed, pinned.json.trust.pinned], [3, 0, 3]);
  const seen = await models(id.stranger);
  assert.deepEqual([seen.trust.level, seen.trust.computed, seen.trust.name], [3, 0, '认同我的人']);
  assert.equal(seen.history[0].cause, 'pin');
  const tier = await call('PUT', `/api/v1/customers/${id.stranger}/pins/value_tier`, { value: '核心' });
  assert.deepEqual([tier.json.valueTier.tier, tier.json.valueTier.computed, tier.json.valueTier.pinned], ['核心', computedTier, '核心']);

  const [csvHead, ...csvRows] = await collectCsv();
  const row = csvRows.find((r) => r.customer_id === String(id.stranger))!;
  assert.deepEqual([row.trust_level, row.trust_pinned, row.value_tier], ['L3', 'true', '核心'], csvHead.join(','));

  const unpinned = await call('DELETE', `/api/v1/customers/${id.stranger}/pins/trust`);
  assert.deepEqual([unpinned.status, unpinned.json.trust.level, unpinned.json.trust.pinned], [200, 0, null]);
  assert.equal((await call('DELETE', `/api/v1/customers/${id.stranger}/pins/value_tier`)).json.valueTier.tier, computedTier);

  const cases: [string, string, unknown, number, RegExp][] = [
    ['DELETE', `/api/v1/customers/${id.stranger}/pins/trust`, undefined, 404, /has no pinned trust level/],
    ['PUT', `/api/v1/customers/${id.stranger}/pins/trust`, { value: 'L9' }, 422, /must be one of L0…L5/],
    ['PUT', `/api/v1/customers/${id.stranger}/pins/value_tier`, { value: 'VIP' }, 422, /must be one of 普通/],
    ['PUT', `/api/v1/customers/${id.stranger}/pins/rfm`, { value: 'x' }, 422, /model/],
    ['PUT', '/api/v1/customers/999999/pins/trust', { value: 'L1' }, 404, /customer 999999 does not exist/],
  ];
  for (const [method, path, body, status, message] of cases) {
    const r = await call(method, path, body);
    assert.equal(r.status, status, `${method} ${path}`);
    assert.match(r.json.message, message);
  }
});

test('configuration: read, a bad setting named in a 422, a change recomputes', async () => {
  const c = await call('GET', '/api/v1/models/config');
  assert.deepEqual([c.json.trust.l2ChatRounds, c.json.rfm.method], [3, 'mean']);
  for (const [body, field] of [
    [{ trust: { l2ChatRounds: -1 } }, /trust\.l2ChatRounds/],
    [{ rfm: { method: 'median' } }, /rfm\.method/],
    [{ trust: { l2Rounds: 4 } }, /l2Rounds/],
    [{ rfm: { method: 'fixed' } }, /rfm\.fixed/],
  ] as const) {
    const bad = await call('PUT', '/api/v1/models/config', body);
    assert.equal(bad.status, 422, JSON.stringify(body));
    assert.equal(bad.json.code, 'validation_failed');
    assert.match(bad.json.message, field);
  }
  assert.equal((await call('GET', '/api/v1/models/config')).json.trust.l2ChatRounds, 3);

  const changed = await call('PUT', '/api/v1/models/config', { trust: { l2ChatRounds: 4 } });
  assert.equal(changed.status, 200);
  assert.deepEqual([changed.json.config.trust.l2ChatRounds, changed.json.recompute.status], [4, 'done']);
  const acquainted = await models(id.acquainted);
  assert.ok(acquainted.trust.level < 2, 'two rounds short of the new L2 line');
  assert.equal(acquainted.history.find((h: { model: string }) => h.model === 'trust').cause, 'config');
  assert.equal((await call('PUT', '/api/v1/models/config', {})).json.config.trust.l2ChatRounds, 3);
  assert.equal((await models(id.acquainted)).trust.level, 2);
});

test('segments: every model\'s counts add up to the customers, stored or as of a date', async () => {
  const total = await liveCustomers();
  const stored = await call('GET', '/api/v1/segments');
  const asOf = await call('GET', '/api/v1/segments?asOf=2026-11-30');
  assert.equal(asOf.json.asOf, '2026-11-30T16:00:00.000Z', 'the end of the day in Asia/Shanghai');
  for (const d of [stored.json, asOf.json]) {
    assert.equal(d.customers, total);
    for (const model of ['trust', 'rfm', 'value_tier', 'lifecycle_ecommerce']) {
      const sum = d.models[model].reduce((s: number, b: { count: number }) => s + b.count, 0);
      assert.equal(sum, total, model);
    }
  }
  assert.deepEqual(stored.json.models.trust.map((b: { count: number }) => b.count), [1, 1, 1, 1, 1, 0]);
  assert.equal(stored.json.models.trust[3].share, 0.2);
  const bad = await call('GET', '/api/v1/segments?asOf=30.11.2026');
  assert.deepEqual([bad.status, bad.json.code], [422, 'validation_failed']);
  assert.match(bad.json.message, /asOf/);
});

test('recompute as of a date; a future date or a failure is reported, and the failed run is kept', async () => {
  const past = await call('POST', '/api/v1/recompute', { asOf: '2026-11-25' });
  assert.deepEqual([past.status, past.json.asOf], [200, '2026-11-25T16:00:00.000Z']);
  const future = await call('POST', '/api/v1/recompute', { asOf: '2026-12-01' });
  assert.equal(future.status, 422);
  assert.match(future.json.message, /after today/);

  // A configuration stored behind the API's back that no longer validates makes the run fail.
  await store.db.query(`UPDATE workspaces SET settings = jsonb_set(settings, '{models}', '{"trust": {"l5MinOrders": -3}}') WHERE workspace_id = $1`, [ws]);
  const failed = await call('POST', '/api/v1/recompute', {});
  assert.equal(failed.status, 422);
  const [run] = (await call('GET', '/api/v1/models/runs?limit=1')).json;
  assert.equal(run.status, 'failed');
  assert.match(run.error, /trust\.l5MinOrders/);
  await store.db.query(`UPDATE workspaces SET settings = settings - 'models' WHERE workspace_id = $1`, [ws]);
  assert.equal((await call('POST', '/api/v1/recompute')).json.status, 'done');
  // A user belongs to one workspace: asking for another is refused.
  assert.equal((await api.get('/api/v1/models/runs?workspace=nope')).status, 403);
});

test('undoing a merge places both records again', async () => {
  // Separate batches: within one batch the shared identity would make them one record from the start.
  const one = async (e: object) => (await ingestEvents(store.db, ws, [e], { now })).accepted[0]!.customerId;
  const friend = await one(ev('m1', 'contact.added', { externalUserId: 'wm-merge' }));
  const buyer = await one(ev('m2', 'order.paid', { phone: '13900000001' }, { orderId: 'o-m', amount: 50 }));
  await one(ev('m3', 'moment.liked', { externalUserId: 'wm-merge', phone: '13900000001' }, { momentId: 'm9' }));
  const [merge] = (await call('GET', `/api/v1/customers/${buyer}/merges`)).json;
  assert.equal(merge.survivorId, friend, 'the WeCom friend, known first, absorbs the shop buyer');
  assert.equal((await models(friend)).trust.level, 4, 'the merged customer has bought');
  assert.equal((await call('POST', '/api/v1/recompute')).json.status, 'done');
  assert.equal((await call('POST', `/api/v1/merges/${merge.mergeId}/undo`)).status, 200);
  assert.equal((await models(buyer)).trust.level, 4);
  assert.ok((await models(friend)).trust.level < 4, 'the friend record has no order of its own');
  // Placed again at once: a full recompute finds nothing left to move.
  assert.equal((await call('POST', '/api/v1/recompute')).json.moved, 0);
});

test('export carries every customer\'s placements, also of one the models have not placed yet', async () => {
  await store.db.query(`DELETE FROM customer_models WHERE workspace_id = $1 AND customer_id = $2`, [ws, id.knows]);
  const records: ExportRecord[] = [];
  for await (const r of exportCustomers(store.db, ws, { now: new Date(now) })) records.push(r);
  assert.equal(records.length, await liveCustomers());
  assert.equal(records.find((r) => r.customerId === id.knows)!.models, null);
  const asked = records.find((r) => r.customerId === id.asked)!.models!;
  assert.deepEqual([asked.trustLevel, asked.trustPinned, asked.rfmSegment], ['L3', false, null]);
  assert.match(asked.trustEvidence, /多少钱/);

  const [head, ...rows] = await collectCsv();
  for (const col of ['trust_level', 'trust_evidence', 'trust_pinned', 'lifecycle_ecommerce', 'lifecycle_sales', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'value_tier', 'engagement_score']) {
    assert.ok(head.includes(col), col);
  }
  const bought = rows.find((r) => r.customer_id === String(id.bought))!;
  assert.deepEqual([bought.trust_level, bought.rfm_f, bought.rfm_m, bought.lifecycle_ecommerce], ['L4', '1', '99.00', '首购']);
  assert.ok(Number(bought.engagement_score) > 0);
  const knows = rows.find((r) => r.customer_id === String(id.knows))!;
  assert.deepEqual([knows.trust_level, knows.value_tier], ['', '']);
});

/** The export as CSV, parsed back: header, then one object per row. */
async function collectCsv(): Promise<[string[], ...Record<string, string>[]]> {
  let text = '';
  for await (const line of toCsv(exportCustomers(store.db, ws, { now: new Date(now) }))) text += line;
  const parse = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [head, ...lines] = text.trimEnd().split('\n');
  const cols = parse(head!);
  return [cols, ...lines.map((l) => Object.fromEntries(parse(l).map((v, i) => [cols[i]!, v])))];
}

test('the OpenAPI document describes the model routes and the customer\'s placements', async () => {
  const doc = (await api.get('/openapi.json')).json as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, any> } };
  for (const [path, method] of [['/api/v1/segments', 'get'], ['/api/v1/recompute', 'post'], ['/api/v1/models/runs', 'get'], ['/api/v1/models/config', 'put'], ['/api/v1/customers/{id}/pins/{model}', 'delete']]) {
    assert.ok(doc.paths[path!]?.[method!], `${method} ${path}`);
  }
  assert.ok(doc.components.schemas.Customer.properties.models);
  assert.deepEqual(Object.keys(doc.components.schemas.CustomerModels.properties), ['asOf', 'trust', 'lifecycle', 'rfm', 'valueTier', 'engagement', 'history']);
});
