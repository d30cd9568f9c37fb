/**
 * Conversion funnels (DESIGN §2.7, seed 004: browse → click → add to cart → purchase → share).
 * A funnel is an ordered list of steps, each an event type with an optional predicate on the
 * event's data; a customer enters with a first-step event inside the date range and reaches
 * step k when steps 2..k follow in that order within the conversion window of the entry.
 * Pure: no store, no clock.
 */
import { z } from '@hono/zod-openapi';
import { isEventType } from '../events/index.ts';

export const MAX_STEPS = 10;
export const MAX_WINDOW_HOURS = 24 * 90;
/** Entries tried per customer: the one that goes furthest wins, the earliest of equals. */
const MAX_ENTRIES = 50;

const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);
export const funnelStepSchema = z.object({
  type: z.string().min(1).max(60).refine(isEventType, { message: 'unknown event type' })
    .openapi({ example: 'content.viewed', description: 'an event type (GET /api/v1/analytics/funnel/defaults lists the default steps)' }),
  where: z.record(z.string().min(1).max(60), z.union([scalar, z.array(scalar).max(50)])).optional()
    .openapi({ description: 'the event data must contain these values (JSON containment: {"productId": "p1"}, {"productIds": ["p1"]})' }),
  label: z.string().trim().min(1).max(40).optional(),
}).strict().openapi('FunnelStep');
export type FunnelStep = z.infer<typeof funnelStepSchema>;

export const FUNNEL_SPLITS = ['channel', 'staff', 'rfmSegment', 'valueTier'] as const;
export type FunnelSplit = (typeof FUNNEL_SPLITS)[number];

/** The seed's funnel: read an article, click through to a product, add it to the cart, pay, share. */
export const DEFAULT_STEPS: readonly FunnelStep[] = [
  { type: 'content.viewed', label: 'browse' },
  { type: 'product.viewed', label: 'click' },
  { type: 'cart.added', label: 'addToCart' },
  { type: 'order.paid', label: 'purchase' },
  { type: 'content.shared', label: 'share' },
];
export const DEFAULT_WINDOW_HOURS = 7 * 24;

/** One matching event of a customer: which step it matches, when, and which event (one event may match two steps). */
export interface StepHit { step: number; at: number; event: string | number }

export interface CustomerPath {
  /** Steps reached, 0 (never entered) .. steps. */
  reached: number;
  /** When each reached step happened. */
  times: number[];
}

/**
 * How far one customer got. `hits` are sorted by time (then step). Each first-step event in
 * [from, to) is an entry; later steps follow in order, each at or after the one before, all
 * within `windowMs` of the entry, one event per step.
 */
export function customerPath(hits: readonly StepHit[], steps: number, from: number, to: number, windowMs: number): CustomerPath {
  let best: CustomerPath = { reached: 0, times: [] };
  let tried = 0;
  for (let i = 0; i < hits.length && tried < MAX_ENTRIES; i++) {
    const entry = hits[i]!;
    if (entry.step !== 0 || entry.at < from || entry.at >= to) continue;
    tried++;
    const times = [entry.at];
    let used = entry.event;
    for (let j = i + 1; j < hits.length && times.length < steps; j++) {
      const h = hits[j]!;
      if (h.at - entry.at > windowMs) break;
      if (h.step === times.length && h.event !== used) {
        times.push(h.at);
        used = h.event;
      }
    }
    if (times.length > best.reached) best = { reached: times.length, times };
    if (best.reached === steps) break;
  }
  return best;
}

export interface FunnelStepResult {
  step: number;
  type: string;
  label: string | null;
  customers: number;
  /** Of those at the step before (the first step: 1). */
  conversion: number;
  /** Of those who entered. */
  overall: number;
  /** Median seconds from the step before (null for the first step, or nobody reached it). */
  medianSeconds: number | null;
}

export interface FunnelGroup { key: string | null; steps: FunnelStepResult[] }

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);

/** Customers, conversion and median time per step, from each entered customer's path. */
export function summariseFunnel(steps: readonly FunnelStep[], paths: readonly CustomerPath[]): FunnelStepResult[] {
  const counts = steps.map(() => 0);
  const gaps: number[][] = steps.map(() => []);
  for (const p of paths) {
    for (let k = 0; k < p.reached; k++) {
      counts[k]!++;
      if (k > 0) gaps[k]!.push((p.times[k]! - p.times[k - 1]!) / 1000);
    }
  }
  return steps.map((s, k) => {
    const med = k === 0 ? null : median(gaps[k]!);
    return {
      step: k + 1, type: s.type, label: s.label ?? null, customers: counts[k]!,
      conversion: k === 0 ? (counts[0]! > 0 ? 1 : 0) : ratio(counts[k]!, counts[k - 1]!),
      overall: ratio(counts[k]!, counts[0]!),
      medianSeconds: med === null ? null : Math.round(med),
    };
  });
}

/** The whole funnel and, when split, one funnel per value (largest first, no value last). */
export function groupFunnel(
  steps: readonly FunnelStep[], paths: readonly (CustomerPath & { group: string | null })[], split: boolean,
): { total: FunnelStepResult[]; groups: FunnelGroup[] } {
  const entered = paths.filter((p) => p.reached > 0);
  const total = summariseFunnel(steps, entered);
  if (!split) return { total, groups: [] };
  const by = new Map<string | null, CustomerPath[]>();
  for (const p of entered) {
    const list = by.get(p.group) ?? [];
    list.push(p);
    by.set(p.group, list);
  }
  const groups = [...by.entries()]
    .sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : b[1].length - a[1].length || a[0].localeCompare(b[0])))
    .map(([key, list]) => ({ key, steps: summariseFunnel(steps, list) }));
  return { total, groups };
}
