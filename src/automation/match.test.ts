import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleDefinition, type Predicate, type RuleDefinition } from './definition.ts';
import { evaluatePredicate, firingKey, guardCascade, planFirings, resolveTrigger, valuesAt, type ActiveRule, type Signal } from './match.ts';

const article = { data: { contentId: 'art-7', productIds: ['A', 'C'], seconds: 42, items: [{ productId: 'P1' }, { productId: 'P2' }] }, staffId: 'zhang' };

test('predicates on event data', () => {
  const cases: [Predicate, boolean][] = [
    [{ field: 'contentId', eq: 'art-7' }, true],
    [{ field: 'contentId', in: ['art-1', 'art-7'] }, true],
    [{ field: 'contentId', in: ['art-1'] }, false],
    [{ field: 'productIds', contains: 'A' }, true],
    [{ field: 'productIds', contains: 'B' }, false],
    [{ field: 'productIds', containsAny: ['B', 'C'] }, true],
    [{ field: 'contentId', contains: 'art' }, true],
    [{ field: 'seconds', gte: 30 }, true],
    [{ field: 'seconds', lt: 30 }, false],
    [{ field: 'items[].productId', eq: 'P2' }, true],
    [{ field: 'missing', exists: false }, true],
    [{ field: 'contentId', exists: true }, true],
    [{ field: 'contentId', matches: '^art-\\d+$' }, true],
    [{ field: '$staffId', eq: 'zhang' }, true],
    [{ any: [{ field: 'contentId', in: ['art-1'] }, { field: 'productIds', contains: 'A' }] }, true],
    [{ all: [{ field: 'contentId', in: ['art-1'] }, { field: 'productIds', contains: 'A' }] }, false],
    [{ not: { field: 'productIds', contains: 'A' } }, false],
  ];
  for (const [p, expected] of cases) assert.equal(evaluatePredicate(p, article), expected, JSON.stringify(p));
});

test('values at a path', () => {
  assert.deepEqual(valuesAt({ a: { b: 1 } }, 'a.b'), [1]);
  assert.deepEqual(valuesAt({ a: [{ b: 1 }, { b: 2 }, {}] }, 'a[].b'), [1, 2]);
  assert.deepEqual(valuesAt({ a: 'x' }, 'a.b'), []);
});

test('rule files: errors name the field', () => {
  const cases: [unknown, string[]][] = [
    [{ name: 'r', trigger: { kind: 'event', event: 'content.viewed' }, actions: [] }, ['actions: Too small: expected array to have >=1 items']],
    [{ name: 'r', trigger: { kind: 'event', event: 'nope' }, actions: [{ type: 'tag', tag: 'a/b' }] }, ['trigger.event: "nope" is not an event type']],
    [{ name: 'r', trigger: { kind: 'tagAdded', tag: 'a/b' }, actions: [{ type: 'tag', tag: 'a/b' }, { type: 'tag', tag: 'nogroup' }] }, ['actions[1].tag: must be a "group/tag" path']],
    [{ name: 'r', trigger: { kind: 'event', event: 'content.viewed', where: { field: 'x', eq: 1, in: [1] } }, actions: [{ type: 'untag', tag: 'a/b' }] }, ['trigger.where: needs exactly one operator of eq, in, contains, containsAny, gt, gte, lt, lte, exists, matches; has eq, in']],
  ];
  for (const [input, errors] of cases) {
    const r = parseRuleDefinition(input);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.errors.map((e) => `${e.path}: ${e.message}`).slice(0, errors.length), errors);
  }
  const ok = parseRuleDefinition({ name: 'r', trigger: { kind: 'event', event: 'content.viewed' }, actions: [{ type: 'task', title: '发券' }] });
  assert.equal(ok.ok, true);
  if (ok.ok) assert.deepEqual(ok.rule.actions[0], { type: 'task', title: '发券', content: '', purpose: 'service', channel: 'private_chat', dueInHours: 0 });
});

test('cascade guard: cycles and depth', () => {
  const cases: [number, number, number[], string][] = [
    [1, 0, [], 'fire'],
    [3, 2, [1, 2], 'fire'],
    [1, 2, [1, 2], 'cycle'],
    [9, 5, [1, 2, 3, 4, 5], 'depth_exceeded'],
    [9, 4, [1, 2, 3, 4], 'fire'],
  ];
  for (const [rule, depth, chain, expected] of cases) {
    const g = guardCascade(rule, { depth, chain }, 5);
    assert.equal(g.fire ? 'fire' : g.status, expected, `${rule} after ${chain}`);
  }
});

const def = (trigger: RuleDefinition['trigger']): RuleDefinition => ({ name: 'r', enabled: true, trigger, actions: [{ type: 'untag', tag: 'a/b' }] });
const rule = (ruleId: number, trigger: RuleDefinition['trigger']): ActiveRule => {
  const d = def(trigger);
  return { ruleId, version: 1, name: `r${ruleId}`, definition: d, trigger: resolveTrigger(d, (p) => (p === '兴趣/商品A' ? 11 : p === '旅程/已购买' ? 12 : undefined))! };
};
const signal = (over: Partial<Signal>): Signal => ({ signalId: 1, kind: 'event', key: 'content.viewed', customerId: 5, ref: 'e1', payload: { data: {} }, at: 0, depth: 0, chain: [], ...over });

test('signals fire the rules whose trigger matches, once per (rule, customer, change)', () => {
  const rules = [
    rule(1, { kind: 'event', event: 'content.viewed', where: { field: 'productIds', contains: 'A' } }),
    rule(2, { kind: 'tagAdded', tag: '兴趣/商品A' }),
    rule(3, { kind: 'stageLeft', stage: '旅程/已购买' }),
    rule(4, { kind: 'model', model: 'trust', to: ['L3', 'L4'] }),
  ];
  const signals = [
    signal({ payload: { data: { productIds: ['A'] } } }),
    signal({ signalId: 2, payload: { data: { productIds: ['A'] } } }),       // same event twice in a batch
    signal({ signalId: 3, ref: 'e2', payload: { data: { productIds: ['B'] } } }),
    signal({ signalId: 4, kind: 'tag_added', key: '11', ref: '11@1', depth: 1, chain: [1] }),
    signal({ signalId: 5, kind: 'tag_removed', key: '12', ref: '12@1' }),
    signal({ signalId: 6, kind: 'model', key: 'trust', ref: '77', payload: { from: 'L2', to: 'L3' } }),
    signal({ signalId: 7, kind: 'model', key: 'trust', ref: '78', payload: { from: 'L3', to: 'L2' } }),
    signal({ signalId: 8, kind: 'tag_added', key: '11', ref: '11@2', depth: 2, chain: [2, 1] }),
  ];
  const { firings, refused } = planFirings(rules, signals, 5);
  assert.deepEqual(firings.map((f) => `${f.rule.ruleId}:${f.key}`), ['1:event:e1', '2:tag_added:11@1', '3:tag_removed:12@1', '4:model:77']);
  assert.deepEqual(refused.map((r) => `${r.ruleId}:${r.status}:${r.chain.join('>')}`), ['2:cycle:2>1>2']);
  assert.equal(firingKey({ kind: 'event', ref: 'e1' }), 'event:e1');
});
