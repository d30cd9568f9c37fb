/**
 * Loading the demo into a workspace: staff and channels, then every event through the
 * one intake pipeline (as if WeCom and the shops had sent them), then what WeCom syncs
 * and staff tag by hand (profiles.ts). Event ids are deterministic, so loading again adds nothing and an
 * interrupted load finishes where it stopped.
 */
import { ingestEvents } from '../events/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { ensureWorkspace, upsertChannels, upsertStaff } from '../workspaces/index.ts';
import { generateDemo, DEFAULT_CUSTOMERS, type DemoData } from './generate.ts';
import { applyProfiles } from './profiles.ts';
import { demoCosts } from './costs.ts';
import { ensureSnapshots } from '../analytics/index.ts';

export interface LoadDemoOptions {
  workspaceId: string;
  seed?: number;
  customers?: number;
  months?: number;
  /** YYYY-MM-DD; the demo's history ends at the start of this day (Asia/Shanghai). */
  endDate: string;
  /** Events per intake call (each is one or more transactions). */
  batchSize?: number;
  /** The wall clock, for the intake's future-timestamp check. */
  now?: number;
  onProgress?: (progress: { events: number; total: number }) => void;
}

export interface LoadDemoResult {
  workspaceId: string;
  seed: number;
  startDate: string;
  endDate: string;
  staff: number;
  channels: number;
  /** People the demo describes. */
  people: number;
  /** Customers in the workspace after loading (merged records not counted). */
  customers: number;
  /** Customer records merged into another by identity resolution. */
  merges: number;
  events: { generated: number; accepted: number; duplicates: number; rejected: number };
  /** The first few rejections, with their reasons (there should be none). */
  rejections: { id: string | undefined; reason: string }[];
  /** Customers whose WeCom profile (gender) this load set. */
  profiles: number;
  /** 人群 / 兴趣 tags the staff hold on their customers. */
  tags: number;
}

export const DEFAULT_BATCH = 2000;
export const DEMO_ACTOR = { kind: 'system', id: 'demo' } as const;

/** Whether the workspace holds any customer yet: the server loads the demo only into an empty one. */
export async function hasCustomers(db: Queryable, workspaceId: string): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM customers WHERE workspace_id = $1) AS any`,
    [workspaceId],
  );
  return row!.any;
}

export async function loadDemo(db: Db, opts: LoadDemoOptions): Promise<LoadDemoResult> {
  const now = opts.now ?? Date.now();
  if (Date.parse(`${opts.endDate}T00:00:00+08:00`) > now) {
    throw new SiyuError('bad_request', `end date ${opts.endDate} is in the future: the demo's history must end by today`);
  }
  const data = generateDemo({
    seed: opts.seed ?? 1,
    customers: opts.customers ?? DEFAULT_CUSTOMERS,
    ...(opts.months !== undefined ? { months: opts.months } : {}),
    endDate: opts.endDate,
  });
  const ws = opts.workspaceId;
  await ensureWorkspace(db, { workspaceId: ws });
  await refuseForeignWorkspace(db, ws, data);
  await db.transaction(async (tx) => {
    await upsertStaff(tx, ws, data.staff);
    await upsertChannels(tx, ws, data.channels);
    // What each channel and campaign cost, for cost per follower and ROI; a reload keeps entries already there.
    const costs = demoCosts(data);
    await tx.query(
      `INSERT INTO acquisition_costs (workspace_id, kind, key, period_from, period_to, fixed_cost_fen, traffic_cost_fen, note, updated_by)
       SELECT $1, c.kind, c.key, c.f::date, c.t::date, c.fixed, c.traffic, c.note, 'demo'
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[]) AS c(kind, key, f, t, fixed, traffic, note)
       ON CONFLICT DO NOTHING`,
      [ws, costs.map((c) => c.kind), costs.map((c) => c.key), costs.map((c) => c.from), costs.map((c) => c.to),
        costs.map((c) => c.fixedFen), costs.map((c) => c.trafficFen), costs.map((c) => c.note)],
    );
  });

  const counts = { generated: data.events.length, accepted: 0, duplicates: 0, rejected: 0 };
  const rejections: LoadDemoResult['rejections'] = [];
  const batch = opts.batchSize ?? DEFAULT_BATCH;
  for (let i = 0; i < data.events.length; i += batch) {
    const r = await ingestEvents(db, ws, data.events.slice(i, i + batch), { source: 'demo', actor: DEMO_ACTOR, now, place: false });
    counts.accepted += r.accepted.length;
    counts.duplicates += r.duplicates.length;
    counts.rejected += r.rejected.length;
    for (const x of r.rejected.slice(0, 10 - rejections.length)) rejections.push({ id: x.id, reason: x.reason });
    opts.onProgress?.({ events: Math.min(i + batch, data.events.length), total: data.events.length });
  }
  const profiles = await applyProfiles(db, ws, data, DEMO_ACTOR);
  // Staff explain about three removals in four (seed 002: most customers who leave do so over
  // staff indifference); the rest stay unexplained, as in life. Chosen by a hash of the event.
  await db.query(
    `INSERT INTO churn_reasons (workspace_id, customer_id, removed_at, reason, recorded_by)
     SELECT $1, COALESCE(c.merged_into, e.customer_id), e.occurred_at,
            CASE WHEN h < 68 THEN '员工冷漠' WHEN h < 78 THEN '产品不满意' WHEN h < 86 THEN '竞品更优'
                 WHEN h < 92 THEN '其他渠道' WHEN h < 97 THEN '搬家' ELSE '朋友推荐' END,
            COALESCE(e.staff_id, c.owner_staff, 'demo')
     FROM events e JOIN customers c ON c.workspace_id = e.workspace_id AND c.customer_id = e.customer_id
     CROSS JOIN LATERAL (SELECT abs(hashtext(e.event_id || ':reason')) % 100 AS h, abs(hashtext(e.event_id)) % 4 AS told) x
     WHERE e.workspace_id = $1 AND e.type = 'contact.removed' AND x.told <> 0
     ON CONFLICT DO NOTHING`,
    [ws],
  );

  // Six months of history for the boards' trends, replayed now rather than on the first look.
  await ensureSnapshots(db, ws, now);

  const [row] = await db.query<{ customers: number; merges: number }>(
    `SELECT (SELECT count(*)::int FROM customers WHERE workspace_id = $1 AND merged_into IS NULL) AS customers,
            (SELECT count(*)::int FROM customer_merges WHERE workspace_id = $1 AND undone_at IS NULL) AS merges`,
    [ws],
  );
  return {
    workspaceId: ws,
    seed: data.seed,
    startDate: data.startDate,
    endDate: data.endDate,
    staff: data.staff.length,
    channels: data.channels.length,
    people: data.people.length,
    customers: row!.customers,
    merges: row!.merges,
    events: counts,
    rejections,
    profiles: profiles.profiles,
    tags: profiles.tags,
  };
}

/** The demo's fake customers must not land among real ones. */
async function refuseForeignWorkspace(db: Queryable, ws: string, data: DemoData): Promise<void> {
  const first = data.events[0]?.id;
  const [row] = await db.query<{ customers: boolean; demo: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM customers WHERE workspace_id = $1) AS customers,
            EXISTS (SELECT 1 FROM events WHERE workspace_id = $1 AND event_id = $2) AS demo`,
    [ws, first ?? ''],
  );
  if (row!.customers && !row!.demo) {
    throw new SiyuError(
      'conflict',
      `workspace "${ws}" already has customers that are not this demo (seed ${data.seed}); load the demo into another workspace, e.g. --workspace demo`,
    );
  }
}
