import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversion, parseContentItems, rankContent } from './content.ts';

test('the operator\'s list: each item checked on its own, errors name the index and field', () => {
  const r = parseContentItems([
    { contentId: 'a1', title: '芒果怎么挑' },
    { contentId: 'v1', title: '门店开业', type: 'video', productIds: ['p1'] },
    { contentId: '', title: 'x' },
    { contentId: 'a1', title: 'again' },
    { contentId: 'x', title: 'y', kind: 'article' },
    { contentId: 'p', title: 'q', type: 'podcast' },
  ]);
  assert.deepEqual(r.items.map((i) => [i.contentId, i.type, i.productIds]), [['a1', 'article', []], ['v1', 'video', ['p1']]]);
  assert.deepEqual(r.errors.map((e) => e.index), [2, 3, 4, 5]);
  assert.match(r.errors[0]!.reason, /contentId: must not be empty/);
  assert.match(r.errors[1]!.reason, /appears twice/);
  assert.match(r.errors[2]!.reason, /kind/);
  assert.match(r.errors[3]!.reason, /type/);
});

test('conversion and ranking', () => {
  assert.equal(conversion({ buyers: 1, viewers: 3 }), 0.3333);
  assert.equal(conversion({ buyers: 0, viewers: 0 }), 0);
  const z = { shares: 0, revenueFen: 0 };
  const ranked = rankContent([
    { contentId: 'b', views: 10, viewers: 5, buyers: 1, ...z },
    { contentId: 'a', views: 10, viewers: 8, buyers: 2, ...z },
    { contentId: 'c', views: 30, viewers: 9, buyers: 0, ...z },
  ]);
  assert.deepEqual(ranked.map((r) => [r.rank, r.contentId, r.conversion]), [[1, 'c', 0], [2, 'a', 0.25], [3, 'b', 0.2]]);
});
