import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter } from './compile.ts';
import { parseFilter, type AudienceFilter } from './filter.ts';
import { describeFields } from './fields.ts';
import { ENGAGEMENT_EPOCH } from '../models/index.ts';

const NOW = Date.parse('2026-11-20T00:00:00Z');
const DAY = 86_400_000;

/** filter → fragments the SQL must contain, and its parameters (placeholders start at $2). */
const cases: { name: string; filter: AudienceFilter; has: string[]; params: unknown[] }[] = [
  { name: 'trust level', filter: { field: 'trustLevel', op: 'gte', value: 3 }, has: ['FROM customer_models m', 'm.trust_level >= $2::smallint'], params: [3] },
  { name: 'gender, null is unknown', filter: { field: 'gender', op: 'in', values: ['female'] }, has: [`COALESCE(c.gender, 'unknown') = ANY($2::text[])`], params: [['female']] },
  { name: 'gender not in', filter: { field: 'gender', op: 'notIn', values: ['male'] }, has: ['(NOT (COALESCE(c.gender'], params: [['male']] },
  { name: 'tag by id', filter: { field: 'tag', op: 'has', tag: 7 }, has: ['FROM customer_tags ct', 'ct.tag_id = $2::bigint', 'ct.expires_at > $3::timestamptz'], params: [7, new Date(NOW).toISOString()] },
  { name: 'tag lacks', filter: { field: 'tag', op: 'lacks', tag: 7 }, has: ['(NOT EXISTS (SELECT 1 FROM customer_tags ct'], params: [7, new Date(NOW).toISOString()] },
  { name: 'tag by path, resolved in SQL', filter: { field: 'tag', op: 'has', tag: '会员/金卡' }, has: ['g.name = $2::text', 't.name = $3::text', 'ta.alias = $3::text'], params: ['会员', '金卡', new Date(NOW).toISOString()] },
  { name: 'tag group', filter: { field: 'tagGroup', op: 'hasAny', group: 4 }, has: ['ct.group_id = $2::bigint'], params: [4, new Date(NOW).toISOString()] },
  { name: 'stage by names (no store): the journey group', filter: { field: 'stage', journey: '购买频次', stage: '已购买' }, has: ['g.name = $2::text'], params: ['购买频次', '已购买', new Date(NOW).toISOString()] },
  { name: 'lifecycle', filter: { field: 'lifecycle', path: 'sales', op: 'in', values: ['意向'] }, has: ['m.lifecycle_sales = ANY($2::text[])'], params: [['意向']] },
  { name: 'rfm not in', filter: { field: 'rfmSegment', op: 'notIn', values: ['重要价值客户'] }, has: ['(NOT EXISTS (SELECT 1 FROM customer_models m', 'm.rfm_segment = ANY($2::text[])'], params: [['重要价值客户']] },
  { name: 'value tier', filter: { field: 'valueTier', op: 'in', values: ['核心', '高价值'] }, has: ['m.value_tier = ANY($2::text[])'], params: [['核心', '高价值']] },
  { name: 'paid amount in yuan → fen', filter: { field: 'paidAmount', op: 'gte', value: '100.5' }, has: ['a.paid_fen >= $2::bigint'], params: [10050] },
  { name: 'paid orders', filter: { field: 'paidOrders', op: 'gt', value: 1 }, has: ['FROM customer_aggregates a', 'a.paid_orders > $2::bigint'], params: [1] },
  { name: 'complaints', filter: { field: 'complaints', op: 'eq', value: 0 }, has: ['a.complaints = $2::bigint'], params: [0] },
  { name: 'added within 30 days: explicit wins', filter: { field: 'addedAt', op: 'withinDays', value: 30 }, has: ['COALESCE(c.added_at, a.added_at) >= $2::timestamptz'], params: [new Date(NOW - 30 * DAY).toISOString()] },
  { name: 'not paid for 60 days', filter: { field: 'lastPaidAt', op: 'beforeDays', value: 60 }, has: ['a.last_paid_at < $2::timestamptz'], params: [new Date(NOW - 60 * DAY).toISOString()] },
  { name: 'date-only bound in the zone', filter: { field: 'addedAt', op: 'after', value: '2026-11-01' }, has: ['>= $2::timestamptz'], params: ['2026-10-31T16:00:00.000Z'] },
  { name: 'a date-time without an offset is read in the zone too', filter: { field: 'addedAt', op: 'before', value: '2026-11-01T08:00' }, has: ['< $2::timestamptz'], params: ['2026-11-01T00:00:00.000Z'] },
  { name: 'never paid', filter: { field: 'lastPaidAt', op: 'missing' }, has: ['(NOT EXISTS', 'a.last_paid_at IS NOT NULL'], params: [] },
  { name: 'owner: explicit wins over the add event', filter: { field: 'ownerStaff', op: 'in', values: ['zhang'] }, has: ['COALESCE(c.owner_staff, a.added_by_staff) = ANY($2::text[])'], params: [['zhang']] },
  { name: 'channel', filter: { field: 'channel', op: 'notIn', values: ['store'] }, has: ['(NOT EXISTS', 'COALESCE(c.channel, a.added_channel)'], params: [['store']] },
  { name: 'follower', filter: { field: 'follower', op: 'in', values: ['li'] }, has: ['FROM customer_followers f', 'f.removed_at IS NULL'], params: [['li']] },
  { name: 'wecom friend', filter: { field: 'wecomFriend', value: false }, has: ['(NOT EXISTS (SELECT 1 FROM customer_identities ci', `ci.kind = 'external_user_id'`], params: [] },
  { name: 'search a phone in any spelling', filter: { field: 'search', value: '138 0013 8000' }, has: ['ILIKE $2::text', 'ci.value = ANY($3::text[])'], params: ['%138 0013 8000%', ['138 0013 8000', '+8613800138000']] },
  { name: 'search escapes LIKE wildcards', filter: { field: 'search', value: '50%_off' }, has: ['ILIKE $2::text'], params: ['%50\\%\\_off%', ['50%_off']] },
  { name: 'search digits: phone part and id', filter: { field: 'search', value: '8000' }, has: [`ci.kind = 'phone' AND ci.value LIKE $3::text`, 'c.customer_id = $5::bigint'], params: ['%8000%', '%8000%', ['8000'], 8000] },
  { name: 'customer ids', filter: { field: 'customerId', op: 'in', values: [1, 2] }, has: ['c.customer_id = ANY($2::bigint[])'], params: [[1, 2]] },
  {
    name: 'and / or / not nest with brackets',
    filter: { and: [{ field: 'trustLevel', op: 'gte', value: 3 }, { or: [{ field: 'paidOrders', op: 'gte', value: 1 }, { not: { field: 'gender', op: 'in', values: ['male'] } }] }] },
    has: ['(EXISTS', ' AND (EXISTS', ' OR (NOT (COALESCE(c.gender'], params: [3, 1, ['male']],
  },
];

for (const c of cases) {
  test(`compile: ${c.name}`, () => {
    assert.equal(parseFilter(c.filter).ok, true, JSON.stringify(parseFilter(c.filter)));
    const r = compileFilter(c.filter, 2, { now: NOW });
    for (const h of c.has) assert.ok(r.sql.includes(h), `expected ${JSON.stringify(h)} in\n${r.sql}`);
    assert.deepEqual(r.params, c.params);
    const placeholders = new Set([...r.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    assert.deepEqual([...placeholders].sort((a, b) => a - b), c.params.map((_, i) => i + 2), 'every parameter is used, none is invented');
  });
}

test('engagement compares the stored log against the decayed threshold', () => {
  const r = compileFilter({ field: 'engagement', op: 'gte', value: 8 }, 1, { now: NOW, halfLifeDays: 30 });
  assert.match(r.sql, /m\.engagement_log2 >= \$1::float8/);
  assert.equal(r.params[0], 3 + (NOW - ENGAGEMENT_EPOCH) / (30 * DAY));
  assert.equal(compileFilter({ field: 'engagement', op: 'gte', value: 0 }, 1).sql, 'true');
  assert.match(compileFilter({ field: 'engagement', op: 'lt', value: 8 }, 1, { now: NOW }).sql, /^\(NOT EXISTS/);
});

test('with the workspace known, a search looks names and identities up once, not per customer', () => {
  const r = compileFilter({ field: 'search', value: '王芳' }, 2, { workspaceId: 'w1' });
  assert.match(r.sql, /c\.customer_id IN \(SELECT a\.customer_id FROM customer_aggregates a WHERE a\.workspace_id = \$3::text/);
  assert.ok(!/a\.customer_id = c\.customer_id/.test(r.sql), 'uncorrelated');
  assert.deepEqual(r.params, ['%王芳%', 'w1', ['王芳']]);
});

test('without a clock the server decides what now is', () => {
  assert.match(compileFilter({ field: 'addedAt', op: 'withinDays', value: 7 }, 1).sql, /now\(\) - \$1::float8 \* interval '1 day'/);
});

test('user text never reaches the SQL: every string field carries injection attempts as parameters only', () => {
  const evil = [`'; DROP TABLE customers; --`, `x' OR '1'='1`, `$$ OR true $$`, `0) OR (1=1`, `\\'); SELECT pg_sleep(10); --`, `"c"."name"`, `/**/`];
  for (const e of evil) {
    const filters: AudienceFilter[] = [
      { field: 'tag', op: 'has', tag: `${e}/${e}` }, { field: 'tagGroup', op: 'hasAny', group: e },
      { field: 'stage', journey: e, stage: e }, { field: 'ownerStaff', op: 'in', values: [e] }, { field: 'channel', op: 'in', values: [e] },
      { field: 'follower', op: 'notIn', values: [e] }, { field: 'search', value: e }, { field: 'rfmSegment', op: 'in', values: [e] },
      { field: 'lifecycle', path: 'ecommerce', op: 'in', values: [e] }, { field: 'valueTier', op: 'in', values: [e] },
    ];
    for (const f of filters) {
      let r;
      try {
        r = compileFilter(f, 1, { now: NOW, timeZone: e });
      } catch (err) {
        assert.match((err as Error).message, /is not a tag path/); // refused outright is harmless too
        continue;
      }
      assert.ok(!r.sql.includes(e), `${JSON.stringify(f)} leaked into SQL`);
      assert.ok(!r.sql.includes('DROP') && !r.sql.includes('pg_sleep'));
    }
  }
  // A malicious field name or operator is refused by the schema, never looked up as an identifier.
  for (const bad of [{ field: 'name; DROP', op: 'eq', value: 1 }, { field: 'paidOrders', op: '= 1 OR 1', value: 1 }, { field: 'trustLevel', op: 'gte', value: '3 OR true' }]) {
    assert.equal(parseFilter(bad).ok, false, JSON.stringify(bad));
  }
});

test('bad filters are refused with the place and the reason', () => {
  const r = parseFilter({ and: [{ field: 'trustLevel', op: 'gte', value: 3 }, { field: 'rfmSegment', op: 'in', values: ['土豪'] }] });
  assert.equal(r.ok, false);
  const text = r.ok ? '' : r.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  assert.match(text, /and\[1\]/);
  assert.match(text, /"土豪" is not a rfmSegment/);
  assert.match(JSON.stringify(parseFilter('{nope')), /is not JSON/);
  assert.match(JSON.stringify(parseFilter({ field: 'addedAt', op: 'after', value: 'yesterday' })), /ISO 8601/);
  assert.match(JSON.stringify(parseFilter({ field: 'colour', op: 'in', values: ['red'] })), /unknown field \\"colour\\"/);
});

test('the field catalogue describes every field the schema accepts, in both languages', () => {
  const fields = describeFields();
  for (const f of fields) {
    assert.ok(f.label.zh && f.label.en, f.field);
    assert.ok(f.ops.every((o) => o.label.zh && o.label.en), f.field);
    if (f.field !== 'segment') assert.equal(parseFilter(f.example).ok, true, `${f.field}: ${JSON.stringify(parseFilter(f.example))}`);
  }
  assert.equal(new Set(fields.map((f) => f.field)).size, fields.length);
});

test('a filter is bounded in depth, conditions and values, with a reason naming the limit; nothing overflows', () => {
  const cond = { field: 'trustLevel', op: 'gte', value: 1 };
  let deep: unknown = cond;
  for (let i = 0; i < 5000; i++) deep = { not: deep };
  const tooDeep = parseFilter(deep);
  assert.ok(!tooDeep.ok && /nested more than 10 levels/.test(tooDeep.issues[0]!.message), JSON.stringify(tooDeep).slice(0, 300));
  let ten: unknown = cond;
  for (let i = 0; i < 10; i++) ten = { not: ten };
  assert.equal(parseFilter(ten).ok, true, 'ten levels are allowed');
  const wide = { or: Array.from({ length: 200 }, () => ({ and: Array.from({ length: 200 }, (_, i) => ({ field: 'search', value: `x${i}` })) })) };
  const tooMany = parseFilter(wide);
  assert.ok(!tooMany.ok && /more than 500 conditions/.test(tooMany.issues[0]!.message), JSON.stringify(tooMany).slice(0, 300));
  const five = { and: Array.from({ length: 5 }, () => ({ or: Array.from({ length: 100 }, (_, i) => ({ field: 'search', value: `x${i}` })) })) };
  assert.equal(parseFilter(five).ok, true, '500 conditions are allowed');
  const lists = { or: Array.from({ length: 3 }, () => ({ field: 'customerId', op: 'in', values: Array.from({ length: 10_000 }, (_, i) => i + 1) })) };
  const tooManyValues = parseFilter(lists);
  assert.ok(!tooManyValues.ok && /more than 20000 values/.test(tooManyValues.issues[0]!.message));
  const long = parseFilter({ field: 'search', value: 'x'.repeat(201) });
  assert.equal(long.ok, false);
});

test('filter dates are calendar dates from 1970 on: 2026-02-30 and 0000-01-01 are refused with the reason', () => {
  for (const value of ['2026-02-30', '0000-01-01', '2026-02-30T10:00:00+08:00', '2026-13-01']) {
    const r = parseFilter({ field: 'addedAt', op: 'after', value });
    assert.ok(!r.ok && r.issues[0]!.path === 'value', `${value} → ${JSON.stringify(r)}`);
  }
  const r = parseFilter({ field: 'addedAt', op: 'after', value: '2026-02-30' });
  assert.ok(!r.ok && /not a calendar date/.test(r.issues[0]!.message));
  assert.throws(() => compileFilter({ field: 'addedAt', op: 'after', value: '0000-01-01' }, 1, {}), /1970/);
  assert.throws(() => compileFilter({ field: 'paidAmount', op: 'gte', value: '1,2,3' }, 1, {}), /commas may only group thousands/);
  assert.deepEqual(compileFilter({ field: 'paidAmount', op: 'gte', value: '200,000,000' }, 1, {}).params, [20_000_000_000]);
});

test('predicted value: P(alive) and CLV compare against the stored prediction; P(alive) above 1 is refused', () => {
  const r = compileFilter({ field: 'clv', op: 'gte', value: 500 }, 1);
  assert.match(r.sql, /^EXISTS \(SELECT 1 FROM customer_clv v .* v\.clv >= \$1::float8\)$/);
  assert.deepEqual(r.params, [500]);
  assert.match(compileFilter({ field: 'pAlive', op: 'lt', value: 0.3 }, 1).sql, /v\.p_alive < \$1::float8/);
  assert.deepEqual(parseFilter({ field: 'pAlive', op: 'lt', value: 1.5 }), { ok: false, issues: [{ path: 'value', message: 'pAlive is at most 1' }] });
  const eq = parseFilter({ field: 'clv', op: 'eq', value: 1 });
  assert.ok(!eq.ok && /op/.test(eq.issues[0]!.message));
  assert.ok(parseFilter({ field: 'clv', op: 'gte', value: 1 }).ok);
});

test('ANDed conditions on one per-customer table share one EXISTS; tags (many rows per customer) and negations do not', () => {
  const count = (sql: string, what: string) => sql.split(what).length - 1;
  const merged = compileFilter({ and: [
    { field: 'paidOrders', op: 'gte', value: 2 }, { field: 'trustLevel', op: 'gte', value: 3 },
    { field: 'lastPaidAt', op: 'beforeDays', value: 60 }, { field: 'valueTier', op: 'in', values: ['核心'] },
  ] } as AudienceFilter, 2, { now: NOW });
  assert.equal(count(merged.sql, 'FROM customer_aggregates a'), 1, merged.sql);
  assert.equal(count(merged.sql, 'FROM customer_models m'), 1, merged.sql);
  assert.match(merged.sql, /\(a\.paid_orders >= \$2::bigint\) AND \(a\.last_paid_at < \$4::timestamptz\)/);
  assert.deepEqual(merged.params, [2, 3, new Date(NOW - 60 * DAY).toISOString(), ['核心']]);
  const tags = compileFilter({ and: [{ field: 'tag', op: 'has', tag: 1 }, { field: 'tag', op: 'has', tag: 2 }] } as AudienceFilter, 2, { now: NOW });
  assert.equal(count(tags.sql, 'FROM customer_tags ct'), 2, 'a customer with tag 1 and tag 2 has them on two rows');
  const or = compileFilter({ or: [{ field: 'paidOrders', op: 'gte', value: 2 }, { field: 'complaints', op: 'eq', value: 0 }] } as AudienceFilter, 2, { now: NOW });
  assert.equal(count(or.sql, 'FROM customer_aggregates a'), 2, 'OR stays two EXISTS');
  const not = compileFilter({ and: [{ field: 'paidOrders', op: 'gte', value: 2 }, { not: { field: 'complaints', op: 'eq', value: 0 } }] } as AudienceFilter, 2, { now: NOW });
  assert.equal(count(not.sql, 'FROM customer_aggregates a'), 2, 'a negated leaf is not merged into the positive one');
});
