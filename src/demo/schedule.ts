/**
 * The demo's scheduled sends, so the mass-message screen and the operations calendar show a
 * plan, not an empty list: a 双十二 warm-up for customers who approve of us (L3+), a weekend
 * new-arrivals note for the important-value segment, a New Year greeting for everyone, one
 * cancelled send, and one that already went out yesterday (its mass message and tasks exist).
 */
import type { AudienceFilter } from '../audiences/index.ts';
import { saveRule } from '../automation/index.ts';
import { addHolidays } from '../calendar/index.ts';
import { cancelScheduledSend, runDueSends, scheduleMassMessage } from '../scheduling/index.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import { SiyuError } from '../shared/errors.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { DEMO_ACTOR } from './load.ts';

export interface DemoScheduleResult { scheduled: number; sent: number; cancelled: number; memberDays: number; calendarRules: number }

const EVERYONE: AudienceFilter = { or: [{ field: 'addedAt', op: 'exists' }, { field: 'addedAt', op: 'missing' }] };

export async function seedDemoSchedule(db: Db, ws: string, at: Date): Promise<DemoScheduleResult> {
  const { timeZone } = await requireWorkspace(db, ws);
  const [y, m, d] = localDate(timeZone, at.getTime()).split('-').map(Number) as [number, number, number];
  /** A wall-clock time `days` after today in the workspace zone. */
  const day = (days: number, h: number, mi = 0) => {
    const noon = new Date(localToInstant(timeZone, y, m, d, 12) + days * 86_400_000);
    const [yy, mm, dd] = localDate(timeZone, noon.getTime()).split('-').map(Number) as [number, number, number];
    return new Date(localToInstant(timeZone, yy, mm, dd, h, mi));
  };
  const ctx = { actor: DEMO_ACTOR, scope: ALL_CUSTOMERS, now: at };
  const result: DemoScheduleResult = { scheduled: 0, sent: 0, cancelled: 0, memberDays: 0, calendarRules: 0 };
  const weekday = new Date(localToInstant(timeZone, y, m, d, 12)).getUTCDay();
  const plans: { title: string; content: string; filter: AudienceFilter; purpose: 'marketing' | 'service'; sendAt: Date }[] = [
    { title: '双十二预热', content: '{name}您好，双十二当天会员专享价提前告诉您，想要的水果可以先和{staff}说，帮您留好～', filter: { field: 'trustLevel', op: 'gte', value: 3 }, purpose: 'marketing', sendAt: day(2, 20) },
    { title: '周末上新', content: '{name}，这周末到了一批新鲜的应季水果，重要客户先尝，需要的话回复我～', filter: { field: 'rfmSegment', op: 'in', values: ['重要价值客户'] }, purpose: 'marketing', sendAt: day(((6 - weekday + 7) % 7) || 7, 10) },
    { title: '元旦祝福', content: '{name}，新年快乐！感谢这一年的信任，{staff}祝您和家人平安顺遂。', filter: EVERYONE, purpose: 'service', sendAt: newYear(timeZone, at) },
  ];
  for (const p of plans) {
    await scheduleMassMessage(db, ws, { ...p, channel: 'private_chat' }, ctx);
    result.scheduled++;
  }
  const dropped = await scheduleMassMessage(db, ws, { title: '清仓提醒（已取消）', content: '{name}，仓库清仓，低至五折', filter: EVERYONE, purpose: 'marketing', channel: 'private_chat', sendAt: day(1, 19) }, ctx);
  await cancelScheduledSend(db, ws, dropped.scheduleId, ctx);
  result.cancelled++;
  // Yesterday's send: scheduled the day before, sent at its time by the worker.
  const before = new Date(at.getTime() - 2 * 86_400_000);
  const yesterday = day(-1, 10);
  await scheduleMassMessage(db, ws, { title: '售后回访', content: '{name}您好，上次的水果还满意吗？有任何问题随时找{staff}。', filter: { field: 'paidOrders', op: 'gte', value: 1 }, purpose: 'service', channel: 'private_chat', sendAt: yesterday }, { ...ctx, now: before });
  result.sent += (await runDueSends(db, { now: yesterday.getTime() })).sent;

  // 会员日: the 8th of every month for the coming year, and the seed's holiday greetings.
  const today = localDate(timeZone, at.getTime());
  const memberDays = Array.from({ length: 13 }, (_, i) => {
    const month = m - 1 + i;
    return { date: `${y + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-08`, name: '会员日' };
  }).filter((d) => d.date >= today).slice(0, 12);
  result.memberDays = (await addHolidays(db, ws, memberDays, { by: 'demo', now: at })).added.length;
  // The shop's anniversary falls in the coming days: its greeting shows on the operations calendar.
  await addHolidays(db, ws, [{ date: localDate(timeZone, day(5, 12).getTime()), name: '店庆' }], { by: 'demo', now: at });
  const greetings = [
    { name: '春节问候', trigger: { kind: 'holiday' as const, holiday: '春节', daysBefore: 1 }, title: '春节前一天问候', content: '{name}，新春快乐！{staff}给您拜个早年，祝来年顺顺利利。' },
    { name: '中秋问候', trigger: { kind: 'holiday' as const, holiday: '中秋', daysBefore: 0 }, title: '中秋问候', content: '{name}，中秋快乐，月圆人团圆！' },
    { name: '会员日提醒', trigger: { kind: 'holiday' as const, holiday: '会员日', daysBefore: 1 }, title: '明天会员日', content: '{name}，明天是会员日，老客专享折扣，记得来看看～', if: { field: 'paidOrders', op: 'gte', value: 1 } },
    { name: '店庆回馈', trigger: { kind: 'holiday' as const, holiday: '店庆', daysBefore: 1 }, title: '店庆预告', content: '{name}，明天是小店周年庆，老朋友专享回馈，{staff}给您留了份小礼物。', if: { field: 'trustLevel', op: 'gte', value: 2 } },
    { name: '首单纪念日', trigger: { kind: 'date' as const, field: 'firstOrder' as const }, title: '首单一周年', content: '{name}，一年前的今天您第一次在我们这儿下单，感谢一路相伴，送您一张纪念券。' },
  ];
  // Seed 002's 唤起记忆: every 14 days while a customer stays among those to win back, a nudge (marketing: the contact policy decides).
  await saveRule(db, ws, {
    name: '唤起记忆', enabled: true, trigger: { kind: 'recurring', tag: 'RFM分层/一般挽留客户', everyDays: 14 },
    actions: [{ type: 'task', title: '唤起记忆', content: '{name}，好久不见！最近到了您以前喜欢的水果，要不要给您留一份？', purpose: 'marketing' }],
  }, DEMO_ACTOR).then(() => { result.calendarRules++; }, (err: unknown) => {
    // A workspace whose models name the segment otherwise: the rest of the demo stands.
    if (!(err instanceof SiyuError)) throw err;
  });
  for (const g of greetings) {
    await saveRule(db, ws, {
      name: g.name, enabled: true, trigger: g.trigger, ...(g.if ? { if: g.if } : {}),
      actions: [{ type: 'task', title: g.title, content: g.content, purpose: 'service' }],
    }, DEMO_ACTOR);
    result.calendarRules++;
  }
  return result;
}

/** The coming 1 January at 09:00 in the zone. */
function newYear(timeZone: string, at: Date): Date {
  const year = Number(localDate(timeZone, at.getTime()).slice(0, 4)) + 1;
  return new Date(localToInstant(timeZone, year, 1, 1, 9));
}
