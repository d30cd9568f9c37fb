import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planResolution, identityKey, blockKey, type Identity } from './identity.ts';

const ext = (v: string): Identity => ({ kind: 'external_user_id', value: v });
const phone = (v: string): Identity => ({ kind: 'phone', value: v });
const union = (v: string): Identity => ({ kind: 'union_id', value: v });
const known = (pairs: [Identity, number][]) => new Map(pairs.map(([i, c]) => [identityKey(i), c]));

test('unknown identities make one new customer per person, linked within the batch', () => {
  const plan = planResolution({
    known: new Map(),
    blocked: new Set(),
    items: [[ext('wm1')], [phone('+8613800000001')], [ext('wm1'), phone('+8613800000001')], [ext('wm2')]],
  });
  // items 0 and 1 looked like two people until item 2 linked them: one customer
  assert.deepEqual(plan.itemCustomers, [{ created: 0 }, { created: 0 }, { created: 0 }, { created: 1 }]);
  assert.equal(plan.created, 2);
  assert.deepEqual(plan.merges, []);
  assert.equal(plan.newIdentities.length, 3);
});

test('an order by phone attaches to the WeCom friend with that phone', () => {
  const plan = planResolution({
    known: known([[ext('wm1'), 7], [phone('+8613800000001'), 7]]),
    blocked: new Set(),
    items: [[phone('+8613800000001'), { kind: 'buyer_id', value: 'youzan:b1' }]],
  });
  assert.deepEqual(plan.itemCustomers, [{ existing: 7 }]);
  assert.deepEqual(plan.newIdentities, [{ identity: { kind: 'buyer_id', value: 'youzan:b1' }, customer: { existing: 7 } }]);
});

test('two existing customers proven to be one merge into the older record', () => {
  const plan = planResolution({
    known: known([[phone('+8613800000001'), 12], [union('u1'), 5]]),
    blocked: new Set(),
    items: [[union('u1'), phone('+8613800000001')], [phone('+8613800000001')]],
  });
  assert.deepEqual(plan.itemCustomers, [{ existing: 5 }, { existing: 5 }]);
  assert.deepEqual(plan.merges.map((m) => [m.survivor, m.merged]), [[5, 12]]);
});

test('chained merges in one batch all end in the oldest record', () => {
  const plan = planResolution({
    known: known([[phone('+8613800000001'), 30], [union('u1'), 20], [ext('wm1'), 10]]),
    blocked: new Set(),
    items: [[union('u1'), phone('+8613800000001')], [ext('wm1'), union('u1')]],
  });
  assert.deepEqual(plan.itemCustomers, [{ existing: 10 }, { existing: 10 }]);
  assert.deepEqual(plan.merges.map((m) => [m.survivor, m.merged]).sort(), [[10, 20], [10, 30]]);
});

test('a pair split apart by a person is not merged again; the strongest identity decides', () => {
  const plan = planResolution({
    known: known([[ext('wm1'), 5], [phone('+8613800000001'), 9]]),
    blocked: new Set([blockKey(5, 9)]),
    items: [[phone('+8613800000001'), ext('wm1')], [phone('+8613800000001')]],
  });
  assert.deepEqual(plan.merges, []);
  assert.deepEqual(plan.itemCustomers, [{ existing: 5 }, { existing: 9 }]);
  assert.deepEqual(plan.newIdentities, []);
});
