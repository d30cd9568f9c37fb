import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spreadCrowds, spreadOverWorkday, workWindow } from './workday.ts';

const TZ = 'Asia/Shanghai';
const sh = (s: string) => Date.parse(`${s}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

test('the working window: the rest of today, or tomorrow when less than an hour is left', () => {
  const cases: [string, string, string][] = [
    ['2026-11-20T06:30:00', '2026-11-20T09:00:00', '2026-11-20T18:00:00'],
    ['2026-11-20T10:15:00', '2026-11-20T10:15:00', '2026-11-20T18:00:00'],
    ['2026-11-20T17:30:00', '2026-11-21T09:00:00', '2026-11-21T18:00:00'],
    ['2026-11-20T23:10:00', '2026-11-21T09:00:00', '2026-11-21T18:00:00'],
  ];
  for (const [now, start, end] of cases) assert.deepEqual(workWindow(sh(now), TZ), { start: sh(start), end: sh(end) }, now);
});

test('each staff member\'s tasks are spread evenly over the window, in the order they were made', () => {
  const tasks = [
    ...Array.from({ length: 6 }, (_, i) => ({ taskId: i + 1, staffId: 'lina' })),
    ...Array.from({ length: 3 }, (_, i) => ({ taskId: i + 10, staffId: 'zhangwei' })),
  ];
  const plan = spreadOverWorkday(tasks, sh('2026-11-20T08:00:00'), TZ);
  const of = (ids: number[]) => ids.map((id) => iso(plan.find((p) => p.taskId === id)!.dueAt.getTime()));
  assert.deepEqual(of([1, 2, 3, 4, 5, 6]), ['09:00', '10:30', '12:00', '13:30', '15:00', '16:30'].map((t) => iso(sh(`2026-11-20T${t}:00`))));
  assert.deepEqual(of([10, 11, 12]), ['09:00', '12:00', '15:00'].map((t) => iso(sh(`2026-11-20T${t}:00`))));
  // 1,500 tasks for four people: none shares a minute with more than a few, all within hours.
  const many = Array.from({ length: 1500 }, (_, i) => ({ taskId: i, staffId: ['a', 'b', 'c', 'd'][i % 4]! }));
  const times = spreadOverWorkday(many, sh('2026-11-20T08:00:00'), TZ).map((p) => p.dueAt.getTime());
  assert.ok(times.every((t) => t >= sh('2026-11-20T09:00:00') && t < sh('2026-11-20T18:00:00')));
  const perMinute = new Map<number, number>();
  for (const t of times) perMinute.set(t, (perMinute.get(t) ?? 0) + 1);
  assert.ok(Math.max(...perMinute.values()) <= 8, `at most 8 tasks share a minute (${Math.max(...perMinute.values())})`);
});

test('a crowd of steps at one minute is spread to the end of the working day or of the step\'s window; a lone step keeps its time', () => {
  const at = (t: string) => sh(`2026-11-21T${t}:00`);
  const steps = [
    ...['a', 'b', 'c', 'd'].map((k) => ({ key: `lina-${k}`, staffId: 'lina', dueAt: at('10:00'), windowEnd: '20:00' })),
    ...['a', 'b'].map((k) => ({ key: `lunch-${k}`, staffId: 'lina', dueAt: at('12:00'), windowEnd: '13:00' })),
    { key: 'zw-alone', staffId: 'zhangwei', dueAt: at('10:00'), windowEnd: '20:00' },
    ...['a', 'b'].map((k) => ({ key: `late-${k}`, staffId: 'zhangwei', dueAt: at('19:00'), windowEnd: '21:00' })),
  ];
  const plan = new Map(spreadCrowds(steps, TZ).map((p) => [p.key, iso(p.dueAt.getTime())]));
  assert.deepEqual(['a', 'b', 'c', 'd'].map((k) => plan.get(`lina-${k}`)), ['10:00', '12:00', '14:00', '16:00'].map((t) => iso(at(t))), 'to 18:00');
  assert.deepEqual(['a', 'b'].map((k) => plan.get(`lunch-${k}`)), ['12:00', '12:30'].map((t) => iso(at(t))), 'within the 12:00–13:00 window');
  assert.equal(plan.get('zw-alone'), iso(at('10:00')));
  assert.deepEqual(['a', 'b'].map((k) => plan.get(`late-${k}`)), [iso(at('19:00')), iso(at('19:00'))], 'after working hours: kept');
});
