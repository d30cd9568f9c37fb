/**
 * The acquisition board against the store: adds and removals from the event log (活码
 * state in contact.added data.channel, the staff member in staff_id), retention and first
 * orders of the customers added in the range, and campaigns by joins, adds and orders.
 * Staff see their own figures: their adds and removals, their customers' orders.
 */
import { audienceWhere, getSegment } from '../audiences/index.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { localDate } from '../shared/time.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import {
  change, daysOf, periodOf, rankCampaigns, rate, DEFAULT_ATTRIBUTION_DAYS, RETENTION_DAYS,
  type CampaignFigures, type Period,
} from './acquisition.ts';
import { dayEnd, addDays } from './history-store.ts';

export interface BoardFilters {
  from?: string;
  to?: string;
  channel?: string;
  staff?: string;
  /** A saved segment (id or name): only its customers. */
  segment?: string;
  scope?: CustomerScope;
  attributionDays?: number;
  now: number;
}

export interface Totals {
  newFollowers: number;
  /** Customers behind the adds (one customer adding two staff members counts once). */
  newCustomers: number;
  removals: number;
  net: number;
  firstOrders: number;
  conversionRate: number | null;
  revenueFen: number;
}

export interface ChannelRow extends Totals {
  channel: string;
  name: string | null;
  retention: { d7: number | null; d30: number | null; d90: number | null };
  previousNewFollowers: number;
  change: number | null;
}

export interface AcquisitionBoard {
  from: string;
  to: string;
  previous: { from: string; to: string };
  attributionDays: number;
  totals: Totals;
  previousTotals: Totals;
  change: Record<'newFollowers' | 'removals' | 'net' | 'firstOrders' | 'revenueFen', number | null>;
  daily: { day: string; newFollowers: number; removals: number; net: number }[];
  dailyByChannel: { day: string; channel: string; newFollowers: number }[];
  byChannel: ChannelRow[];
  byStaff: { staffId: string; name: string | null; newFollowers: number; removals: number; net: number }[];
  removedBy: { customer: number; staff: number; unknown: number };
  retention: { d7: number | null; d30: number | null; d90: number | null };
  campaigns: (CampaignFigures & { heat: number; rank: number })[];
}

/** Placeholders appended to a parameter list. */
class Params {
  readonly list: unknown[];
  constructor(list: unknown[]) { this.list = list; }
  add(v: unknown, cast = ''): string {
    this.list.push(v);
    return `$${this.list.length}${cast}`;
  }
}

interface Built {
  params: Params;
  /** Condition on an event alias e (customer set, channel, staff). */
  eventWhere: (alias: string, kind: 'add' | 'remove' | 'other') => string;
  pop: string;
}

/** The customer set (segment and scope) as a CTE over `customers c`, or none when everyone counts. */
async function build(q: Queryable, ws: string, f: BoardFilters): Promise<Built> {
  const scope = f.scope ?? ALL_CUSTOMERS;
  const filter = f.segment === undefined ? undefined : (await getSegment(q, ws, /^\d+$/.test(f.segment) ? Number(f.segment) : f.segment)).filter;
  const everyone = filter === undefined && scope.kind === 'all';
  const w = everyone ? { sql: 'true', params: [ws] } : await audienceWhere(q, ws, filter, scope, { now: f.now });
  const params = new Params([...w.params]);
  const pop = everyone ? '' : `pop AS MATERIALIZED (SELECT c.customer_id FROM customers c WHERE ${w.sql}),`;
  // Staff see their own adds and removals: the staff filter is theirs whatever they ask.
  const staff = scope.kind === 'staff' ? scope.staffId : f.staff;
  const channel = f.channel;
  const staffP = staff === undefined ? null : params.add(staff, '::text');
  const channelP = channel === undefined ? null : params.add(channel, '::text');
  const eventWhere = (e: string, kind: 'add' | 'remove' | 'other') => [
    everyone ? 'true' : `${e}.customer_id IN (SELECT customer_id FROM pop)`,
    staffP && kind !== 'other' ? `${e}.staff_id = ${staffP}` : 'true',
    channelP === null ? 'true'
      : kind === 'add' ? `COALESCE(${e}.data->>'channel', '(none)') = ${channelP}`
      : `EXISTS (SELECT 1 FROM customer_aggregates ca WHERE ca.workspace_id = ${e}.workspace_id AND ca.customer_id = ${e}.customer_id
                 AND COALESCE(ca.added_channel, '(none)') = ${channelP})`,
  ].join(' AND ');
  return { params, eventWhere, pop };
}

const num = (v: unknown) => Number(v ?? 0);

async function totalsFor(q: Queryable, ws: string, tz: string, p: Period, f: BoardFilters, attributionDays: number, detail: boolean) {
  const b = await build(q, ws, f);
  const from = b.params.add(new Date(dayEnd(addDays(p.from, -1), tz)), '::timestamptz');
  const to = b.params.add(new Date(dayEnd(p.to, tz)), '::timestamptz');
  const tzP = b.params.add(tz, '::text');
  const nowP = b.params.add(new Date(f.now), '::timestamptz');
  const windowP = b.params.add(attributionDays, '::int');
  const wsP = '$1';
  const sql = `
    WITH ${b.pop}
    adds0 AS MATERIALIZED (
      SELECT e.event_id, e.customer_id, e.occurred_at AS at, COALESCE(e.data->>'channel', '(none)') AS channel, COALESCE(e.staff_id, '') AS staff,
             to_char(e.occurred_at AT TIME ZONE ${tzP}, 'YYYY-MM-DD') AS day
      FROM events e
      WHERE e.workspace_id = ${wsP} AND e.type = 'contact.added' AND e.occurred_at >= ${from} AND e.occurred_at < ${to} AND ${b.eventWhere('e', 'add')}),
    -- Removals are few: every one since the range began, joined to the adds, beats a probe per add.
    later AS MATERIALIZED (
      SELECT r.customer_id, r.occurred_at FROM events r WHERE r.workspace_id = ${wsP} AND r.type = 'contact.removed' AND r.occurred_at >= ${from}),
    adds AS MATERIALIZED (
      SELECT a.customer_id, a.at, a.channel, a.staff, a.day, rm.removed_at
      FROM adds0 a LEFT JOIN (
        SELECT ad.event_id, min(l.occurred_at) AS removed_at FROM adds0 ad JOIN later l ON l.customer_id = ad.customer_id AND l.occurred_at > ad.at
        GROUP BY ad.event_id) rm USING (event_id)),
    removes AS MATERIALIZED (
      SELECT e.customer_id, COALESCE(a.added_channel, '(none)') AS channel, COALESCE(e.staff_id, '') AS staff, e.data->>'by' AS by,
             to_char(e.occurred_at AT TIME ZONE ${tzP}, 'YYYY-MM-DD') AS day
      FROM events e LEFT JOIN customer_aggregates a ON a.workspace_id = e.workspace_id AND a.customer_id = e.customer_id
      WHERE e.workspace_id = ${wsP} AND e.type = 'contact.removed' AND e.occurred_at >= ${from} AND e.occurred_at < ${to} AND ${b.eventWhere('e', 'remove')}),
    -- Each customer once, at their first add in the range: first orders and revenue within the window after it.
    firsts AS (
      SELECT DISTINCT ON (customer_id) customer_id, at, channel FROM adds ORDER BY customer_id, at),
    bought AS (
      SELECT f.channel, f.customer_id, o.first_paid, o.revenue, o.before
      FROM firsts f
      LEFT JOIN customers c ON c.workspace_id = ${wsP} AND c.customer_id = f.customer_id
      CROSS JOIN LATERAL (
        SELECT min(o.paid_at) FILTER (WHERE o.paid_at >= f.at AND o.refunded_fen < o.amount_fen) AS first_paid,
               COALESCE(sum(o.amount_fen - LEAST(o.refunded_fen, o.amount_fen)) FILTER (WHERE o.paid_at >= f.at), 0)::bigint AS revenue,
               count(*) FILTER (WHERE o.paid_at < f.at AND o.refunded_fen < o.amount_fen) AS before
        FROM orders o
        WHERE o.workspace_id = ${wsP} AND o.customer_id = COALESCE(c.merged_into, f.customer_id) AND o.paid_at IS NOT NULL
          AND o.paid_at < f.at + make_interval(days => ${windowP})) o)
    SELECT 'channel' AS kind, k.channel AS key, NULL::text AS day,
           COALESCE(a.n, 0) AS adds, COALESCE(a.people, 0) AS people, COALESCE(r.n, 0) AS removes,
           COALESCE(o.first_orders, 0) AS first_orders, COALESCE(o.revenue, 0) AS revenue,
           a.e7, a.k7, a.e30, a.k30, a.e90, a.k90
    FROM (SELECT channel FROM adds UNION SELECT channel FROM removes) k
    LEFT JOIN (SELECT channel, count(*) AS n, count(DISTINCT customer_id) AS people,
                 ${RETENTION_DAYS.map((d) => `count(*) FILTER (WHERE at + interval '${d} days' <= ${nowP}) AS e${d},
                 count(*) FILTER (WHERE at + interval '${d} days' <= ${nowP} AND (removed_at IS NULL OR removed_at > at + interval '${d} days')) AS k${d}`).join(',\n')}
               FROM adds GROUP BY channel) a USING (channel)
    LEFT JOIN (SELECT channel, count(*) AS n FROM removes GROUP BY channel) r USING (channel)
    LEFT JOIN (SELECT channel, count(*) FILTER (WHERE first_paid IS NOT NULL AND before = 0) AS first_orders, sum(revenue) AS revenue
               FROM bought GROUP BY channel) o USING (channel)
    ${detail ? `
    UNION ALL
    SELECT 'staff', k.staff, NULL, COALESCE(a.n, 0), 0, COALESCE(r.n, 0), 0, 0, NULL, NULL, NULL, NULL, NULL, NULL
    FROM (SELECT staff FROM adds UNION SELECT staff FROM removes) k
    LEFT JOIN (SELECT staff, count(*) AS n FROM adds GROUP BY staff) a USING (staff)
    LEFT JOIN (SELECT staff, count(*) AS n FROM removes GROUP BY staff) r USING (staff)
    UNION ALL
    SELECT 'day', k.channel, k.day, COALESCE(a.n, 0), 0, COALESCE(r.n, 0), 0, 0, NULL, NULL, NULL, NULL, NULL, NULL
    FROM (SELECT day, channel FROM adds UNION SELECT day, channel FROM removes) k
    LEFT JOIN (SELECT day, channel, count(*) AS n FROM adds GROUP BY 1, 2) a USING (day, channel)
    LEFT JOIN (SELECT day, channel, count(*) AS n FROM removes GROUP BY 1, 2) r USING (day, channel)
    UNION ALL
    SELECT 'by', COALESCE(by, 'unknown'), NULL, 0, 0, count(*), 0, 0, NULL, NULL, NULL, NULL, NULL, NULL FROM removes GROUP BY 2
    UNION ALL
    SELECT 'people', '', NULL, 0, count(DISTINCT customer_id), 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL FROM adds` : `
    UNION ALL
    SELECT 'people', '', NULL, 0, count(DISTINCT customer_id), 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL FROM adds`}`;
  const rows = await q.query<Record<string, unknown>>(sql, b.params.list);
  return rows;
}

async function campaignsFor(q: Queryable, ws: string, tz: string, p: Period, f: BoardFilters, attributionDays: number): Promise<CampaignFigures[]> {
  const b = await build(q, ws, f);
  const from = b.params.add(new Date(dayEnd(addDays(p.from, -1), tz)), '::timestamptz');
  const to = b.params.add(new Date(dayEnd(p.to, tz)), '::timestamptz');
  const windowP = b.params.add(attributionDays, '::int');
  const rows = await q.query<Record<string, unknown>>(
    `WITH ${b.pop}
     touches AS MATERIALIZED (
       SELECT e.data->>'campaignId' AS campaign, e.customer_id, e.occurred_at AS at, 'join' AS kind FROM events e
       WHERE e.workspace_id = $1 AND e.type = 'campaign.joined' AND e.occurred_at >= ${from} AND e.occurred_at < ${to} AND ${b.eventWhere('e', 'other')}
       UNION ALL
       SELECT e.data->>'campaign', e.customer_id, e.occurred_at, 'add' FROM events e
       WHERE e.workspace_id = $1 AND e.type = 'contact.added' AND e.data ? 'campaign' AND e.occurred_at >= ${from} AND e.occurred_at < ${to}
         AND ${b.eventWhere('e', 'add')}),
     people AS (SELECT campaign, customer_id, min(at) AS at FROM touches WHERE campaign IS NOT NULL GROUP BY 1, 2),
     sales AS (
       SELECT p.campaign, count(o.order_id) AS orders, COALESCE(sum(o.amount_fen - LEAST(o.refunded_fen, o.amount_fen)), 0)::bigint AS revenue
       FROM people p LEFT JOIN customers c ON c.workspace_id = $1 AND c.customer_id = p.customer_id
       JOIN orders o ON o.workspace_id = $1 AND o.customer_id = COALESCE(c.merged_into, p.customer_id)
         AND o.paid_at >= p.at AND o.paid_at < p.at + make_interval(days => ${windowP}) AND o.refunded_fen < o.amount_fen
       GROUP BY 1)
     SELECT t.campaign, count(*) FILTER (WHERE kind = 'join') AS joins, count(*) FILTER (WHERE kind = 'add') AS adds,
            COALESCE(max(s.orders), 0) AS orders, COALESCE(max(s.revenue), 0) AS revenue
     FROM touches t LEFT JOIN sales s USING (campaign) WHERE t.campaign IS NOT NULL GROUP BY t.campaign`,
    b.params.list,
  );
  return rows.map((r) => ({ campaign: r.campaign as string, joins: num(r.joins), newFollowers: num(r.adds), orders: num(r.orders), revenueFen: num(r.revenue) }));
}

function totalsOf(rows: Record<string, unknown>[]): Totals {
  const ch = rows.filter((r) => r.kind === 'channel');
  const newFollowers = ch.reduce((n, r) => n + num(r.adds), 0);
  const removals = ch.reduce((n, r) => n + num(r.removes), 0);
  const firstOrders = ch.reduce((n, r) => n + num(r.first_orders), 0);
  const newCustomers = num(rows.find((r) => r.kind === 'people')?.people);
  return {
    newFollowers, newCustomers, removals, net: newFollowers - removals, firstOrders,
    conversionRate: rate(firstOrders, newCustomers), revenueFen: ch.reduce((n, r) => n + num(r.revenue), 0),
  };
}

const retentionOf = (rs: Record<string, unknown>[]) => ({
  d7: rate(rs.reduce((n, r) => n + num(r.k7), 0), rs.reduce((n, r) => n + num(r.e7), 0)),
  d30: rate(rs.reduce((n, r) => n + num(r.k30), 0), rs.reduce((n, r) => n + num(r.e30), 0)),
  d90: rate(rs.reduce((n, r) => n + num(r.k90), 0), rs.reduce((n, r) => n + num(r.e90), 0)),
});

export async function acquisitionBoard(q: Queryable, workspaceId: string, f: BoardFilters): Promise<AcquisitionBoard> {
  const ws = await requireWorkspace(q, workspaceId);
  const tz = ws.timeZone;
  const { current, previous } = periodOf(f.from, f.to, localDate(tz, f.now));
  const attributionDays = f.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS;
  const [rows, prevRows, campaigns, names] = await Promise.all([
    totalsFor(q, workspaceId, tz, current, f, attributionDays, true),
    totalsFor(q, workspaceId, tz, previous, f, attributionDays, false),
    campaignsFor(q, workspaceId, tz, current, f, attributionDays),
    q.query<{ kind: string; key: string; name: string }>(
      `SELECT 'channel' AS kind, channel AS key, name FROM channels WHERE workspace_id = $1
       UNION ALL SELECT 'staff', staff_id, name FROM staff WHERE workspace_id = $1`, [workspaceId]),
  ]);
  const nameOf = (kind: string, key: string) => names.find((n) => n.kind === kind && n.key === key)?.name ?? null;
  const totals = totalsOf(rows);
  const previousTotals = totalsOf(prevRows);
  const prevByChannel = new Map(prevRows.filter((r) => r.kind === 'channel').map((r) => [r.key as string, num(r.adds)]));
  const channelRows = rows.filter((r) => r.kind === 'channel');
  const byChannel: ChannelRow[] = channelRows.map((r) => {
    const newFollowers = num(r.adds), removals = num(r.removes), firstOrders = num(r.first_orders), people = num(r.people);
    const prev = prevByChannel.get(r.key as string) ?? 0;
    return {
      channel: r.key as string, name: nameOf('channel', r.key as string),
      newFollowers, newCustomers: people, removals, net: newFollowers - removals, firstOrders,
      conversionRate: rate(firstOrders, people), revenueFen: num(r.revenue),
      retention: retentionOf([r]), previousNewFollowers: prev, change: change(newFollowers, prev),
    };
  }).sort((a, b) => b.newFollowers - a.newFollowers || a.channel.localeCompare(b.channel));
  const dayRows = rows.filter((r) => r.kind === 'day');
  const daily = daysOf(current).map((day) => {
    const ds = dayRows.filter((r) => r.day === day);
    const a = ds.reduce((n, r) => n + num(r.adds), 0), rm = ds.reduce((n, r) => n + num(r.removes), 0);
    return { day, newFollowers: a, removals: rm, net: a - rm };
  });
  const by = new Map(rows.filter((r) => r.kind === 'by').map((r) => [r.key as string, num(r.removes)]));
  return {
    from: current.from, to: current.to, previous: { from: previous.from, to: previous.to }, attributionDays,
    totals, previousTotals,
    change: {
      newFollowers: change(totals.newFollowers, previousTotals.newFollowers), removals: change(totals.removals, previousTotals.removals),
      net: change(totals.net, previousTotals.net), firstOrders: change(totals.firstOrders, previousTotals.firstOrders),
      revenueFen: change(totals.revenueFen, previousTotals.revenueFen),
    },
    daily,
    dailyByChannel: dayRows.filter((r) => num(r.adds) > 0).map((r) => ({ day: r.day as string, channel: r.key as string, newFollowers: num(r.adds) }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel)),
    byChannel,
    byStaff: rows.filter((r) => r.kind === 'staff').map((r) => ({
      staffId: r.key as string, name: nameOf('staff', r.key as string), newFollowers: num(r.adds), removals: num(r.removes), net: num(r.adds) - num(r.removes),
    })).sort((a, b) => b.newFollowers - a.newFollowers || a.staffId.localeCompare(b.staffId)),
    removedBy: { customer: by.get('customer') ?? 0, staff: by.get('staff') ?? 0, unknown: [...by].filter(([k]) => k !== 'customer' && k !== 'staff').reduce((n, [, v]) => n + v, 0) },
    retention: retentionOf(channelRows),
    campaigns: rankCampaigns(campaigns),
  };
}
