/**
 * Costs per channel and campaign, and the ROI board: the costs falling in a range, the
 * followers acquired in it, their attributed revenue (orders within the window after they
 * were acquired) and the day it covered the cost.
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { localDate } from '../shared/time.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { periodOf, DEFAULT_ATTRIBUTION_DAYS } from './acquisition.ts';
import { addDays, dayEnd } from './history-store.ts';
import {
  costInRange, costPerFollower, parseCost, paybackDays, roiOf,
  type CostInput, type CostKind, type CostPeriod,
} from './roi.ts';

export interface StoredCost extends CostPeriod {
  updatedBy: string | null;
  updatedAt: string;
}

const toCost = (r: Record<string, unknown>): StoredCost => ({
  kind: r.kind as CostKind, key: r.key as string, from: r.period_from as string, to: r.period_to as string,
  fixedFen: Number(r.fixed_cost_fen), trafficFen: Number(r.traffic_cost_fen), note: (r.note as string | null) ?? null,
  updatedBy: (r.updated_by as string | null) ?? null, updatedAt: new Date(r.updated_at as Date).toISOString(),
});

const COLUMNS = `kind, key, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
  fixed_cost_fen, traffic_cost_fen, note, updated_by, updated_at`;

/** Set the cost of a channel or campaign for a period (replacing the entry starting that day). */
export async function setCost(db: Db, workspaceId: string, input: CostInput, actor: Actor): Promise<StoredCost> {
  const c = parseCost(input);
  await requireWorkspace(db, workspaceId);
  return db.transaction(async (tx) => {
    const overlapping = await tx.query<{ period_from: string; period_to: string }>(
      `SELECT to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to FROM acquisition_costs
       WHERE workspace_id = $1 AND kind = $2 AND key = $3 AND period_from <> $4::date AND period_from <= $5::date AND period_to >= $4::date`,
      [workspaceId, c.kind, c.key, c.from, c.to],
    );
    // Two entries over the same days would count the cost twice.
    if (overlapping.length > 0) {
      const o = overlapping[0]!;
      throw new SiyuError('conflict', `from: ${c.kind} "${c.key}" already has a cost for ${o.period_from} – ${o.period_to}, which overlaps ${c.from} – ${c.to}; change or remove that entry`, { field: 'from' });
    }
    const [row] = await tx.query<Record<string, unknown>>(
      `INSERT INTO acquisition_costs (workspace_id, kind, key, period_from, period_to, fixed_cost_fen, traffic_cost_fen, note, updated_by, updated_at)
       VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9, now())
       ON CONFLICT (workspace_id, kind, key, period_from) DO UPDATE SET period_to = excluded.period_to, fixed_cost_fen = excluded.fixed_cost_fen,
         traffic_cost_fen = excluded.traffic_cost_fen, note = excluded.note, updated_by = excluded.updated_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [workspaceId, c.kind, c.key, c.from, c.to, c.fixedFen, c.trafficFen, c.note, actor.id ?? actor.kind],
    );
    await audit(tx, workspaceId, actor, 'cost.set', null, { ...c });
    return toCost(row!);
  });
}

export async function removeCost(db: Db, workspaceId: string, kind: CostKind, key: string, from: string, actor: Actor): Promise<StoredCost> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<Record<string, unknown>>(
      `DELETE FROM acquisition_costs WHERE workspace_id = $1 AND kind = $2 AND key = $3 AND period_from = $4::date RETURNING ${COLUMNS}`,
      [workspaceId, kind, key, from],
    );
    if (!row) throw new SiyuError('not_found', `${kind} "${key}" has no cost entry starting ${from}`);
    await audit(tx, workspaceId, actor, 'cost.removed', null, { kind, key, from });
    return toCost(row);
  });
}

export async function listCosts(q: Queryable, workspaceId: string, opts: { kind?: CostKind; key?: string } = {}): Promise<StoredCost[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM acquisition_costs WHERE workspace_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR key = $3)
     ORDER BY kind, key, period_from`,
    [workspaceId, opts.kind ?? null, opts.key ?? null],
  );
  return rows.map(toCost);
}

export interface RoiRow {
  key: string;
  name: string | null;
  newFollowers: number;
  /** Customers acquired (first touch in the range). */
  customers: number;
  fixedFen: number;
  trafficFen: number;
  costFen: number;
  costPerFollowerFen: number | null;
  revenueFen: number;
  roi: number | null;
  /** Days from the range's first day until the revenue covered the cost; null: not yet. */
  paybackDays: number | null;
}

export interface RoiBoard {
  from: string;
  to: string;
  attributionDays: number;
  /** Whether the window after the range's last day has fully passed (revenue can still grow until then). */
  windowComplete: boolean;
  totals: Omit<RoiRow, 'key' | 'name'>;
  channels: RoiRow[];
  campaigns: RoiRow[];
}

/** Followers, customers and attributed revenue by day, per channel or campaign, of the range's cohort. */
async function cohorts(q: Queryable, workspaceId: string, kind: CostKind, fromI: Date, toI: Date, window: number) {
  const touches = kind === 'channel'
    ? `SELECT e.customer_id, e.occurred_at AS at, COALESCE(e.data->>'channel', '(none)') AS key, 1 AS follower FROM events e
       WHERE e.workspace_id = $1 AND e.type = 'contact.added' AND e.occurred_at >= $2 AND e.occurred_at < $3`
    : `SELECT e.customer_id, e.occurred_at AS at, e.data->>'campaign' AS key, 1 AS follower FROM events e
       WHERE e.workspace_id = $1 AND e.type = 'contact.added' AND e.data ? 'campaign' AND e.occurred_at >= $2 AND e.occurred_at < $3
       UNION ALL
       SELECT e.customer_id, e.occurred_at, e.data->>'campaignId', 0 FROM events e
       WHERE e.workspace_id = $1 AND e.type = 'campaign.joined' AND e.occurred_at >= $2 AND e.occurred_at < $3`;
  return q.query<{ kind: string; key: string; day: number | null; n: number }>(
    `WITH t AS MATERIALIZED (${touches}),
     firsts AS (SELECT DISTINCT ON (key, customer_id) key, customer_id, at FROM t WHERE key IS NOT NULL ORDER BY key, customer_id, at),
     rev AS (
       SELECT f.key, floor(extract(epoch FROM o.paid_at - $2::timestamptz) / 86400)::int AS day,
              sum(o.amount_fen - LEAST(o.refunded_fen, o.amount_fen))::bigint AS fen
       FROM firsts f LEFT JOIN customers c ON c.workspace_id = $1 AND c.customer_id = f.customer_id
       JOIN orders o ON o.workspace_id = $1 AND o.customer_id = COALESCE(c.merged_into, f.customer_id)
         AND o.paid_at >= f.at AND o.paid_at < f.at + make_interval(days => $4::int)
       GROUP BY 1, 2)
     SELECT 'followers' AS kind, key, NULL::int AS day, sum(follower)::bigint AS n FROM t WHERE key IS NOT NULL GROUP BY key
     UNION ALL SELECT 'customers', key, NULL, count(*) FROM firsts GROUP BY key
     UNION ALL SELECT 'revenue', key, day, fen FROM rev`,
    [workspaceId, fromI, toI, window],
  );
}

function rowsOf(
  data: Awaited<ReturnType<typeof cohorts>>, costs: readonly StoredCost[], kind: CostKind, from: string, to: string, names: Map<string, string>,
): RoiRow[] {
  const keys = new Set([...data.map((r) => r.key), ...costs.filter((c) => c.kind === kind).map((c) => c.key)]);
  return [...keys].map((key) => {
    const mine = data.filter((r) => r.key === key);
    const { fixedFen, trafficFen } = costInRange(costs.filter((c) => c.kind === kind && c.key === key), from, to);
    const costFen = fixedFen + trafficFen;
    const revenue = mine.filter((r) => r.kind === 'revenue').map((r) => ({ day: Number(r.day), fen: Number(r.n) }));
    const revenueFen = revenue.reduce((s, r) => s + r.fen, 0);
    const newFollowers = Number(mine.find((r) => r.kind === 'followers')?.n ?? 0);
    return {
      key, name: names.get(key) ?? null, newFollowers, customers: Number(mine.find((r) => r.kind === 'customers')?.n ?? 0),
      fixedFen, trafficFen, costFen, costPerFollowerFen: costPerFollower(costFen, newFollowers),
      revenueFen, roi: roiOf(revenueFen, costFen), paybackDays: paybackDays(costFen, revenue),
    };
  }).sort((a, b) => (b.roi ?? -1) - (a.roi ?? -1) || b.revenueFen - a.revenueFen || a.key.localeCompare(b.key));
}

/** ROI per channel and campaign over a range (default the last 30 days). */
export async function roiBoard(q: Queryable, workspaceId: string, f: { from?: string; to?: string; attributionDays?: number; now: number }): Promise<RoiBoard> {
  const ws = await requireWorkspace(q, workspaceId);
  const tz = ws.timeZone;
  const { current } = periodOf(f.from, f.to, localDate(tz, f.now));
  const window = f.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS;
  const fromI = new Date(dayEnd(addDays(current.from, -1), tz));
  const toI = new Date(dayEnd(current.to, tz));
  const [channels, campaigns, costs, names] = await Promise.all([
    cohorts(q, workspaceId, 'channel', fromI, toI, window),
    cohorts(q, workspaceId, 'campaign', fromI, toI, window),
    listCosts(q, workspaceId),
    q.query<{ channel: string; name: string }>(`SELECT channel, name FROM channels WHERE workspace_id = $1`, [workspaceId]),
  ]);
  const inRange = costs.filter((c) => c.from <= current.to && c.to >= current.from);
  const channelRows = rowsOf(channels, inRange, 'channel', current.from, current.to, new Map(names.map((n) => [n.channel, n.name])));
  const campaignRows = rowsOf(campaigns, inRange, 'campaign', current.from, current.to, new Map());
  const sum = (k: 'newFollowers' | 'customers' | 'fixedFen' | 'trafficFen' | 'costFen' | 'revenueFen') => channelRows.reduce((s, r) => s + r[k], 0);
  // Campaign costs come on top of the channels' (a campaign runs through channels).
  const campaignCost = campaignRows.reduce((s, r) => s + r.costFen, 0);
  const costFen = sum('costFen') + campaignCost;
  const revenue = channels.filter((r) => r.kind === 'revenue').map((r) => ({ day: Number(r.day), fen: Number(r.n) }));
  return {
    from: current.from, to: current.to, attributionDays: window,
    windowComplete: dayEnd(addDays(current.to, window), tz) <= f.now,
    totals: {
      newFollowers: sum('newFollowers'), customers: sum('customers'),
      fixedFen: sum('fixedFen') + campaignRows.reduce((s, r) => s + r.fixedFen, 0),
      trafficFen: sum('trafficFen') + campaignRows.reduce((s, r) => s + r.trafficFen, 0),
      costFen, costPerFollowerFen: costPerFollower(costFen, sum('newFollowers')), revenueFen: sum('revenueFen'),
      roi: roiOf(sum('revenueFen'), costFen), paybackDays: paybackDays(costFen, revenue),
    },
    channels: channelRows,
    campaigns: campaignRows,
  };
}
