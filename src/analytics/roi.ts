/**
 * Channel cost and ROI (seed 004): cost per follower = (fixed + traffic) / new followers;
 * ROI = attributed revenue / cost; payback = the day the cohort's revenue first covers its
 * cost. Costs are entered per period and spread evenly over its days, so any board range
 * takes the share of each period it overlaps. Plain data in, figures out.
 */
import { SiyuError } from '../shared/errors.ts';
import { parseAmount } from '../shared/money.ts';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

export type CostKind = 'channel' | 'campaign';
export const COST_KINDS: readonly CostKind[] = ['channel', 'campaign'];

export interface CostPeriod {
  kind: CostKind;
  key: string;
  from: string;
  to: string;
  fixedFen: number;
  trafficFen: number;
  note: string | null;
}

export interface CostInput {
  kind: string;
  key: string;
  from: string;
  to: string;
  fixed?: unknown;
  traffic?: unknown;
  note?: string | null | undefined;
}

/** Validate one cost entry; every problem names its field. */
export function parseCost(input: CostInput): CostPeriod {
  if (!(COST_KINDS as readonly string[]).includes(input.kind)) throw new SiyuError('validation_failed', `kind: "${input.kind}" must be channel or campaign`, { field: 'kind' });
  const key = input.key.trim();
  if (key === '' || key.length > 200) throw new SiyuError('validation_failed', `${input.kind}: must be 1–200 characters`, { field: 'key' });
  for (const field of ['from', 'to'] as const) {
    const v = input[field];
    if (!DATE.test(v) || new Date(dayNumber(v) * DAY_MS).toISOString().slice(0, 10) !== v) {
      throw new SiyuError('validation_failed', `${field}: "${v}" is not a date (YYYY-MM-DD)`, { field });
    }
  }
  if (input.from > input.to) throw new SiyuError('validation_failed', `to: ${input.to} is before from (${input.from})`, { field: 'to' });
  const money = (field: 'fixed' | 'traffic') => {
    const v = input[field];
    if (v === undefined || v === null || v === '') return 0;
    const r = parseAmount(v);
    if (!r.ok) throw new SiyuError('validation_failed', `${field}: ${r.reason}`, { field });
    if (r.fen < 0) throw new SiyuError('validation_failed', `${field}: must not be negative`, { field });
    return r.fen;
  };
  const fixedFen = money('fixed'), trafficFen = money('traffic');
  const note = input.note?.trim() || null;
  if (note !== null && note.length > 500) throw new SiyuError('validation_failed', 'note: at most 500 characters', { field: 'note' });
  return { kind: input.kind as CostKind, key, from: input.from, to: input.to, fixedFen, trafficFen, note };
}

/** The part of each period's cost that falls in [from, to] (days counted whole, both ends included). */
export function costInRange(periods: readonly Pick<CostPeriod, 'from' | 'to' | 'fixedFen' | 'trafficFen'>[], from: string, to: string): { fixedFen: number; trafficFen: number } {
  let fixed = 0, traffic = 0;
  for (const p of periods) {
    const overlap = Math.min(dayNumber(to), dayNumber(p.to)) - Math.max(dayNumber(from), dayNumber(p.from)) + 1;
    if (overlap <= 0) continue;
    const share = overlap / (dayNumber(p.to) - dayNumber(p.from) + 1);
    fixed += p.fixedFen * share;
    traffic += p.trafficFen * share;
  }
  return { fixedFen: Math.round(fixed), trafficFen: Math.round(traffic) };
}

/** Cost per follower in fen; null without followers. */
export const costPerFollower = (costFen: number, followers: number): number | null => (followers > 0 ? Math.round(costFen / followers) : null);

/** ROI as revenue / cost (1 = paid back); null without a cost. */
export const roiOf = (revenueFen: number, costFen: number): number | null => (costFen > 0 ? revenueFen / costFen : null);

/**
 * Days from the start of the range until the cohort's revenue first covers the cost: 0 when
 * it costs nothing, null while it has not (yet).
 */
export function paybackDays(costFen: number, revenue: readonly { day: number; fen: number }[]): number | null {
  if (costFen <= 0) return 0;
  let sum = 0;
  for (const r of [...revenue].sort((a, b) => a.day - b.day)) {
    sum += r.fen;
    if (sum >= costFen) return r.day;
  }
  return null;
}
