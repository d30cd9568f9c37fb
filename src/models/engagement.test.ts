import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addEngagement, engagementPoints, engagementScore } from './engagement.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import { ENGAGEMENT_EPOCH } from './types.ts';
import { AS_OF, at } from './test-input.ts';

const DAY = 86_400_000;

test('a silent customer\'s score halves every half-life', () => {
  const log = addEngagement(undefined, 10, AS_OF, 30);
  const cases: [number, number][] = [[0, 10], [30, 5], [60, 2.5], [90, 1.25], [15, 7.07], [300, 0.01], [600, 0]];
  for (const [days, score] of cases) assert.equal(engagementScore(log, AS_OF + days * DAY, 30), score, `${days} days`);
  // The half-life is configuration.
  assert.equal(engagementScore(addEngagement(undefined, 8, AS_OF, 7), AS_OF + 14 * DAY, 7), 2);
});

test('an active customer\'s score rises: points add up, each decayed from its own time', () => {
  let log: number | undefined;
  for (const [t, points] of [['2026-11-01 10:00', 3], ['2026-11-01 10:00', 3]] as const) log = addEngagement(log, points, at(t), 30);
  assert.equal(engagementScore(log, at('2026-11-01 10:00'), 30), 6);
  log = addEngagement(log, 10, at('2026-12-01 10:00'), 30);
  assert.equal(engagementScore(log, at('2026-12-01 10:00'), 30), 13);
});

test('no points: score 0, and zero or invalid points leave the log unchanged', () => {
  assert.equal(engagementScore(undefined, AS_OF, 30), 0);
  const log = addEngagement(undefined, 5, AS_OF, 30);
  for (const p of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(addEngagement(log, p, AS_OF, 30), log, String(p));
  assert.equal(addEngagement(undefined, 0, AS_OF, 30), undefined);
});

test('decades of events neither overflow nor lose the score', () => {
  const far = ENGAGEMENT_EPOCH + 80 * 365 * DAY;
  const log = addEngagement(addEngagement(undefined, 4, far, 1), 4, far, 1);
  assert.ok(Number.isFinite(log) && log! > 29_000);
  assert.equal(engagementScore(log, far, 1), 8);
  assert.equal(engagementScore(addEngagement(undefined, 5, ENGAGEMENT_EPOCH - 10 * 365 * DAY, 30), ENGAGEMENT_EPOCH - 10 * 365 * DAY, 30), 5);
});

test('adding events is order-independent', () => {
  const event = fc.record({
    points: fc.integer({ min: 1, max: 50 }),
    at: fc.integer({ min: ENGAGEMENT_EPOCH - 365 * DAY, max: ENGAGEMENT_EPOCH + 5 * 365 * DAY }),
  });
  fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 365 }), (events, half) => {
    const fold = (es: typeof events) => es.reduce<number | undefined>((log, e) => addEngagement(log, e.points, e.at, half), undefined);
    const a = fold(events);
    const b = fold([...events].reverse());
    const c = fold([...events].sort((x, y) => x.points - y.points || x.at - y.at));
    assert.ok(Math.abs(a! - b!) < 1e-9 && Math.abs(a! - c!) < 1e-9, `${a} ${b} ${c}`);
    // Pairwise it is exactly commutative.
    const [x, y] = [events[0]!, events.at(-1)!];
    assert.equal(addEngagement(addEngagement(undefined, x.points, x.at, half), y.points, y.at, half),
      addEngagement(addEngagement(undefined, y.points, y.at, half), x.points, x.at, half));
  }), { numRuns: 300 });
});

test('points per event type come from the configuration', () => {
  const cases: [string, number][] = [['order.paid', 10], ['message.received', 3], ['moment.liked', 1], ['contact.removed', 0], ['message.sent', 0]];
  for (const [type, points] of cases) assert.equal(engagementPoints(type, DEFAULT_MODEL_CONFIG), points, type);
  assert.equal(engagementPoints('order.paid', parseModelConfig({ engagement: { points: { 'order.paid': 25 } } })), 25);
  // Types not named keep their default points; a type can be switched off with 0.
  assert.equal(engagementPoints('message.received', parseModelConfig({ engagement: { points: { 'order.paid': 25 } } })), 3);
  assert.equal(engagementPoints('message.received', parseModelConfig({ engagement: { points: { 'message.received': 0 } } })), 0);
});
