import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { audienceCustomerIds, countAudience, matchCustomers, type AudienceFilter } from './index.ts';
import { NOW, WS, openAudienceFixture, type AudienceFixture } from './fixture.test-helper.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import { SiyuError } from '../shared/errors.ts';

let fx: AudienceFixture;
before(async () => {
  fx = await openAudienceFixture();
});
after(async () => {
  await fx.store.close();
});

/** The members of a filter, by fixture name, over everyone. */
async function who(filter: AudienceFilter, scope = ALL_CUSTOMERS): Promise<string[]> {
  const ids = await audienceCustomerIds(fx.db, WS, filter, scope, { now: NOW });
  const byId = new Map(Object.entries(fx.id).map(([k, v]) => [v, k]));
  assert.equal(await countAudience(fx.db, WS, filter, scope, { now: NOW }), ids.length, 'count agrees with the members');
  return ids.map((i) => byId.get(i) ?? String(i)).sort();
}

const table: [string, AudienceFilter, string[]][] = [
  ['gender', { field: 'gender', op: 'in', values: ['female'] }, ['han', 'wang', 'zhao']],
  ['gender not in', { field: 'gender', op: 'notIn', values: ['female'] }, ['li', 'zhang']],
  ['tag by path', { field: 'tag', op: 'has', tag: '会员/金卡' }, ['wang']],
  ['tag by alias', { field: 'tag', op: 'has', tag: '会员/gold' }, ['wang']],
  ['tag lacks', { field: 'tag', op: 'lacks', tag: '会员/金卡' }, ['han', 'li', 'zhang', 'zhao']],
  ['tag group has any', { field: 'tagGroup', op: 'hasAny', group: '会员' }, ['han', 'wang']],
  ['tag group has none', { field: 'tagGroup', op: 'hasNone', group: '会员' }, ['li', 'zhang', 'zhao']],
  ['journey stage by names', { field: 'stage', journey: '购买频次', stage: '已购买' }, ['han', 'wang']],
  ['not in a stage', { field: 'stage', op: 'isNot', journey: '购买频次', stage: '已购买' }, ['li', 'zhang', 'zhao']],
  ['in the journey at all', { field: 'stage', journey: '购买频次' }, ['han', 'li', 'wang', 'zhang', 'zhao']],
  ['trust L4+ (bought)', { field: 'trustLevel', op: 'gte', value: 4 }, ['han', 'wang']],
  ['trust L3 (started conversations)', { field: 'trustLevel', op: 'eq', value: 3 }, ['li']],
  ['lifecycle', { field: 'lifecycle', path: 'ecommerce', op: 'in', values: ['复购'] }, ['wang']],
  ['value tier', { field: 'valueTier', op: 'in', values: ['高价值'] }, ['wang']],
  ['rfm: buyers have a segment', { field: 'rfmSegment', op: 'notIn', values: ['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户'] }, ['li', 'zhang', 'zhao']],
  ['engagement > 0', { field: 'engagement', op: 'gt', value: 0 }, ['han', 'li', 'wang', 'zhang', 'zhao']],
  ['paid ≥ 100 yuan', { field: 'paidAmount', op: 'gte', value: '100' }, ['wang']],
  ['paid 300.50 exactly (fen, not floats)', { field: 'paidAmount', op: 'eq', value: 300.5 }, ['wang']],
  ['paid orders', { field: 'paidOrders', op: 'gte', value: 1 }, ['han', 'wang']],
  ['chat rounds', { field: 'chatRounds', op: 'gte', value: 3 }, ['li']],
  ['added within 30 days', { field: 'addedAt', op: 'withinDays', value: 30 }, ['wang', 'zhang', 'zhao']],
  ['added after a date (zone)', { field: 'addedAt', op: 'after', value: '2026-11-10' }, ['zhang', 'zhao']],
  ['paid within 30 days', { field: 'lastPaidAt', op: 'withinDays', value: 30 }, ['wang']],
  ['not paid for 30 days', { field: 'lastPaidAt', op: 'beforeDays', value: 30 }, ['han']],
  ['never paid', { field: 'lastPaidAt', op: 'missing' }, ['li', 'zhang', 'zhao']],
  ['owner: explicit wins', { field: 'ownerStaff', op: 'in', values: ['li'] }, ['han', 'li', 'zhao']],
  ['owner by the add event', { field: 'ownerStaff', op: 'in', values: ['zhang'] }, ['wang', 'zhang']],
  ['follower', { field: 'follower', op: 'in', values: ['li'] }, ['li', 'zhao']],
  ['channel', { field: 'channel', op: 'in', values: ['store'] }, ['wang', 'zhang']],
  ['not a WeCom friend', { field: 'wecomFriend', value: false }, ['han']],
  ['search name', { field: 'search', value: '王' }, ['wang']],
  ['search phone as typed', { field: 'search', value: '138 0013 8000' }, ['wang']],
  ['search phone digits', { field: 'search', value: '9000' }, ['han']],
  ['search identity', { field: 'search', value: 'wm-li' }, ['li']],
  ['and', { and: [{ field: 'gender', op: 'in', values: ['female'] }, { field: 'paidOrders', op: 'gte', value: 1 }] }, ['han', 'wang']],
  ['or', { or: [{ field: 'tag', op: 'has', tag: '会员/银卡' }, { field: 'chatRounds', op: 'gte', value: 3 }] }, ['han', 'li']],
  ['not', { not: { or: [{ field: 'tag', op: 'has', tag: '会员/银卡' }, { field: 'chatRounds', op: 'gte', value: 3 }] } }, ['wang', 'zhang', 'zhao']],
];

for (const [name, filter, expected] of table) {
  test(`audience: ${name}`, async () => {
    assert.deepEqual(await who(filter), expected);
  });
}

test('a merged record is never a member, even when it matches', async () => {
  // dup holds 会员/金卡 and a 999-yuan order, and was merged into zhang.
  assert.deepEqual(await who({ field: 'paidAmount', op: 'gte', value: 900 }), []);
  assert.ok(!(await who({ field: 'tag', op: 'has', tag: '会员/金卡' })).includes('dup'));
  assert.equal((await matchCustomers(fx.db, WS, { field: 'gender', op: 'in', values: ['male'] }, [fx.id.dup, fx.id.zhang])).size, 1);
});

test('a staff scope restricts counts and members inside the SQL', async () => {
  const li = { kind: 'staff', staffId: 'li' } as const;
  assert.deepEqual(await who({ field: 'gender', op: 'in', values: ['female', 'male', 'unknown'] }, li), ['han', 'li', 'zhao']);
  assert.equal(await countAudience(fx.db, WS, { field: 'tag', op: 'has', tag: '会员/金卡' }, li), 0);
  assert.equal(await countAudience(fx.db, WS, undefined, { kind: 'staff', staffId: 'nobody' }), 0);
});

test('matchCustomers answers for the given customers only', async () => {
  const m = await matchCustomers(fx.db, WS, { field: 'paidOrders', op: 'gte', value: 1 }, [fx.id.wang, fx.id.li, fx.id.han], { now: NOW });
  assert.deepEqual([...m].sort(), [fx.id.wang, fx.id.han].sort());
  assert.equal((await matchCustomers(fx.db, WS, { field: 'paidOrders', op: 'gte', value: 1 }, [])).size, 0);
});

test('audienceCustomerIds pages by id', async () => {
  const all = await audienceCustomerIds(fx.db, WS, undefined, ALL_CUSTOMERS);
  assert.equal(all.length, 5);
  const first = await audienceCustomerIds(fx.db, WS, undefined, ALL_CUSTOMERS, { limit: 2 });
  const rest = await audienceCustomerIds(fx.db, WS, undefined, ALL_CUSTOMERS, { limit: 10, afterId: first.at(-1)! });
  assert.deepEqual([...first, ...rest], all);
});

test('an unknown tag, group, journey or stage is an error naming its place', async () => {
  const cases: [AudienceFilter, RegExp][] = [
    [{ and: [{ field: 'gender', op: 'in', values: ['male'] }, { field: 'tag', op: 'has', tag: '会员/金' }] }, /^and\[1\]\.tag: unknown tag "会员\/金"/],
    [{ or: [{ not: { field: 'tagGroup', op: 'hasAny', group: '没有' } }] }, /^or\[0\]\.not\.group: unknown tag group "没有"/],
    [{ field: 'stage', journey: '会员旅程', stage: '金卡' }, /^journey: unknown journey "会员旅程"/],
    [{ field: 'stage', journey: '购买频次', stage: '多次购买' }, /^stage: unknown stage "多次购买" of journey "购买频次"/],
    [{ field: 'tag', op: 'has', tag: 999999 }, /^tag: unknown tag 999999/],
    [{ field: 'segment', segment: '没有这个' }, /^segment: unknown saved segment "没有这个"/],
  ];
  for (const [filter, message] of cases) {
    await assert.rejects(countAudience(fx.db, WS, filter, ALL_CUSTOMERS), (e: unknown) => e instanceof SiyuError && e.code === 'validation_failed' && message.test(e.message));
  }
});

test('injection attempts in every string field are harmless data', async () => {
  const evil = [`'; DROP TABLE customers; --`, `x' OR '1'='1`, `0) OR (1=1`, `\\'); SELECT pg_sleep(5); --`, `%`, `_`];
  for (const e of evil) {
    const harmless: AudienceFilter[] = [
      { field: 'ownerStaff', op: 'in', values: [e] }, { field: 'channel', op: 'in', values: [e] },
      { field: 'follower', op: 'in', values: [e] }, { field: 'search', value: e },
    ];
    for (const f of harmless) assert.equal(await countAudience(fx.db, WS, f, ALL_CUSTOMERS), 0, JSON.stringify(f));
    for (const f of [{ field: 'tag', op: 'has', tag: `会员/${e}` }, { field: 'tagGroup', op: 'hasAny', group: e }, { field: 'stage', journey: e, stage: e }] as AudienceFilter[]) {
      await assert.rejects(countAudience(fx.db, WS, f, ALL_CUSTOMERS), (err: unknown) => err instanceof SiyuError && err.code === 'validation_failed');
    }
    assert.equal(await countAudience(fx.db, WS, undefined, { kind: 'staff', staffId: e }), 0);
  }
  assert.equal(await countAudience(fx.db, WS, undefined, ALL_CUSTOMERS), 5, 'customers still all there');
});
