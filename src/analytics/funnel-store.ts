/**
 * Funnels over the event log: the events matching any step, per customer in the caller's
 * scope (and an optional saved segment), walked by the pure core. The customers at a step
 * can be kept as a saved segment (a list of customer ids) for a mass message or an SOP.
 */
import { z } from '@hono/zod-openapi';
import { audienceWhere, withoutJit, saveSegment, type SavedSegment } from '../audiences/index.ts';
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { CustomerScope } from '../shared/scope.ts';
import { parseEndOfDay, parseTimestamp } from '../shared/time.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import {
  customerPath, groupFunnel, funnelStepSchema, DEFAULT_STEPS, DEFAULT_WINDOW_HOURS, FUNNEL_SPLITS, MAX_STEPS, MAX_WINDOW_HOURS,
  type FunnelGroup, type FunnelSplit, type FunnelStep, type FunnelStepResult, type StepHit, type CustomerPath,
} from './funnel.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
export const funnelQuerySchema = z.object({
  steps: z.array(funnelStepSchema).min(2).max(MAX_STEPS).optional()
    .openapi({ description: 'ordered steps; default browse → click → add to cart → purchase → share' }),
  from: day.openapi({ example: '2026-11-01', description: 'entries (first-step events) from this day, workspace time zone' }),
  to: day.openapi({ example: '2026-11-30', description: 'up to and including this day' }),
  windowHours: z.number().int().min(1).max(MAX_WINDOW_HOURS).optional()
    .openapi({ description: `conversion window from the entry, hours (default ${DEFAULT_WINDOW_HOURS})` }),
  split: z.enum(FUNNEL_SPLITS).optional().openapi({ description: 'one funnel per channel, owner, RFM segment or value tier' }),
  segment: z.union([z.string().min(1).max(200), z.number().int().positive()]).optional()
    .openapi({ description: 'only customers of this saved segment (name or id)' }),
}).strict().openapi('FunnelQuery');
export type FunnelQuery = z.infer<typeof funnelQuerySchema>;

export interface FunnelResult {
  from: string;
  to: string;
  windowHours: number;
  split: FunnelSplit | null;
  steps: FunnelStepResult[];
  groups: FunnelGroup[];
}

const SPLIT_SQL: Record<FunnelSplit, string> = {
  channel: 'COALESCE(c.channel, a.added_channel)',
  staff: 'COALESCE(c.owner_staff, a.added_by_staff)',
  rfmSegment: 'm.rfm_segment',
  valueTier: 'm.value_tier',
};

/** The query's instants: [from, to) of entries, in the workspace's zone. */
function range(q: FunnelQuery, timeZone: string): { from: number; to: number } {
  const from = parseTimestamp(q.from, timeZone);
  if (!from.ok) throw new SiyuError('validation_failed', `from: ${from.reason}`, { path: 'from' });
  const to = parseEndOfDay(q.to, timeZone);
  if (!to.ok) throw new SiyuError('validation_failed', `to: ${to.reason}`, { path: 'to' });
  if (to.instant <= from.instant) throw new SiyuError('validation_failed', `to: ${q.to} is before from ${q.from}`, { path: 'to' });
  if (to.instant - from.instant > 400 * 86_400_000) throw new SiyuError('validation_failed', 'to: a funnel covers at most 400 days', { path: 'to' });
  return { from: from.instant, to: to.instant };
}

interface Walked { customerId: number; group: string | null; path: CustomerPath }

async function walk(q: Queryable, ws: string, query: FunnelQuery, scope: CustomerScope): Promise<{ steps: readonly FunnelStep[]; walked: Walked[]; windowHours: number }> {
  const workspace = await requireWorkspace(q, ws);
  const steps = query.steps ?? DEFAULT_STEPS;
  const windowHours = query.windowHours ?? DEFAULT_WINDOW_HOURS;
  const windowMs = windowHours * 3_600_000;
  const { from, to } = range(query, workspace.timeZone);
  const w = await audienceWhere(q, ws, query.segment === undefined ? undefined : { field: 'segment', segment: query.segment }, scope);
  const n = w.params.length;
  const group = query.split ? SPLIT_SQL[query.split] : 'NULL::text';
  // One row per customer: the matching events in time order (one row per step an event
  // matches), from the range's start to the window past its end; customers with no entry in
  // the range are dropped by the HAVING.
  const rows = await q.query<{ customer_id: string | number; grp: string | null; steps: number[]; ats: (string | number)[]; evs: string[] }>(
    `WITH s AS (SELECT * FROM unnest($${n + 1}::text[], $${n + 2}::jsonb[]) WITH ORDINALITY AS s(type, pred, idx))
     SELECT e.customer_id, ${group} AS grp,
            array_agg(s.idx - 1 ORDER BY e.occurred_at, e.event_id, s.idx) AS steps,
            array_agg((extract(epoch FROM e.occurred_at) * 1000)::bigint ORDER BY e.occurred_at, e.event_id, s.idx) AS ats,
            array_agg(e.event_id ORDER BY e.occurred_at, e.event_id, s.idx) AS evs
     FROM events e
     JOIN s ON s.type = e.type AND e.data @> s.pred
     JOIN customers c ON c.workspace_id = e.workspace_id AND c.customer_id = e.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     LEFT JOIN customer_models m ON m.workspace_id = c.workspace_id AND m.customer_id = c.customer_id
     WHERE e.workspace_id = $1 AND e.type = ANY($${n + 1}::text[])
       AND e.occurred_at >= $${n + 3}::timestamptz AND e.occurred_at < $${n + 4}::timestamptz
       AND ${w.sql}
     GROUP BY e.customer_id, grp
     HAVING bool_or(s.idx = 1 AND e.occurred_at < $${n + 5}::timestamptz)`,
    [...w.params, steps.map((s) => s.type), steps.map((s) => JSON.stringify(s.where ?? {})),
      new Date(from).toISOString(), new Date(to + windowMs).toISOString(), new Date(to).toISOString()],
  );
  const walked: Walked[] = [];
  for (const r of rows) {
    const hits: StepHit[] = r.steps.map((step, i) => ({ step: Number(step), at: Number(r.ats[i]), event: r.evs[i]! }));
    const path = customerPath(hits, steps.length, from, to, windowMs);
    if (path.reached > 0) walked.push({ customerId: Number(r.customer_id), group: r.grp, path });
  }
  return { steps, walked, windowHours };
}

async function runFunnelIn(q: Queryable, ws: string, query: FunnelQuery, scope: CustomerScope): Promise<FunnelResult> {
  const { steps, walked, windowHours } = await walk(q, ws, query, scope);
  const { total, groups } = groupFunnel(steps, walked.map((x) => ({ ...x.path, group: x.group })), query.split !== undefined);
  return { from: query.from, to: query.to, windowHours, split: query.split ?? null, steps: total, groups };
}

/** A saved segment holds at most this many listed customers (the audience filter's own limit). */
export const MAX_AUDIENCE = 10_000;

export interface FunnelAudienceInput {
  query: FunnelQuery;
  /** 1-based step; `dropped` keeps those who reached it but not the next. */
  step: number;
  dropped?: boolean;
  name: string;
  description?: string;
  actor: Actor;
  owner?: string;
  onlyOwnedBy?: string;
}

/** Keep the customers at a step (or who stopped there) as a saved segment. */
export async function saveFunnelAudience(q: Queryable, ws: string, input: FunnelAudienceInput, scope: CustomerScope): Promise<{ segment: SavedSegment; customers: number }> {
  const { steps, walked } = await walk(q, ws, input.query, scope);
  if (input.step > steps.length) throw new SiyuError('validation_failed', `step: the funnel has ${steps.length} steps, not ${input.step}`, { path: 'step' });
  if (input.dropped && input.step === steps.length) throw new SiyuError('validation_failed', 'step: nobody drops after the last step', { path: 'step' });
  const ids = walked.filter((x) => x.path.reached >= input.step && (!input.dropped || x.path.reached === input.step))
    .map((x) => x.customerId).sort((a, b) => a - b);
  if (ids.length === 0) throw new SiyuError('validation_failed', `step: no customer is at step ${input.step}; nothing to save`, { path: 'step' });
  if (ids.length > MAX_AUDIENCE) {
    throw new SiyuError('validation_failed', `step: ${ids.length} customers are at step ${input.step}, more than a listed segment holds (${MAX_AUDIENCE}); narrow the dates or pick a segment`, { path: 'step' });
  }
  const segment = await saveSegment(q, ws, {
    name: input.name, description: input.description, filter: { field: 'customerId', op: 'in', values: ids },
    actor: input.actor, owner: input.owner, onlyOwnedBy: input.onlyOwnedBy,
  });
  return { segment, customers: ids.length };
}

/** runFunnel, with JIT off on the server: compiling this query's expressions costs more than it saves. */
export const runFunnel = (q: Queryable, ...args: Parameters<typeof runFunnelIn> extends [Queryable, ...infer R] ? R : never) =>
  withoutJit(q, (tx) => runFunnelIn(tx, ...args));
