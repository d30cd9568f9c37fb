import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueSends, groupSopSchema, selects, stepDueAt, type GroupFacts, type GroupStep } from './schedule.ts';

const TZ = 'Asia/Shanghai';
const at = (s: string) => Date.parse(`${s}+08:00`);

test('when a step is due for a group: offset from creation or a fixed date, inside its send window', () => {
  const cases: [GroupStep, string, string][] = [
    [{ key: 'a', offsetDays: 0 }, '2026-12-01T09:00:00', '2026-12-01T10:00:00'],
    [{ key: 'a', offsetDays: 0 }, '2026-12-01T15:30:00', '2026-12-01T15:30:00'],
    [{ key: 'a', offsetDays: 0 }, '2026-12-01T21:00:00', '2026-12-02T10:00:00'],
    [{ key: 'a', offsetDays: 3, window: { start: '19:00', end: '21:00' } }, '2026-12-01T23:59:00', '2026-12-04T19:00:00'],
    [{ key: 'a', date: '2026-12-12', window: { start: '20:00', end: '21:00' } }, '2026-11-01T08:00:00', '2026-12-12T20:00:00'],
  ];
  for (const [step, created, due] of cases) assert.equal(new Date(stepDueAt(step, at(created), TZ)).toISOString(), new Date(at(due)).toISOString(), `${JSON.stringify(step)} ${created}`);
});

test('groups are picked by tag, owner or id; dismissed and ownerless groups never', () => {
  const g = (o: Partial<GroupFacts>): GroupFacts => ({ chatId: 'c1', owner: 'zhang', tags: ['VIP群'], createdAt: 0, dismissed: false, ...o });
  const cases: [Parameters<typeof selects>[0], GroupFacts, boolean][] = [
    [{ tags: ['VIP群'] }, g({}), true], [{ tags: ['快闪群'] }, g({}), false], [{ owners: ['li'] }, g({}), false], [{ owners: ['zhang'], tags: ['VIP群'] }, g({}), true],
    [{}, g({ dismissed: true }), false], [{}, g({ owner: null }), false], [{ chatIds: ['c2'] }, g({}), false],
  ];
  for (const [sel, facts, want] of cases) assert.equal(selects(sel, facts), want, JSON.stringify([sel, facts]));
});

test('due sends: only steps due since the SOP was switched on, and only inside the window', () => {
  const def = groupSopSchema.parse({ name: 'VIP', groups: { tags: ['VIP群'] }, steps: [{ key: 'welcome', offsetDays: 0, text: '欢迎' }, { key: 'd3', offsetDays: 3, text: '第三天' }] });
  const groups: GroupFacts[] = [
    { chatId: 'new', owner: 'zhang', tags: ['VIP群'], createdAt: at('2026-12-08T11:00:00'), dismissed: false },
    { chatId: 'old', owner: 'li', tags: ['VIP群'], createdAt: at('2026-11-01T11:00:00'), dismissed: false },
    { chatId: 'd3', owner: 'li', tags: ['VIP群'], createdAt: at('2026-12-05T11:00:00'), dismissed: false },
  ];
  const since = at('2026-12-07T00:00:00');
  assert.deepEqual(dueSends(def, groups, at('2026-12-08T12:00:00'), since, TZ).map((d) => `${d.chatId}:${d.stepKey}`), ['new:welcome', 'd3:d3']);
  assert.deepEqual(dueSends(def, groups, at('2026-12-08T22:00:00'), since, TZ), [], 'outside the window nothing goes');
});

test('definitions name the field at fault', () => {
  const r = groupSopSchema.safeParse({ name: 'x', groups: {}, steps: [{ key: 'a', text: 'hi' }, { key: 'a', offsetDays: 1, date: '2026-12-12' }] });
  assert.equal(r.success, false);
  assert.deepEqual(r.error!.issues.map((i) => i.path.join('.')).sort(), ['steps.0.offsetDays', 'steps.1.key', 'steps.1.offsetDays', 'steps.1.text']);
});
