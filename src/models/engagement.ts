/**
 * Engagement score (评分系统): points per behaviour, each decaying with a half-life, so an
 * active customer's score rises and a silent one's halves every half-life.
 *
 * The aggregate keeps log2 of Σ points × 2^((t − ENGAGEMENT_EPOCH) / halfLife): adding an event
 * is O(1) and order-independent, and the score at any asOf is one subtraction away. Kept in log
 * form so the growing exponent (2^12 per year at a 30-day half-life) never overflows.
 * The stored value depends on the half-life: changing `halfLifeDays` needs a rebuild from events.
 */
import type { ModelConfig } from './config.ts';
import { ENGAGEMENT_EPOCH } from './types.ts';
import { DAY_MS } from './calendar.ts';

/** Points the configuration gives one event of this type (0 when it gives none). */
export function engagementPoints(type: string, config: ModelConfig): number {
  return config.engagement.points[type] ?? 0;
}

/** log2(2^a + 2^b) without overflow, symmetric in a and b. */
function log2SumExp(a: number, b: number): number {
  const hi = Math.max(a, b);
  const lo = Math.min(a, b);
  return hi + Math.log1p(2 ** (lo - hi)) / Math.LN2;
}

/** Add `points` earned at `at` to a stored engagement log; zero or invalid points leave it unchanged. */
export function addEngagement(log2: number | undefined, points: number, at: number, halfLifeDays: number): number | undefined {
  if (!(points > 0) || !Number.isFinite(points) || !Number.isFinite(at) || !(halfLifeDays > 0)) return log2;
  const term = Math.log2(points) + (at - ENGAGEMENT_EPOCH) / (halfLifeDays * DAY_MS);
  return log2 === undefined || !Number.isFinite(log2) ? term : log2SumExp(log2, term);
}

/** The decayed score at asOf, rounded to 2 decimals; 0 when there are no points. */
export function engagementScore(log2: number | undefined, asOf: number, halfLifeDays: number): number {
  if (log2 === undefined || !Number.isFinite(log2) || !Number.isFinite(asOf) || !(halfLifeDays > 0)) return 0;
  const score = 2 ** (log2 - (asOf - ENGAGEMENT_EPOCH) / (halfLifeDays * DAY_MS));
  return Number.isFinite(score) ? Math.round(score * 100) / 100 : Number.MAX_SAFE_INTEGER;
}
