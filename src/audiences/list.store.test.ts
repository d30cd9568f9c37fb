import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteSegment, getSegment, listCustomers, listSegments, saveSegment, countAudience, type CustomerSort } from './index.ts';
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

/** Walk every page of a sort, two at a time. */
async function walkAll(sort: CustomerSort, extra: { search?: string } = {}): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const p = await listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, sort, limit: 2, now: NOW, ...(cursor ? { cursor } : {}), ...extra });
    seen.push(...p.items.map((i) => i.customerId));
    if (!p.nextCursor) return seen;
    cursor = p.nextCursor;
  }
  throw new Error('cursor never ended');
}

test('every sort pages through everyone exactly once, in order', async () => {
  const { wang, li, han, zhang, zhao } = fx.id;
  assert.deepEqual(await walkAll({ by: 'paidAmount', dir: 'desc' }), [wang, han, ...[li, zhang, zhao].sort((a, b) => b - a)]);
  assert.deepEqual(await walkAll({ by: 'addedAt', dir: 'desc' }), [zhao, zhang, wang, li, han], 'explicit or event added time; none last');
  assert.deepEqual(await walkAll({ by: 'addedAt', dir: 'asc' }), [han, li, wang, zhang, zhao]);
  assert.deepEqual(await walkAll({ by: 'name', dir: 'asc' }).then((ids) => ids.length), 5);
  for (const by of ['lastInteractionAt', 'trustLevel', 'engagement', 'customerId'] as const) {
    const ids = await walkAll({ by, dir: 'desc' });
    assert.deepEqual([...ids].sort(), [wang, li, han, zhang, zhao].sort(), by);
  }
  const trust = await walkAll({ by: 'trustLevel', dir: 'desc' });
  assert.deepEqual(trust.slice(0, 2).sort(), [wang, han].sort(), 'buyers (L4) first');
});

test('a list item shows what the table needs; phones masked unless the caller may see them', async () => {
  const masked = await listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, search: '王芳', now: NOW });
  assert.equal(masked.items.length, 1);
  const w = masked.items[0]!;
  assert.deepEqual(
    { ...w, engagement: w.engagement > 0 },
    {
      customerId: fx.id.wang, name: '王芳', phone: '138****8000', ownerStaff: 'zhang', channel: 'store', addedAt: '2026-11-01T02:00:00.000Z',
      trustLevel: 4, lifecycle: { ecommerce: '复购', sales: '复购' }, rfmSegment: w.rfmSegment, valueTier: '高价值', engagement: true,
      paidOrders: 2, paidAmount: '300.50', tags: w.tags,
    },
  );
  assert.deepEqual([...w.tags].sort(), ['会员/金卡', '购买频次/已购买']);
  const full = await listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, search: '13800138000', seePhones: true, now: NOW });
  assert.equal(full.items[0]!.phone, '+8613800138000');
});

test('the total and the scope: a staff member lists and counts only their customers', async () => {
  const li = { kind: 'staff', staffId: 'li' } as const;
  const p = await listCustomers(fx.db, WS, { scope: li, withTotal: true, limit: 1, now: NOW });
  assert.equal(p.total, 3);
  assert.equal(p.items.length, 1);
  const all = await listCustomers(fx.db, WS, { scope: li, limit: 50, filter: { field: 'paidOrders', op: 'gte', value: 0 }, now: NOW });
  assert.deepEqual(all.items.map((i) => i.customerId).sort(), [fx.id.li, fx.id.han, fx.id.zhao].sort());
  assert.equal((await listCustomers(fx.db, WS, { scope: li, search: '王芳', withTotal: true })).total, 0, 'search does not reach past the scope');
});

test('a cursor from another sort, or a forged one, is refused', async () => {
  const p = await listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, sort: { by: 'name', dir: 'asc' }, limit: 1 });
  await assert.rejects(listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, sort: { by: 'paidAmount', dir: 'asc' }, cursor: p.nextCursor! }), /does not belong to this sort/);
  const forged = Buffer.from(JSON.stringify({ s: 'name', d: 'asc', v: `'); DROP TABLE customers; --`, id: 1 })).toString('base64url');
  const r = await listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, sort: { by: 'name', dir: 'asc' }, cursor: forged });
  assert.ok(Array.isArray(r.items), 'a forged value is only a value');
  await assert.rejects(listCustomers(fx.db, WS, { scope: ALL_CUSTOMERS, cursor: 'not-base64-json' }), /cursor/);
});

test('saved segments: save, use inside a filter, refuse cycles, refuse deleting one in use', async () => {
  const actor = { kind: 'staff' as const, id: 'boss' };
  const buyers = await saveSegment(fx.db, WS, { name: '买家', filter: { field: 'paidOrders', op: 'gte', value: 1 }, description: '下过单', actor });
  assert.equal(buyers.name, '买家');
  await saveSegment(fx.db, WS, { name: '女买家', filter: { and: [{ field: 'segment', segment: '买家' }, { field: 'gender', op: 'in', values: ['female'] }] }, actor });
  assert.equal(await countAudience(fx.db, WS, { field: 'segment', segment: '女买家' }, ALL_CUSTOMERS), 2);
  assert.equal(await countAudience(fx.db, WS, { field: 'segment', op: 'notIn', segment: '买家' }, ALL_CUSTOMERS), 3);
  assert.equal(await countAudience(fx.db, WS, { field: 'segment', segment: buyers.segmentId }, ALL_CUSTOMERS), 2, 'by id too');

  await assert.rejects(saveSegment(fx.db, WS, { name: '买家', filter: { field: 'gender', op: 'in', values: ['male'] }, actor }), (e: unknown) => e instanceof SiyuError && e.code === 'conflict');
  await assert.rejects(
    saveSegment(fx.db, WS, { name: '买家', filter: { field: 'segment', segment: '女买家' }, actor, replace: true }),
    /cycle: 买家 → 女买家 → 买家|cycle/,
  );
  assert.deepEqual((await getSegment(fx.db, WS, '买家')).filter, { field: 'paidOrders', op: 'gte', value: 1 }, 'a refused change leaves the segment as it was');
  await assert.rejects(saveSegment(fx.db, WS, { name: '自己', filter: { field: 'segment', segment: '自己' }, actor }), /refer to itself/);
  await assert.rejects(saveSegment(fx.db, WS, { name: '坏', filter: { field: 'tag', op: 'has', tag: '会员/金' }, actor }), /tag: unknown tag "会员\/金"/);
  await assert.rejects(saveSegment(fx.db, WS, { name: 'a/b', filter: { field: 'wecomFriend', value: true }, actor }), /name:/);

  await assert.rejects(deleteSegment(fx.db, WS, '买家', actor), /used by "女买家"/);
  await deleteSegment(fx.db, WS, '女买家', actor);
  await deleteSegment(fx.db, WS, '买家', actor);
  assert.deepEqual(await listSegments(fx.db, WS), []);
  await assert.rejects(getSegment(fx.db, WS, '买家'), (e: unknown) => e instanceof SiyuError && e.code === 'not_found');
});
