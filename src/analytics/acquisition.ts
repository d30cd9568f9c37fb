/**
 * The acquisition board's arithmetic (获客看板, seed 004): date ranges with the period
 * before them (环比), rates and changes, retention that only counts customers old enough
 * to have been measured, and the campaign heat ranking. Plain data in, figures out.
 */
import { SiyuError } from '../shared/errors.ts';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest range a board answers for (a year and a day, so "this year" fits). */
export const MAX_RANGE_DAYS = 366;
/** Days after adding at which a new follower is looked at again. */
export const RETENTION_DAYS = [7, 30, 90] as const;
/** Default attribution window: revenue of customers acquired through the channel within this many days. */
export const DEFAULT_ATTRIBUTION_DAYS = 90;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export interface Period {
  from: string;
  to: string;
  days: number;
}

/**
 * A date range (both ends included) and the period of the same length just before it.
 * Defaults: the 30 days up to `today`.
 */
export function periodOf(from: string | undefined, to: string | undefined, today: string): { current: Period; previous: Period } {
  for (const [field, v] of [['from', from], ['to', to]] as const) {
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(dayNumber(v)) || dayOf(dayNumber(v)) !== v)) {
      throw new SiyuError('validation_failed', `${field}: "${v}" is not a date (YYYY-MM-DD)`, { field });
    }
  }
  const end = to ?? today;
  const start = from ?? dayOf(dayNumber(end) - 29);
  if (start > end) throw new SiyuError('validation_failed', `from: ${start} is after to (${end})`, { field: 'from' });
  const days = dayNumber(end) - dayNumber(start) + 1;
  if (days > MAX_RANGE_DAYS) throw new SiyuError('validation_failed', `from: the range is ${days} days; at most ${MAX_RANGE_DAYS}`, { field: 'from' });
  return {
    current: { from: start, to: end, days },
    previous: { from: dayOf(dayNumber(start) - days), to: dayOf(dayNumber(start) - 1), days },
  };
}

/** Every day of a period, in order. */
export const daysOf = (p: Period): string[] => Array.from({ length: p.days }, (_, i) => dayOf(dayNumber(p.from) + i));

/** Relative change against the previous period; null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}

/** A share, or null when nothing could be measured. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Retention after n days: of the adds at least n days old by `now`, the share with no
 * removal within n days. Adds younger than n days are left out, not counted as kept.
 */
export function retention(adds: readonly { at: number; removedAt: number | null }[], days: number, now: number): { eligible: number; retained: number; rate: number | null } {
  let eligible = 0, retained = 0;
  for (const a of adds) {
    if (a.at + days * DAY_MS > now) continue;
    eligible++;
    if (a.removedAt === null || a.removedAt > a.at + days * DAY_MS) retained++;
  }
  return { eligible, retained, rate: rate(retained, eligible) };
}

export interface CampaignFigures {
  campaign: string;
  joins: number;
  newFollowers: number;
  orders: number;
  revenueFen: number;
}

/**
 * Campaign heat: joins and new followers are the reach, orders the result; heat sums them,
 * an order counting as much as three touches (it is the rarer, later step).
 */
export const heatOf = (c: Pick<CampaignFigures, 'joins' | 'newFollowers' | 'orders'>): number => c.joins + c.newFollowers + 3 * c.orders;

export function rankCampaigns(cs: readonly CampaignFigures[]): (CampaignFigures & { heat: number; rank: number })[] {
  return cs
    .map((c) => ({ ...c, heat: heatOf(c) }))
    .sort((a, b) => b.heat - a.heat || b.revenueFen - a.revenueFen || a.campaign.localeCompare(b.campaign))
    .map((c, i) => ({ ...c, rank: i + 1 }));
}
