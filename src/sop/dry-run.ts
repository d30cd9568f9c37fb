/**
 * "What would this SOP do?" before it is switched on: the customers in its stage now, as if
 * they entered now — per step, how many deliveries, how many the contact policy would refuse
 * and why, how many already received the step, and rendered samples. Reads only.
 */
import { decideTouch, getContactPolicy, type PolicyDecision } from '../outreach/index.ts';
import { scopeCondition, ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { parseSopDefinition, type SopDefinition } from './definition.ts';
import { dueTime, renderContent } from './schedule.ts';
import { getSop, resolveStage } from './sops.ts';

const DAY = 86_400_000;
const MAX_MEMBERS = 200_000;

export interface SopDryRun {
  sop: string;
  stage: string;
  /** Customers in the stage now (in the caller's scope). */
  members: number;
  truncated: boolean;
  steps: {
    key: string;
    title: string | null;
    purpose: string;
    channel: string;
    /** When the step would be due for someone entering now. */
    dueAt: string;
    /** Tasks it would create. */
    deliveries: number;
    /** Already received in the current round (an SOP of this name exists): not replayed. */
    alreadyReceived: number;
    suppressed: number;
    suppressedBy: Record<string, number>;
    /** Of the deliveries, how many quiet hours would push later. */
    deferred: number;
  }[];
  samples: { customerId: number; name: string | null; staff: string | null; steps: { key: string; dueAt: string; content: string; decision: string }[] }[];
}

interface Member {
  customer_id: number;
  name: string | null;
  owner_staff: string | null;
  staff_name: string | null;
  trust_level: number | null;
  marketing: number[] | null;
}

/** Dry-run a definition (an SOP file's content) or a stored SOP (its id or name). */
export async function dryRunSop(
  q: Queryable, ws: string, input: unknown, now: Date, opts: { scope?: CustomerScope; samples?: number } = {},
): Promise<SopDryRun> {
  const { timeZone } = await requireWorkspace(q, ws);
  let def: SopDefinition;
  let sopId: number | null = null;
  if (typeof input === 'string' || typeof input === 'number') {
    const sop = await getSop(q, ws, input);
    def = sop.definition;
    sopId = sop.sopId;
  } else {
    def = parseSopDefinition(input);
    sopId = (await getSop(q, ws, def.name).catch(() => null))?.sopId ?? null;
  }
  const stage = await resolveStage(q, ws, def.stage);
  const policy = await getContactPolicy(q, ws);
  const sc = scopeCondition(opts.scope ?? ALL_CUSTOMERS, 'ct', 6);
  const members = await q.query<Member>(
    `SELECT ct.customer_id, coalesce(c.name, a.name) AS name, coalesce(c.owner_staff, a.added_by_staff) AS owner_staff, st.name AS staff_name,
            m.trust_level,
            (SELECT array_agg((extract(epoch FROM t.at) * 1000)::float8) FROM contact_touches t
              WHERE t.workspace_id = $1 AND t.customer_id = ct.customer_id AND t.purpose = 'marketing' AND t.outcome IN ('planned', 'sent')
                AND t.at > $3::timestamptz) AS marketing
     FROM customer_tags ct
     JOIN customers c ON c.workspace_id = ct.workspace_id AND c.customer_id = ct.customer_id AND c.merged_into IS NULL
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     LEFT JOIN staff st ON st.workspace_id = c.workspace_id AND st.staff_id = coalesce(c.owner_staff, a.added_by_staff)
     LEFT JOIN customer_models m ON m.workspace_id = c.workspace_id AND m.customer_id = c.customer_id
     WHERE ct.workspace_id = $1 AND ct.tag_id = $2 AND (ct.expires_at IS NULL OR ct.expires_at > $4::timestamptz) AND ${sc.sql}
     ORDER BY ct.customer_id LIMIT $5::int`,
    [ws, stage.tagId, new Date(now.getTime() - (policy.frequencyCap.windowDays + 2) * DAY).toISOString(), now.toISOString(), MAX_MEMBERS + 1, ...sc.params],
  );
  const truncated = members.length > MAX_MEMBERS;
  if (truncated) members.length = MAX_MEMBERS;
  // Steps already received in each customer's latest round are not replayed.
  const received = new Set<string>();
  if (sopId !== null && members.length > 0) {
    const rows = await q.query<{ customer_id: number; step_key: string }>(
      `SELECT d.customer_id, d.step_key FROM sop_deliveries d
       WHERE d.workspace_id = $1 AND d.sop_id = $2 AND d.customer_id = ANY($3::bigint[]) AND d.status IN ('due', 'suppressed')
         AND d.round = (SELECT max(e.round) FROM sop_enrollments e WHERE e.workspace_id = d.workspace_id AND e.customer_id = d.customer_id AND e.sop_id = d.sop_id)`,
      [ws, sopId, members.map((m) => m.customer_id)],
    );
    for (const r of rows) received.add(`${r.customer_id}:${r.step_key}`);
  }
  const steps: SopDryRun['steps'] = def.steps.map((s) => ({
    key: s.key, title: s.title ?? null, purpose: s.purpose, channel: s.channel, dueAt: new Date(dueTime(now.getTime(), s, timeZone)).toISOString(),
    deliveries: 0, alreadyReceived: 0, suppressed: 0, suppressedBy: {}, deferred: 0,
  }));
  const sampleCount = opts.samples ?? 3;
  const samples: SopDryRun['samples'] = [];
  for (const [n, m] of members.entries()) {
    const marketing = (m.marketing ?? []).map(Number);
    const sample: SopDryRun['samples'][number] | null = n < sampleCount
      ? { customerId: m.customer_id, name: m.name, staff: m.staff_name ?? m.owner_staff, steps: [] } : null;
    def.steps.forEach((step, i) => {
      const out = steps[i]!;
      const at = dueTime(now.getTime(), step, timeZone);
      let decision: PolicyDecision | null = null;
      if (received.has(`${m.customer_id}:${step.key}`)) out.alreadyReceived++;
      else {
        decision = decideTouch(policy, timeZone, { purpose: step.purpose, channel: step.channel, mass: false, at }, {
          trustLevel: m.trust_level === null ? null : Number(m.trust_level), marketingTouches: marketing, massTouches: [],
        });
        if (!decision.allow) {
          out.suppressed++;
          out.suppressedBy[decision.code] = (out.suppressedBy[decision.code] ?? 0) + 1;
        } else {
          out.deliveries++;
          if (decision.deferred) out.deferred++;
          if (step.purpose === 'marketing') marketing.push(decision.at);
        }
      }
      sample?.steps.push({
        key: step.key,
        dueAt: new Date(decision?.at ?? at).toISOString(),
        content: renderContent(step.content, { name: m.name, staff: m.staff_name ?? m.owner_staff, stage: stage.name, coupon: step.couponId }),
        decision: decision === null ? 'already received' : decision.allow ? (decision.deferred ? 'deferred (quiet hours)' : 'task') : `suppressed: ${decision.en}`,
      });
    });
    if (sample) samples.push(sample);
  }
  return { sop: def.name, stage: stage.path, members: members.length, truncated, steps, samples };
}
