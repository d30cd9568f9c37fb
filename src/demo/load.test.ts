import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ingestEvents } from '../events/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { openTestStore, type TestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { generateDemo, hasCustomers, loadDemo, type LoadDemoResult } from './index.ts';

const ws = 'demo';
const endDate = '2026-05-20';
const now = Date.parse('2026-05-20T09:30:00+08:00');
// Small batches: a merge is recorded when the two records were stored before the event that links them.
const options = { workspaceId: ws, seed: 7, customers: 300, endDate, now, batchSize: 200 };
let store: TestStore;
let first: LoadDemoResult;

before(async () => {
  store = await openTestStore();
  await ensureWorkspace(store.db, { workspaceId: ws });
  assert.equal(await hasCustomers(store.db, ws), false);
  first = await loadDemo(store.db, options);
});
after(() => store.close());

const one = async <T>(sql: string, params: unknown[] = [ws]): Promise<T> => (await store.db.query<T>(sql, params))[0]!;
const count = async (sql: string, params: unknown[] = [ws]) => (await one<{ n: number }>(sql, params)).n;

test('every demo event goes through intake and is accepted; one customer per person', async () => {
  const demo = generateDemo({ seed: 7, customers: 300, endDate });
  assert.equal(first.events.generated, demo.events.length);
  assert.deepEqual(first.events, { generated: demo.events.length, accepted: demo.events.length, duplicates: 0, rejected: 0 });
  assert.deepEqual(first.rejections, []);
  assert.equal(first.customers, 300);
  assert.equal(await hasCustomers(store.db, ws), true);
  assert.equal(await count(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND source = 'demo'`), demo.events.length);
  assert.equal(await count(`SELECT count(*)::int AS n FROM staff WHERE workspace_id = $1`), 4);
  const channel = await one<{ fixed_cost_fen: number; traffic_cost_fen: number }>(
    `SELECT fixed_cost_fen, traffic_cost_fen FROM channels WHERE workspace_id = $1 AND channel = 'qr-moments-ad'`);
  assert.deepEqual(channel, { fixed_cost_fen: 0, traffic_cost_fen: 1_500_000 });
});

test('two records of one person are merged, and the merge says which identities proved it', async () => {
  assert.ok(first.merges >= 1);
  const merges = await store.db.query<{ reason: { because: { kind: string }[] }; survivor_id: number }>(
    `SELECT reason, survivor_id FROM customer_merges WHERE workspace_id = $1`, [ws]);
  assert.equal(merges.length, first.merges);
  for (const m of merges) {
    assert.deepEqual(m.reason.because.map((i) => i.kind).sort(), ['phone', 'union_id']);
    const kinds = await store.db.query<{ kind: string }>(
      `SELECT DISTINCT kind FROM customer_identities WHERE workspace_id = $1 AND customer_id = $2 ORDER BY kind`, [ws, m.survivor_id]);
    assert.deepEqual(kinds.map((k) => k.kind), ['buyer_id', 'external_user_id', 'phone', 'union_id']);
  }
  assert.equal(await count(`SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1`), 300 + first.merges);
});

test('shop buyers: some are never WeCom friends, others add a staff member later and are linked by phone', async () => {
  const notFriends = await count(
    `SELECT count(*)::int AS n FROM customers c WHERE c.workspace_id = $1 AND c.merged_into IS NULL
     AND NOT EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = $1 AND i.customer_id = c.customer_id AND i.kind = 'external_user_id')`);
  assert.ok(notFriends >= 10, `${notFriends} customers are not WeCom friends`);
  const linked = await count(
    `SELECT count(*)::int AS n FROM customer_aggregates a WHERE a.workspace_id = $1 AND a.added_channel = 'youzan-card'
     AND a.first_paid_at < a.added_at
     AND EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = $1 AND i.customer_id = a.customer_id AND i.value LIKE 'youzan:%')`);
  assert.ok(linked >= 5, `${linked} shop-first buyers were linked to their WeCom contact`);
});

test('the aggregates show orders, refunds, chats, complaints and referrals', async () => {
  const o = await one<{ paid: number; full: number; partial: number; platforms: string[] }>(
    `SELECT count(*)::int AS paid, count(*) FILTER (WHERE refunded_fen = amount_fen)::int AS full,
            count(*) FILTER (WHERE refunded_fen > 0 AND refunded_fen < amount_fen)::int AS partial,
            array_agg(DISTINCT platform ORDER BY platform) AS platforms
     FROM orders WHERE workspace_id = $1`);
  assert.ok(o.paid > 200 && o.full >= 3 && o.partial >= 3, JSON.stringify(o));
  assert.deepEqual(o.platforms, ['store', 'tmall', 'youzan']);
  const a = await one<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE chat_rounds >= 3)::int AS chatty, count(*) FILTER (WHERE customer_conversations >= 2)::int AS self_started,
            count(*) FILTER (WHERE complaints > 0)::int AS complained, count(*) FILTER (WHERE referrals > 0)::int AS referrers,
            count(*) FILTER (WHERE paid_orders >= 3)::int AS frequent, count(*) FILTER (WHERE last_removed_at IS NOT NULL)::int AS removed,
            count(*) FILTER (WHERE moments_interactions > 0)::int AS moments
     FROM customer_aggregates a JOIN customers c USING (workspace_id, customer_id) WHERE a.workspace_id = $1 AND c.merged_into IS NULL`);
  for (const [k, min] of Object.entries({ chatty: 100, self_started: 40, complained: 3, referrers: 5, frequent: 20, removed: 3, moments: 100 })) {
    assert.ok(a[k]! >= min, `${k}: ${a[k]}`);
  }
});

test('a referred friend is a customer of their own who came through 老带新', async () => {
  const rows = await store.db.query<{ referred: number; channel: string | null; friend: boolean }>(
    `SELECT (e.data->>'referredCustomerId')::bigint AS referred, a.added_channel AS channel,
            EXISTS (SELECT 1 FROM customer_identities i WHERE i.workspace_id = $1 AND i.customer_id = a.customer_id AND i.kind = 'external_user_id') AS friend
     FROM events e JOIN customer_aggregates a ON a.workspace_id = e.workspace_id AND a.customer_id = (e.data->>'referredCustomerId')::bigint
     WHERE e.workspace_id = $1 AND e.type = 'referral.made'`, [ws]);
  assert.ok(rows.length >= 5);
  for (const r of rows) assert.deepEqual([r.channel, r.friend], ['referral', true], `customer ${r.referred}`);
});

test('WeCom friends get their gender, and staff tag the customers they know in 人群 and 兴趣', async () => {
  const g = await one<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE gender = 'female')::int AS female, count(*) FILTER (WHERE gender = 'male')::int AS male
     FROM customers WHERE workspace_id = $1 AND merged_into IS NULL`);
  assert.ok(g.female! > g.male! && g.male! > 30, JSON.stringify(g));
  const tags = await store.db.query<{ grp: string; source: string; customers: number }>(
    `SELECT g.name AS grp, ct.source, count(DISTINCT ct.customer_id)::int AS customers
     FROM customer_tags ct JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
     WHERE ct.workspace_id = $1 AND ct.source <> 'system' GROUP BY 1, 2 ORDER BY 1`, [ws]);
  assert.deepEqual(tags.map((t) => [t.grp, t.source]).sort(), [['人群', 'staff'], ['兴趣', 'staff']].sort());
  assert.ok(tags.every((t) => t.customers >= 50), JSON.stringify(tags));
  assert.equal(first.tags > 0, true);
});

test('loading the same demo again adds nothing', async () => {
  const tables = ['events', 'customers', 'orders', 'customer_tags', 'customer_merges', 'audit_log'];
  const before = await Promise.all(tables.map((t) => count(`SELECT count(*)::int AS n FROM ${t} WHERE workspace_id = $1`)));
  const again = await loadDemo(store.db, options);
  assert.deepEqual(again.events, { generated: first.events.generated, accepted: 0, duplicates: first.events.generated, rejected: 0 });
  assert.equal(again.profiles, 0);
  assert.deepEqual([again.customers, again.merges], [first.customers, first.merges]);
  const afterCounts = await Promise.all(tables.map((t) => count(`SELECT count(*)::int AS n FROM ${t} WHERE workspace_id = $1`)));
  assert.deepEqual(afterCounts, before);
});

test('the demo refuses a workspace with other customers, and an end date in the future', async () => {
  const other = 'real-shop';
  await ensureWorkspace(store.db, { workspaceId: other });
  await ingestEvents(store.db, other, [{ id: 'x1', type: 'contact.added', occurredAt: '2026-05-01T10:00:00+08:00', customer: { externalUserId: 'wmREAL' } }], { now });
  await assert.rejects(loadDemo(store.db, { ...options, workspaceId: other }), (e: unknown) => e instanceof SiyuError && e.code === 'conflict' && /already has customers/.test(e.message));
  assert.equal(await count(`SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1`, [other]), 1);
  await assert.rejects(loadDemo(store.db, { ...options, workspaceId: 'later', endDate: '2026-05-21' }), (e: unknown) => e instanceof SiyuError && /in the future/.test(e.message));
});
