/**
 * Scheduled mass messages (定时群发): a mass message with a send time. Until it starts it can
 * be edited or cancelled; at its time whichever server process claims it first (FOR UPDATE
 * SKIP LOCKED) sends it and marks it sent in the same transaction, so a crash rolls the
 * whole send back for the next claim, and two processes never send it twice. The mass
 * message keeps the schedule's id under a unique key: a second mass message for one
 * schedule cannot exist.
 */
import type { AudienceFilter } from '../audiences/index.ts';
import type { Actor } from '../customers/index.ts';
import { checkMassInput, sendMassMessage, sendMassMessageIn, type Channel, type MassMessagePlan, type Purpose } from '../outreach/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import { isConnectionError } from '../store/unavailable.ts';

export const SCHEDULE_STATUSES = ['scheduled', 'sent', 'cancelled', 'failed'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export interface ScheduledSend {
  scheduleId: number;
  title: string;
  content: string;
  contentKey: string | null;
  purpose: Purpose;
  channel: Channel;
  audience: { filter: AudienceFilter } | { segment: string | number };
  staffId: string | null;
  sendAt: string;
  status: ScheduleStatus;
  massMessageId: number | null;
  error: string | null;
  createdBy: { kind: string; id: string | null };
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
}

export interface ScheduleInput {
  filter?: AudienceFilter | undefined;
  segment?: string | number | undefined;
  title?: string | undefined;
  content: string;
  contentKey?: string | undefined;
  purpose: Purpose;
  channel: Channel;
  sendAt: Date;
}

export type ScheduleChange = Partial<ScheduleInput>;

export interface ScheduleEstimate { audience: number; recipients: number; suppressed: number; alreadyReceived: number }

const iso = (v: unknown) => new Date(v as string).toISOString();
const sendOf = (r: Record<string, unknown>): ScheduledSend => ({
  scheduleId: Number(r.schedule_id), title: r.title as string, content: r.content as string, contentKey: (r.content_key as string | null) ?? null,
  purpose: r.purpose as Purpose, channel: r.channel as Channel, audience: r.audience as ScheduledSend['audience'], staffId: (r.staff_id as string | null) ?? null,
  sendAt: iso(r.send_at), status: r.status as ScheduleStatus, massMessageId: r.mass_message_id === null ? null : Number(r.mass_message_id),
  error: (r.error as string | null) ?? null, createdBy: { kind: r.actor_kind as string, id: (r.actor_id as string | null) ?? null },
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at), startedAt: r.started_at ? iso(r.started_at) : null,
});

const staffOf = (scope: CustomerScope) => (scope.kind === 'staff' ? scope.staffId : null);

function checkSendAt(sendAt: Date, now: Date): void {
  if (!(sendAt instanceof Date) || Number.isNaN(sendAt.getTime())) throw new SiyuError('validation_failed', 'sendAt: must be a date-time', { field: 'sendAt' });
  if (sendAt.getTime() <= now.getTime()) {
    throw new SiyuError('validation_failed', `sendAt: ${sendAt.toISOString()} is not in the future; to send now, send the mass message without a time`, { field: 'sendAt' });
  }
  if (sendAt.getTime() > now.getTime() + 366 * 86_400_000) throw new SiyuError('validation_failed', 'sendAt: at most a year ahead', { field: 'sendAt' });
}

/**
 * The audience and content are checked by a dry run now (an unknown segment or a bad filter
 * is named at once, not at send time); its counts are the estimate shown with the schedule.
 */
async function estimate(db: Db, ws: string, input: ScheduleInput, scope: CustomerScope, actor: Actor, now: Date): Promise<ScheduleEstimate> {
  const p: MassMessagePlan = await sendMassMessage(db, ws, { ...input, dryRun: true, actor, scope, now });
  return { audience: p.audience, recipients: p.recipients, suppressed: p.suppressed.total, alreadyReceived: p.excluded.alreadyReceived };
}

export async function scheduleMassMessage(
  db: Db, ws: string, input: ScheduleInput, ctx: { actor: Actor; scope: CustomerScope; now: Date },
): Promise<ScheduledSend & { estimate: ScheduleEstimate }> {
  checkSendAt(input.sendAt, ctx.now);
  checkMassInput({ ...input, now: ctx.now });
  const est = await estimate(db, ws, input, ctx.scope, ctx.actor, ctx.now);
  const title = input.title?.trim() || input.content.trim().slice(0, 30);
  const [row] = await db.query<Record<string, unknown>>(
    `INSERT INTO scheduled_sends (workspace_id, title, content, content_key, purpose, channel, audience, scope, staff_id, send_at, actor_kind, actor_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10::timestamptz, $11, $12, $13::timestamptz, $13::timestamptz) RETURNING *`,
    [ws, title, input.content, input.contentKey?.trim() || null, input.purpose, input.channel,
      JSON.stringify(input.filter ? { filter: input.filter } : { segment: input.segment }), JSON.stringify(ctx.scope), staffOf(ctx.scope),
      input.sendAt.toISOString(), ctx.actor.kind, ctx.actor.id ?? null, ctx.now.toISOString()],
  );
  return { ...sendOf(row!), estimate: est };
}

export interface ListSchedulesOptions {
  scope: CustomerScope;
  status?: ScheduleStatus | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number | undefined;
}

/** Scheduled sends by send time; a staff member sees the ones they scheduled. */
export async function listScheduledSends(q: Queryable, ws: string, opts: ListSchedulesOptions): Promise<ScheduledSend[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT * FROM scheduled_sends WHERE workspace_id = $1 AND ($2::text IS NULL OR staff_id = $2::text) AND ($3::text IS NULL OR status = $3::text)
       AND ($4::timestamptz IS NULL OR send_at >= $4::timestamptz) AND ($5::timestamptz IS NULL OR send_at < $5::timestamptz)
     ORDER BY send_at, schedule_id LIMIT $6::int`,
    [ws, staffOf(opts.scope), opts.status ?? null, opts.from?.toISOString() ?? null, opts.to?.toISOString() ?? null, Math.min(Math.max(opts.limit ?? 100, 1), 1000)],
  );
  return rows.map(sendOf);
}

export async function getScheduledSend(q: Queryable, ws: string, id: number, scope: CustomerScope): Promise<ScheduledSend> {
  const [row] = await q.query<Record<string, unknown>>(
    `SELECT * FROM scheduled_sends WHERE workspace_id = $1 AND schedule_id = $2::bigint AND ($3::text IS NULL OR staff_id = $3::text)`,
    [ws, id, staffOf(scope)],
  );
  if (!row) throw new SiyuError('not_found', `scheduled send ${id} does not exist`);
  return sendOf(row);
}

/**
 * Lock a schedule that has not started, for a change. A schedule being sent right now is
 * locked by its sender: NOWAIT answers at once instead of waiting out the send.
 */
async function lockScheduled(tx: Queryable, ws: string, id: number, scope: CustomerScope): Promise<ScheduledSend> {
  let rows: Record<string, unknown>[];
  try {
    rows = await tx.query<Record<string, unknown>>(
      `SELECT * FROM scheduled_sends WHERE workspace_id = $1 AND schedule_id = $2::bigint AND ($3::text IS NULL OR staff_id = $3::text) FOR UPDATE NOWAIT`,
      [ws, id, staffOf(scope)],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '55P03') throw new SiyuError('conflict', `scheduled send ${id} is being sent right now; it can no longer be changed`);
    throw err;
  }
  if (!rows[0]) throw new SiyuError('not_found', `scheduled send ${id} does not exist`);
  const s = sendOf(rows[0]);
  if (s.status !== 'scheduled') throw new SiyuError('conflict', `scheduled send ${id} is ${s.status}; only a send that has not started can be changed`);
  return s;
}

export async function updateScheduledSend(
  db: Db, ws: string, id: number, change: ScheduleChange, ctx: { actor: Actor; scope: CustomerScope; now: Date },
): Promise<ScheduledSend & { estimate: ScheduleEstimate }> {
  const current = await getScheduledSend(db, ws, id, ctx.scope);
  const audience = change.filter !== undefined ? { filter: change.filter } : change.segment !== undefined ? { segment: change.segment } : current.audience;
  const next: ScheduleInput = {
    ...audience, title: change.title ?? current.title, content: change.content ?? current.content,
    contentKey: change.contentKey ?? current.contentKey ?? undefined, purpose: change.purpose ?? current.purpose, channel: change.channel ?? current.channel,
    sendAt: change.sendAt ?? new Date(current.sendAt),
  };
  if (change.filter !== undefined && change.segment !== undefined) throw new SiyuError('validation_failed', 'filter: give either a filter or a segment (one of them)', { field: 'filter' });
  if (change.sendAt !== undefined) checkSendAt(change.sendAt, ctx.now);
  checkMassInput({ ...next, now: ctx.now });
  const est = await estimate(db, ws, next, ctx.scope, ctx.actor, ctx.now);
  const row = await db.transaction(async (tx) => {
    await lockScheduled(tx, ws, id, ctx.scope);
    const [r] = await tx.query<Record<string, unknown>>(
      `UPDATE scheduled_sends SET title = $3, content = $4, content_key = $5, purpose = $6, channel = $7, audience = $8::jsonb, send_at = $9::timestamptz, updated_at = $10::timestamptz
       WHERE workspace_id = $1 AND schedule_id = $2::bigint RETURNING *`,
      [ws, id, next.title!.trim() || next.content.trim().slice(0, 30), next.content, next.contentKey?.trim() || null, next.purpose, next.channel,
        JSON.stringify('filter' in audience && audience.filter ? { filter: audience.filter } : { segment: (audience as { segment: string | number }).segment }),
        next.sendAt.toISOString(), ctx.now.toISOString()],
    );
    return r!;
  });
  return { ...sendOf(row), estimate: est };
}

export async function cancelScheduledSend(db: Db, ws: string, id: number, ctx: { actor: Actor; scope: CustomerScope; now: Date; reason?: string | undefined }): Promise<ScheduledSend> {
  return db.transaction(async (tx) => {
    await lockScheduled(tx, ws, id, ctx.scope);
    const [r] = await tx.query<Record<string, unknown>>(
      `UPDATE scheduled_sends SET status = 'cancelled', updated_at = $3::timestamptz, error = $4 WHERE workspace_id = $1 AND schedule_id = $2::bigint RETURNING *`,
      [ws, id, ctx.now.toISOString(), `cancelled by ${ctx.actor.kind}${ctx.actor.id ? ` ${ctx.actor.id}` : ''}${ctx.reason?.trim() ? `: ${ctx.reason.trim()}` : ''}`],
    );
    return sendOf(r!);
  });
}

export interface RunSchedulesResult { sent: number; failed: number; massMessageIds: number[] }

/**
 * Send what is due, one schedule per transaction: claim (SKIP LOCKED: another process's
 * claim is passed over), send as the one who scheduled it, mark sent. A send that cannot be
 * made (its segment was deleted since) is marked failed with the reason; a lost database
 * connection leaves it scheduled for the next pass.
 */
export async function runDueSends(db: Db, opts: { now: number; limit?: number }): Promise<RunSchedulesResult> {
  const result: RunSchedulesResult = { sent: 0, failed: 0, massMessageIds: [] };
  for (let i = 0; i < (opts.limit ?? 20); i++) {
    let claimed: { ws: string; id: number } | null = null;
    try {
      const done = await db.transaction(async (tx) => {
        const [row] = await tx.query<Record<string, unknown>>(
          `SELECT * FROM scheduled_sends WHERE status = 'scheduled' AND send_at <= $1::timestamptz
           ORDER BY send_at, workspace_id, schedule_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [new Date(opts.now).toISOString()],
        );
        if (!row) return null;
        const s = sendOf(row);
        claimed = { ws: row.workspace_id as string, id: s.scheduleId };
        const plan = await sendMassMessageIn(tx, claimed.ws, {
          ...s.audience, title: s.title, content: s.content, contentKey: s.contentKey ?? undefined, purpose: s.purpose, channel: s.channel,
          dryRun: false, actor: { kind: s.createdBy.kind, id: s.createdBy.id } as Actor, scope: row.scope as CustomerScope, now: new Date(opts.now), scheduleId: s.scheduleId,
        });
        await tx.query(
          `UPDATE scheduled_sends SET status = 'sent', mass_message_id = $3::bigint, started_at = $4::timestamptz, updated_at = $4::timestamptz
           WHERE workspace_id = $1 AND schedule_id = $2::bigint`,
          [claimed.ws, s.scheduleId, plan.massMessageId, new Date(opts.now).toISOString()],
        );
        return plan.massMessageId!;
      });
      if (done === null) break;
      result.sent++;
      result.massMessageIds.push(done);
    } catch (err) {
      const c = claimed as { ws: string; id: number } | null;
      if (!c || isConnectionError(err) || !(err instanceof SiyuError)) throw err;
      await db.query(
        `UPDATE scheduled_sends SET status = 'failed', error = $3, updated_at = $4::timestamptz WHERE workspace_id = $1 AND schedule_id = $2::bigint AND status = 'scheduled'`,
        [c.ws, c.id, err.message, new Date(opts.now).toISOString()],
      );
      result.failed++;
    }
  }
  return result;
}
