/**
 * The demo's operations side, so a first start shows a working day and not empty screens:
 * the five journey templates with customers placed on them, the example SOPs switched on
 * for the customers already in their stages (their first steps become tasks), and the
 * example rules, which then react to whatever happens next.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importRules } from '../automation/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { saveSop, setSopEnabled } from '../sop/index.ts';
import { listJourneys, seedDemoJourneys } from '../journeys/index.ts';
import { rescheduleTasks } from '../outreach/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { spreadCrowds, spreadOverWorkday } from './workday.ts';
import type { Db } from '../store/db.ts';
import { DEMO_ACTOR } from './load.ts';
import { seedWorkHistory, type WorkHistoryResult } from './work-history.ts';
import { saveContentItems } from '../analytics/index.ts';
import { CONTENTS, PRODUCTS } from './catalogue.ts';
import { seedDemoMaterials } from './materials.ts';
import { seedDemoMoments } from './moments.ts';
import { seedDemoGroups } from './groups.ts';
import { seedDemoRecords, type DemoRecordsResult } from './record.ts';
import { seedDemoCoupons, type DemoCouponsResult } from './coupons.ts';
import { seedDemoSchedule, type DemoScheduleResult } from './schedule.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface DemoOperationsResult {
  journeys: Record<string, number>;
  sops: { name: string; enrolled: number; tasks: number }[];
  /** The day-one SOP tasks, spread over the staff's working hours: when the first and last are due. */
  workday: { tasks: number; from: string | null; to: string | null };
  /** SOP steps scheduled for a crowd at one minute, spread over the rest of that working day. */
  spreadSteps: number;
  rules: number;
  /** The staff's past two months of tasks, sends and refusals (the operations board's history). */
  history: WorkHistoryResult;
  /** Items added to the material library. */
  materials: number;
  /** Moments posts: published ones behind the demo's likes and comments, and the next days planned. */
  moments: { past: number; planned: number };
  /** Customer groups recorded from the demo's join and leave events. */
  groups: number;
  /** Remarks, regions, birthdays, custom fields and follow-ups. */
  records: DemoRecordsResult;
  coupons: DemoCouponsResult;
  /** Scheduled mass messages: upcoming, one cancelled, one sent yesterday. */
  schedule: DemoScheduleResult;
  skipped: string[];
}

/**
 * The examples speak of 商品A; the demo shop sells fruit and its product-interest journey
 * is named after its best-known interests (the 兴趣 tags). The examples are read with the
 * first of those in 商品A's place, so the seed chain article → interest tag → stage →
 * coupon task runs in the demo too.
 */
async function jsonFiles(dir: string, productA: string | undefined): Promise<{ file: string; content: unknown }[]> {
  const names = (await readdir(EXAMPLES + dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(names.map(async (f) => {
    let text = await readFile(`${EXAMPLES}${dir}/${f}`, 'utf8');
    if (productA) text = text.replaceAll('商品A', productA);
    return { file: `${dir}/${f}`, content: JSON.parse(text) as unknown };
  }));
}

export async function seedDemoOperations(db: Db, workspaceId: string, now: number): Promise<DemoOperationsResult> {
  const at = new Date(now);
  const result: DemoOperationsResult = {
    journeys: await seedDemoJourneys(db, workspaceId, at), sops: [], workday: { tasks: 0, from: null, to: null }, spreadSteps: 0, rules: 0, history: { tasks: 0, touches: 0, massMessages: 0 },
    materials: 0, moments: { past: 0, planned: 0 }, groups: 0,
    records: { records: 0, birthdaysThisWeek: 0, followups: 0, followupTasks: 0, fields: 0 },
    coupons: { defined: 0, issued: 0, redeemed: 0, lapsed: 0, reminders: 0 }, 
    schedule: { scheduled: 0, sent: 0, cancelled: 0, memberDays: 0, calendarRules: 0 }, skipped: [],
  };
  const interest = (await listJourneys(db, workspaceId)).find((j) => j.templateKey === 'product_interest');
  const productA = interest?.stages[0]?.name;
  for (const { file, content } of await jsonFiles('sops', productA)) {
    try {
      const { sop } = await saveSop(db, workspaceId, { ...(content as object), enabled: false }, DEMO_ACTOR, at);
      const r = await setSopEnabled(db, workspaceId, sop.sopId, true, DEMO_ACTOR, { now: at, enrollCurrent: true });
      result.sops.push({ name: sop.name, enrolled: r.enrollment?.enrolled ?? 0, tasks: r.enrollment?.delivered.created ?? 0 });
    } catch (err) {
      // The demo renames the product-interest stages after its own catalogue: an example
      // written for another stage is left out, and said so.
      if (!(err instanceof SiyuError)) throw err;
      result.skipped.push(`${file}: ${err.message}`);
    }
  }
  result.records = await seedDemoRecords(db, workspaceId, now);
  result.coupons = await seedDemoCoupons(db, workspaceId, now);
  result.workday = await spreadDayOne(db, workspaceId, at);
  result.spreadSteps = await spreadScheduledCrowds(db, workspaceId, at);
  for (const { file, content } of await jsonFiles('rules', productA)) {
    try {
      result.rules += (await importRules(db, workspaceId, content, DEMO_ACTOR)).length;
    } catch (err) {
      if (!(err instanceof SiyuError)) throw err;
      result.skipped.push(`${file}: ${err.message}`);
    }
  }
  result.history = await seedWorkHistory(db, workspaceId, now);
  // The shop's articles and videos in the content list, so the content board reads titles.
  await saveContentItems(db, workspaceId, CONTENTS.map((c) => ({
    contentId: c.contentId, title: c.title, type: c.contentId.startsWith('vid-') ? 'video' : 'article', productIds: c.products.map((k) => PRODUCTS[k].productId),
  })), DEMO_ACTOR);
  result.materials = await seedDemoMaterials(db, workspaceId, at);
  result.groups = await seedDemoGroups(db, workspaceId, at);
  result.moments = await seedDemoMoments(db, workspaceId, at, (await requireWorkspace(db, workspaceId)).timeZone);
  result.schedule = await seedDemoSchedule(db, workspaceId, at);
  return result;
}

/**
 * Switching the SOPs on for everyone already in their stages makes their first steps due at
 * once (about 1,500 for the default demo): planned over each staff member's working day
 * instead, as a team lead would hand them out.
 */
async function spreadDayOne(db: Db, ws: string, at: Date): Promise<DemoOperationsResult['workday']> {
  const { timeZone } = await requireWorkspace(db, ws);
  const tasks = await db.query<{ task_id: number; staff_id: string | null }>(
    `SELECT task_id, staff_id FROM outreach_tasks
     WHERE workspace_id = $1 AND status = 'pending' AND source_type = 'sop' AND created_at = $2::timestamptz AND due_at <= $2::timestamptz + interval '1 minute'
     ORDER BY task_id`,
    [ws, at.toISOString()],
  );
  const plan = spreadOverWorkday(tasks.map((t) => ({ taskId: Number(t.task_id), staffId: t.staff_id })), at.getTime(), timeZone);
  await db.transaction((tx) => rescheduleTasks(tx, ws, plan, at));
  const times = plan.map((p) => p.dueAt.getTime());
  return {
    tasks: plan.length,
    from: times.length ? new Date(Math.min(...times)).toISOString() : null,
    to: times.length ? new Date(Math.max(...times)).toISOString() : null,
  };
}

/** The steps the SOPs scheduled at switch-on, crowds at one minute per step, spread (see spreadCrowds). */
async function spreadScheduledCrowds(db: Db, ws: string, at: Date): Promise<number> {
  const { timeZone } = await requireWorkspace(db, ws);
  const rows = await db.query<{ customer_id: number; sop_id: number; step_key: string; round: number; due_at: Date; window_end: string | null; staff_id: string | null }>(
    `SELECT d.customer_id, d.sop_id, d.step_key, d.round, d.due_at, st.step -> 'window' ->> 'end' AS window_end,
            COALESCE(c.owner_staff, a.added_by_staff) AS staff_id
     FROM sop_deliveries d
     JOIN sops s ON s.workspace_id = d.workspace_id AND s.sop_id = d.sop_id
     LEFT JOIN LATERAL (SELECT x AS step FROM jsonb_array_elements(s.definition -> 'steps') x WHERE x ->> 'key' = d.step_key LIMIT 1) st ON true
     JOIN customers c ON c.workspace_id = d.workspace_id AND c.customer_id = d.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = d.workspace_id AND a.customer_id = d.customer_id
     WHERE d.workspace_id = $1 AND d.status = 'scheduled' AND d.created_at = $2::timestamptz
     ORDER BY d.due_at, d.customer_id, d.sop_id, d.step_key`,
    [ws, at.toISOString()],
  );
  const key = (r: (typeof rows)[number]) => `${r.customer_id}|${r.sop_id}|${r.step_key}|${r.round}`;
  const plan = spreadCrowds(rows.map((r) => ({
    key: key(r), staffId: r.staff_id, dueAt: r.due_at.getTime(), windowEnd: r.window_end ?? undefined,
  })), timeZone);
  const byKey = new Map(rows.map((r) => [key(r), r]));
  const moved = plan.filter((p) => byKey.get(p.key)!.due_at.getTime() !== p.dueAt.getTime());
  if (moved.length === 0) return 0;
  const r = moved.map((p) => byKey.get(p.key)!);
  await db.query(
    `UPDATE sop_deliveries d SET due_at = m.due
     FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::timestamptz[]) AS m(customer_id, sop_id, step_key, round, due)
     WHERE d.workspace_id = $1 AND d.customer_id = m.customer_id AND d.sop_id = m.sop_id AND d.step_key = m.step_key AND d.round = m.round
       AND d.status = 'scheduled'`,
    [ws, r.map((x) => x.customer_id), r.map((x) => x.sop_id), r.map((x) => x.step_key), r.map((x) => x.round), moved.map((p) => p.dueAt.toISOString())],
  );
  return moved.length;
}
