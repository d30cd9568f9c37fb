/**
 * The demo's scheduled sends, so the mass-message screen and the operations calendar show a
 * plan, not an empty list: a 双十二 warm-up for customers who approve of us (L3+), a weekend
 * new-arrivals note for the important-value segment, a New Year greeting for everyone, one
 * cancelled send, and one that already went out yesterday (its mass message and tasks exist).
 */
import type { AudienceFilter } from '../audiences/index.ts';
import { cancelScheduledSend, runDueSends, scheduleMassMessage } from '../scheduling/index.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import { localDate, localToInstant } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { DEMO_ACTOR } from './load.ts';

export interface DemoScheduleResult { scheduled: number; sent: number; cancelled: number }

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
  const result: DemoScheduleResult = { scheduled: 0, sent: 0, cancelled: 0 };
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
  return result;
}

/** The coming 1 January at 09:00 in the zone. */
function newYear(timeZone: string, at: Date): Date {
  const year = Number(localDate(timeZone, at.getTime()).slice(0, 4)) + 1;
  return new Date(localToInstant(timeZone, year, 1, 1, 9));
}
