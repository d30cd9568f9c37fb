/**
 * Coupons in the store. Issuing records the coupon under its exactly-once key, writes the
 * coupon.issued event through intake (so the aggregates, rules and timeline see it) and
 * plans the expiry reminder as a task, all in one transaction. Redemption comes from a
 * coupon.redeemed event or an order carrying the coupon id; processCoupons also issues the
 * coupons of sent tasks (an SOP step or a rule's task with a couponId) and lets lapsed ones expire.
 */
import { audit, visibleCustomerId, type Actor } from '../customers/index.ts';
import { ingestInTransaction } from '../events/index.ts';
import { cancelTasks, createTasks } from '../outreach/index.ts';
import { formatFen } from '../shared/money.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { checkCoupon, expiresAt, reminderAt, type CouponDefinition, type CouponInput, type IssueSource } from './values.ts';

export interface Coupon extends Omit<CouponDefinition, 'valueFen' | 'minSpendFen'> {
  value: string;
  minSpend: string;
  active: boolean;
  issued: number;
  redeemed: number;
}

export interface CouponIssue {
  issueId: string;
  couponId: string;
  couponName: string;
  value: string;
  customerId: number;
  staffId: string | null;
  source: { type: IssueSource; id: string };
  issuedAt: string;
  expiresAt: string;
  status: 'issued' | 'redeemed' | 'expired';
  redeemedAt: string | null;
  orderId: string | null;
  reminderTaskId: number | null;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export async function listCoupons(db: Queryable, ws: string): Promise<Coupon[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.*, (SELECT count(*)::int FROM coupon_issues i WHERE i.workspace_id = d.workspace_id AND i.coupon_id = d.coupon_id) AS issued,
            (SELECT count(*)::int FROM coupon_issues i WHERE i.workspace_id = d.workspace_id AND i.coupon_id = d.coupon_id AND i.status = 'redeemed') AS redeemed
     FROM coupon_definitions d WHERE d.workspace_id = $1 ORDER BY d.created_at, d.coupon_id`, [ws]);
  return rows.map((r) => ({
    couponId: r.coupon_id as string, name: r.name as string, value: formatFen(Number(r.value_fen)), minSpend: formatFen(Number(r.min_spend_fen)),
    validDays: r.valid_days as number, remindDays: r.remind_days as number | null, active: r.active as boolean,
    issued: r.issued as number, redeemed: r.redeemed as number,
  }));
}

export async function defineCoupon(db: Db, ws: string, input: CouponInput & { active?: boolean | undefined }, actor: Actor): Promise<Coupon> {
  const c = checkCoupon(input);
  if (!c.ok) throw new SiyuError('validation_failed', c.reason);
  await requireWorkspace(db, ws);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO coupon_definitions (workspace_id, coupon_id, name, value_fen, min_spend_fen, valid_days, remind_days, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (workspace_id, coupon_id) DO UPDATE SET name = excluded.name, value_fen = excluded.value_fen, min_spend_fen = excluded.min_spend_fen,
         valid_days = excluded.valid_days, remind_days = excluded.remind_days, active = excluded.active`,
      [ws, c.value.couponId, c.value.name, c.value.valueFen, c.value.minSpendFen, c.value.validDays, c.value.remindDays, input.active ?? true]);
    await audit(tx, ws, actor, 'coupon.defined', null, c.value);
  });
  return (await listCoupons(db, ws)).find((x) => x.couponId === c.value.couponId)!;
}

/** The customer block of an event about a customer Siyu already knows: one of their identities. */
async function customerBlock(tx: Queryable, ws: string, customerId: number): Promise<Record<string, unknown> | undefined> {
  const [i] = await tx.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM customer_identities WHERE workspace_id = $1 AND customer_id = $2
     ORDER BY array_position(ARRAY['external_user_id', 'union_id', 'phone', 'buyer_id'], kind), value LIMIT 1`, [ws, customerId]);
  if (!i) return undefined;
  if (i.kind === 'external_user_id') return { externalUserId: i.value };
  if (i.kind === 'union_id') return { unionId: i.value };
  if (i.kind === 'phone') return { phone: i.value };
  const at = i.value.indexOf(':');
  return { platformIds: { [i.value.slice(0, at)]: i.value.slice(at + 1) } };
}

export interface IssueInput {
  couponId: string;
  customerId: number;
  source: { type: IssueSource; id: string };
  /** The exactly-once key; default: source type, source id, customer and coupon. */
  issueId?: string | undefined;
  staffId?: string | null | undefined;
}

/** Issue within the caller's transaction. Returns the issue and whether it was new. */
export async function issueCouponIn(tx: Queryable, ws: string, input: IssueInput, now: number, actor: Actor): Promise<{ issue: CouponIssue; created: boolean }> {
  const issueId = input.issueId ?? `${input.source.type}:${input.source.id}:${input.customerId}:${input.couponId}`;
  const [def] = await tx.query<{ name: string; value_fen: number; valid_days: number; remind_days: number | null; active: boolean }>(
    `SELECT name, value_fen, valid_days, remind_days, active FROM coupon_definitions WHERE workspace_id = $1 AND coupon_id = $2`, [ws, input.couponId]);
  if (!def) throw new SiyuError('not_found', `coupon "${input.couponId}" is not defined in workspace "${ws}"`);
  const existing = await getIssue(tx, ws, issueId);
  if (existing) return { issue: existing, created: false };
  if (!def.active) throw new SiyuError('conflict', `coupon "${input.couponId}" is switched off`);
  const { timeZone } = await requireWorkspace(tx, ws);
  const expires = expiresAt(now, def.valid_days, timeZone);
  const inserted = await tx.query(
    `INSERT INTO coupon_issues (workspace_id, issue_id, coupon_id, customer_id, staff_id, source_type, source_id, issued_at, expires_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'issued') ON CONFLICT (workspace_id, issue_id) DO NOTHING RETURNING issue_id`,
    [ws, issueId, input.couponId, input.customerId, input.staffId ?? null, input.source.type, input.source.id, new Date(now).toISOString(), new Date(expires).toISOString()]);
  if (inserted.length === 0) return { issue: (await getIssue(tx, ws, issueId))!, created: false };
  const customer = await customerBlock(tx, ws, input.customerId);
  if (customer) {
    const r = await ingestInTransaction(tx, ws, [{
      id: `coupon.issued:${issueId}`, type: 'coupon.issued', occurredAt: new Date(now).toISOString(), customer,
      ...(input.staffId ? { staffId: input.staffId } : {}), data: { couponId: input.couponId, issueId, value: formatFen(Number(def.value_fen)) },
    }], { source: 'coupons', actor, now });
    if (r.rejected.length > 0) throw new SiyuError('conflict', `coupon.issued was refused: ${r.rejected[0]!.reason}`);
  }
  const remind = reminderAt(now, expires, def.remind_days, timeZone);
  if (remind !== undefined) {
    const made = await createTasks(tx, ws, [{
      customerId: input.customerId, ...(input.staffId ? { staffId: input.staffId } : {}), kind: 'care', purpose: 'service', channel: 'private_chat',
      title: `券快到期 / Coupon lapsing: ${def.name}`,
      content: `您的「${def.name}」（¥${formatFen(Number(def.value_fen))}）将于 ${new Date(expires - 1).toLocaleDateString('zh-CN', { timeZone })} 到期，别忘了使用哦～`,
      couponId: input.couponId, dueAt: new Date(remind), dedupeKey: `coupon-reminder:${issueId}`, source: { type: 'api', id: `coupon:${issueId}` },
    }], new Date(now));
    const task = made.created[0];
    if (task) await tx.query(`UPDATE coupon_issues SET reminder_task_id = $3 WHERE workspace_id = $1 AND issue_id = $2`, [ws, issueId, task.taskId]);
  }
  await audit(tx, ws, actor, 'coupon.issued', input.customerId, { issueId, couponId: input.couponId, source: input.source });
  return { issue: (await getIssue(tx, ws, issueId))!, created: true };
}

export async function issueCoupon(
  db: Db, ws: string, input: IssueInput, opts: { now: number; actor: Actor; scope?: CustomerScope },
): Promise<{ issue: CouponIssue; created: boolean }> {
  const customerId = await visibleCustomerId(db, ws, input.customerId, opts.scope ?? ALL_CUSTOMERS);
  return db.transaction((tx) => issueCouponIn(tx, ws, { ...input, customerId }, opts.now, opts.actor));
}

const ISSUE_SELECT = `SELECT i.*, d.name AS coupon_name, d.value_fen FROM coupon_issues i
  JOIN coupon_definitions d ON d.workspace_id = i.workspace_id AND d.coupon_id = i.coupon_id`;

function toIssue(r: Record<string, unknown>): CouponIssue {
  return {
    issueId: r.issue_id as string, couponId: r.coupon_id as string, couponName: r.coupon_name as string, value: formatFen(Number(r.value_fen)),
    customerId: Number(r.customer_id), staffId: r.staff_id as string | null, source: { type: r.source_type as IssueSource, id: r.source_id as string },
    issuedAt: iso(r.issued_at)!, expiresAt: iso(r.expires_at)!, status: r.status as CouponIssue['status'], redeemedAt: iso(r.redeemed_at),
    orderId: r.order_id as string | null, reminderTaskId: r.reminder_task_id == null ? null : Number(r.reminder_task_id),
  };
}

async function getIssue(q: Queryable, ws: string, issueId: string): Promise<CouponIssue | undefined> {
  const [r] = await q.query<Record<string, unknown>>(`${ISSUE_SELECT} WHERE i.workspace_id = $1 AND i.issue_id = $2`, [ws, issueId]);
  return r ? toIssue(r) : undefined;
}

export async function customerCoupons(db: Queryable, ws: string, requestedId: number, scope: CustomerScope = ALL_CUSTOMERS): Promise<CouponIssue[]> {
  const id = await visibleCustomerId(db, ws, requestedId, scope);
  const rows = await db.query<Record<string, unknown>>(`${ISSUE_SELECT} WHERE i.workspace_id = $1 AND i.customer_id = $2 ORDER BY i.issued_at DESC`, [ws, id]);
  return rows.map(toIssue);
}

export interface CouponPass { issuedFromTasks: number; redeemed: number; expired: number; remindersCancelled: number }

/**
 * One pass, each step its own transaction and safe to repeat: coupons of sent tasks issued
 * (key task:<id>), redemptions read from coupon.redeemed events and orders carrying a coupon
 * id (by issue id, else the customer's oldest open coupon of that id), lapsed coupons expired;
 * a redeemed or lapsed coupon's pending reminder is cancelled.
 */
export async function processCoupons(db: Db, ws: string, now: number): Promise<CouponPass> {
  const pass: CouponPass = { issuedFromTasks: 0, redeemed: 0, expired: 0, remindersCancelled: 0 };
  const sent = await db.query<{ task_id: number; customer_id: number; coupon_id: string; staff_id: string | null; source_type: string; source_id: string; done_at: Date }>(
    `SELECT t.task_id, t.customer_id, t.coupon_id, t.staff_id, t.source_type, t.source_id, t.done_at FROM outreach_tasks t
     JOIN coupon_definitions d ON d.workspace_id = t.workspace_id AND d.coupon_id = t.coupon_id
     WHERE t.workspace_id = $1 AND t.status = 'sent' AND t.customer_id IS NOT NULL AND t.dedupe_key NOT LIKE 'coupon-reminder:%'
       AND NOT EXISTS (SELECT 1 FROM coupon_issues i WHERE i.workspace_id = t.workspace_id AND i.issue_id = 'task:' || t.task_id)
     ORDER BY t.task_id LIMIT 1000`, [ws]);
  for (const t of sent) {
    const source: IssueSource = t.source_type === 'sop' ? 'sop' : t.source_type === 'rule' ? 'rule' : 'task';
    const r = await db.transaction((tx) => issueCouponIn(tx, ws, {
      couponId: t.coupon_id, customerId: Number(t.customer_id), staffId: t.staff_id, issueId: `task:${t.task_id}`,
      source: { type: source, id: source === 'task' ? String(t.task_id) : `${t.source_id}#task${t.task_id}` },
    }, Math.min(now, new Date(t.done_at).getTime()), { kind: 'system', id: 'coupons' }));
    if (r.created) pass.issuedFromTasks++;
  }
  await db.transaction(async (tx) => {
    // Oldest open coupon first: the one a customer would use before it lapses.
    const hits = await tx.query<{ issue_id: string }>(
      `WITH ev AS (
         SELECT DISTINCT e.event_id, e.customer_id, e.occurred_at, e.data->>'issueId' AS issue_id, e.data->>'couponId' AS coupon_id, e.data->>'orderId' AS order_id
         FROM coupon_issues o JOIN events e ON e.workspace_id = o.workspace_id AND e.customer_id = o.customer_id
         WHERE o.workspace_id = $1 AND o.status = 'issued' AND e.type IN ('coupon.redeemed', 'order.paid')
           AND e.occurred_at >= o.issued_at AND e.occurred_at < o.expires_at AND (e.data ? 'couponId' OR e.data ? 'issueId')
           AND NOT EXISTS (SELECT 1 FROM coupon_issues r WHERE r.workspace_id = $1 AND r.redeemed_by = e.event_id)),
       pick AS (
         SELECT DISTINCT ON (ev.event_id) ev.event_id, o.issue_id, ev.occurred_at, ev.order_id
         FROM ev JOIN coupon_issues o ON o.workspace_id = $1 AND o.customer_id = ev.customer_id AND o.status = 'issued'
           AND ev.occurred_at >= o.issued_at AND ev.occurred_at < o.expires_at
           AND (o.issue_id = ev.issue_id OR (ev.issue_id IS NULL AND o.coupon_id = ev.coupon_id))
         ORDER BY ev.event_id, o.expires_at, o.issue_id),
       one AS (SELECT DISTINCT ON (issue_id) * FROM pick ORDER BY issue_id, occurred_at, event_id)
       UPDATE coupon_issues c SET status = 'redeemed', redeemed_at = p.occurred_at, order_id = p.order_id, redeemed_by = p.event_id
       FROM one p WHERE c.workspace_id = $1 AND c.issue_id = p.issue_id AND c.status = 'issued'
       RETURNING c.issue_id`, [ws]);
    pass.redeemed = hits.length;
    const expired = await tx.query<{ issue_id: string }>(
      `UPDATE coupon_issues SET status = 'expired' WHERE workspace_id = $1 AND status = 'issued' AND expires_at <= $2 RETURNING issue_id`,
      [ws, new Date(now).toISOString()]);
    pass.expired = expired.length;
    const keys = [...hits.map((h) => h.issue_id), ...expired.map((e) => e.issue_id)].map((id) => `coupon-reminder:${id}`);
    if (keys.length > 0) {
      pass.remindersCancelled = (await cancelTasks(tx, ws, { dedupeKeys: keys }, { note: 'coupon redeemed or lapsed', now: new Date(now) })).cancelled;
    }
  });
  return pass;
}

/** Record a redemption told by a person or an integration: written as a coupon.redeemed event and applied. */
export async function redeemCoupon(
  db: Db, ws: string, issueId: string, opts: { now: number; actor: Actor; orderId?: string | undefined; scope?: CustomerScope },
): Promise<CouponIssue> {
  const issue = await getIssue(db, ws, issueId);
  if (!issue) throw new SiyuError('not_found', `coupon issue "${issueId}" does not exist`);
  await visibleCustomerId(db, ws, issue.customerId, opts.scope ?? ALL_CUSTOMERS);
  if (issue.status === 'redeemed') return issue;
  if (issue.status === 'expired' || Date.parse(issue.expiresAt) <= opts.now) throw new SiyuError('conflict', `coupon issue "${issueId}" lapsed on ${issue.expiresAt}`);
  await db.transaction(async (tx) => {
    const customer = await customerBlock(tx, ws, issue.customerId);
    if (!customer) throw new SiyuError('conflict', `customer ${issue.customerId} has no identity to write the event under`);
    await ingestInTransaction(tx, ws, [{
      id: `coupon.redeemed:${issueId}`, type: 'coupon.redeemed', occurredAt: new Date(opts.now).toISOString(), customer,
      data: { couponId: issue.couponId, issueId, ...(opts.orderId ? { orderId: opts.orderId } : {}) },
    }], { source: 'coupons', actor: opts.actor, now: opts.now });
  });
  await processCoupons(db, ws, opts.now);
  return (await getIssue(db, ws, issueId))!;
}
