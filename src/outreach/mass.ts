/**
 * Mass messages (群发, DESIGN §2.6): an audience (filter or saved segment, within the
 * caller's scope) minus those who already got the same content, each recipient judged by the
 * contact policy, the rest split into one "一键发送" task per staff member.
 *
 * Scale: the audience is walked in keyset pages of ids; each page is one query that brings
 * the ledger state along (correlated index probes), the pure policy decides in memory, and
 * each page is written with one INSERT … SELECT FROM unnest(arrays) per table. A million
 * recipients are a few hundred statements, never a round trip per customer.
 */
import { createHash } from 'node:crypto';
import { audienceWhere, type AudienceFilter } from '../audiences/index.ts';
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { type CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { stateOf, touchWindow, type StateRow } from './ledger.ts';
import { decideTouch, quietHoursEnd, SUPPRESS_LABELS, type Channel, type Purpose, type SuppressCode } from './policy.ts';
import { getContactPolicy } from './policy-config.ts';
import { createTasks } from './tasks.ts';

export interface MassMessageInput {
  filter?: AudienceFilter | undefined;
  segment?: string | number | undefined;
  title?: string | undefined;
  /** May use {name} (the customer) and {staff} (the sending staff member). */
  content: string;
  /** Library items sent with the words ({kind: 'material', ref: material id}). */
  attachments?: { kind: string; ref: string }[] | undefined;
  /** "Same content" across messages; default: a hash of the normalised content (and attachments). */
  contentKey?: string | undefined;
  purpose: Purpose;
  channel: Channel;
  dryRun: boolean;
  actor: Actor;
  scope: CustomerScope;
  now: Date;
  /** The scheduled send this mass message carries out (at most one mass message each). */
  scheduleId?: number | undefined;
}

export interface SuppressedGroup {
  code: SuppressCode;
  zh: string;
  en: string;
  count: number;
  samples: { customerId: number; name: string }[];
}

export interface MassMessagePlan {
  massMessageId: number | null;
  dryRun: boolean;
  contentKey: string;
  /** When the tasks are due: now, or the end of quiet hours. */
  dueAt: string;
  deferred: boolean;
  audience: number;
  excluded: { alreadyReceived: number; noStaff: number };
  suppressed: { total: number; byReason: SuppressedGroup[] };
  recipients: number;
  perStaff: { staffId: string; staffName: string | null; recipients: number; taskId: number | null }[];
  seconds: number;
}

const PAGE = 20_000;
const SAMPLES = 5;

/** The same words in another spacing or width are the same content. */
export function contentKeyOf(content: string): string {
  const normal = content.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return `sha256:${createHash('sha256').update(normal).digest('hex').slice(0, 32)}`;
}

/** 王芳 → 王*, for samples shown to people who may not see the list. */
export function maskName(name: string | null): string {
  if (!name) return '(无名)';
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export function render(content: string, vars: { name?: string | null; staff?: string | null }): string {
  return content.replaceAll('{name}', vars.name || '亲').replaceAll('{staff}', vars.staff || '');
}

/** The input's own checks (audience given once, content, purpose, channel); throws naming the field. */
export function checkMassInput(input: Omit<MassMessageInput, 'actor' | 'scope' | 'dryRun'>): AudienceFilter {
  const bad = (field: string, why: string) => { throw new SiyuError('validation_failed', `${field}: ${why}`, { field }); };
  if ((input.filter === undefined) === (input.segment === undefined)) bad('filter', 'give either a filter or a segment (one of them)');
  if (typeof input.content !== 'string' || input.content.trim() === '') bad('content', 'must not be empty');
  if (input.content.length > 4000) bad('content', 'must be at most 4000 characters');
  if (input.purpose !== 'marketing' && input.purpose !== 'service') bad('purpose', 'must be marketing or service');
  if (!['private_chat', 'moments', 'group'].includes(input.channel)) bad('channel', 'must be private_chat, moments or group');
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) bad('now', 'must be a date');
  return input.filter ?? { field: 'segment', segment: input.segment! };
}

interface Recipient { customerId: number; staffId: string | null; name: string | null; status: 'pending' | 'suppressed' | 'excluded'; code: string | null; reason: string | null }

/** Plan (dry run) or send a mass message. A dry run writes nothing. */
export async function sendMassMessage(db: Db, ws: string, input: MassMessageInput): Promise<MassMessagePlan> {
  checkMassInput(input);
  return input.dryRun ? sendMassMessageIn(db, ws, input) : db.transaction((tx) => sendMassMessageIn(tx, ws, input));
}

/**
 * The same within the caller's transaction: a scheduled send claims its row, sends and marks
 * it sent in one transaction, so a crash leaves either all of it or none.
 */
export async function sendMassMessageIn(q: Queryable, ws: string, input: MassMessageInput): Promise<MassMessagePlan> {
  const started = performance.now();
  const filter = checkMassInput(input);
  {
    const workspace = await requireWorkspace(q, ws);
    const policy = await getContactPolicy(q, ws);
    const now = input.now.getTime();
    const at = quietHoursEnd(policy, workspace.timeZone, now);
    const attached = (input.attachments ?? []).map((a) => ` [${a.kind}:${a.ref}]`).join('');
    const contentKey = input.contentKey?.trim() || contentKeyOf(input.content + attached);
    const title = input.title?.trim() || input.content.trim().slice(0, 30);
    const where = await audienceWhere(q, ws, filter, input.scope, { now });
    const { since, until } = touchWindow(policy, at, at);
    const base = where.params.length;
    // Pages are ranges of customer ids, not LIMITs: with the range repeated on every table the
    // planner reads each one as a short index range and joins them in one pass (hash or merge),
    // instead of six index probes per customer. Effective owner: the explicit one, else who
    // added the customer, else a follower.
    const lo = `$${base + 4}::bigint`;
    const hi = `$${base + 5}::bigint`;
    const inRange = (alias: string) => `${alias}.customer_id > ${lo} AND ${alias}.customer_id <= ${hi}`;
    const window = `t.at > $${base + 1}::timestamptz AND t.at < $${base + 2}::timestamptz`;
    const sql = `WITH cs AS MATERIALIZED (SELECT c.customer_id, c.name, c.owner_staff FROM customers c WHERE ${where.sql} AND ${inRange('c')}),
      tt AS (SELECT t.customer_id,
          array_agg((extract(epoch FROM t.at) * 1000)::float8) FILTER (WHERE t.purpose = 'marketing' AND ${window}) AS marketing_touches,
          array_agg((extract(epoch FROM t.at) * 1000)::float8) FILTER (WHERE t.mass AND t.channel = 'private_chat' AND ${window}) AS mass_touches,
          bool_or(t.content_key IS NOT DISTINCT FROM $${base + 3}::text) AS received
        FROM contact_touches t WHERE t.workspace_id = $1 AND ${inRange('t')} AND t.outcome IN ('planned', 'sent')
          AND ((${window}) OR t.content_key = $${base + 3}::text)
        GROUP BY t.customer_id)
      SELECT cs.customer_id, COALESCE(cs.name, a.name) AS explicit_name,
        COALESCE(cs.owner_staff, a.added_by_staff, (SELECT min(f.staff_id) FROM customer_followers f WHERE f.workspace_id = $1
          AND f.customer_id = cs.customer_id AND f.removed_at IS NULL)) AS staff_id,
        m.trust_level, COALESCE(tt.marketing_touches, '{}') AS marketing_touches, COALESCE(tt.mass_touches, '{}') AS mass_touches,
        COALESCE(tt.received, false) AS received
      FROM cs
      LEFT JOIN customer_aggregates a ON a.workspace_id = $1 AND a.customer_id = cs.customer_id AND ${inRange('a')}
      LEFT JOIN customer_models m ON m.workspace_id = $1 AND m.customer_id = cs.customer_id AND ${inRange('m')}
      LEFT JOIN tt ON tt.customer_id = cs.customer_id
      ORDER BY cs.customer_id`;
    const [{ max }] = (await q.query<{ max: number | string | null }>(
      `SELECT max(customer_id) AS max FROM customers WHERE workspace_id = $1`, [ws],
    )) as [{ max: number | string | null }];
    const maxId = Number(max ?? 0);

    if (!input.dryRun) await q.query(`SELECT pg_advisory_xact_lock(hashtext('siyu.outreach:' || $1::text))`, [ws]);
    let massMessageId: number | null = null;
    if (!input.dryRun) {
      const [row] = await q.query<{ id: number }>(
        `INSERT INTO mass_messages (workspace_id, title, content, content_key, purpose, channel, audience, scope, due_at, actor_kind, actor_id, created_at, schedule_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::timestamptz, $10, $11, $12::timestamptz, $13::bigint) RETURNING mass_message_id AS id`,
        [ws, title, input.content, contentKey, input.purpose, input.channel, JSON.stringify(input.filter ? { filter: input.filter } : { segment: input.segment }),
          JSON.stringify(input.scope), new Date(at).toISOString(), input.actor.kind, input.actor.id ?? null, input.now.toISOString(), input.scheduleId ?? null],
      );
      massMessageId = Number(row!.id);
    }

    const plan: MassMessagePlan = {
      massMessageId, dryRun: input.dryRun, contentKey, dueAt: new Date(at).toISOString(), deferred: at !== now, audience: 0,
      excluded: { alreadyReceived: 0, noStaff: 0 }, suppressed: { total: 0, byReason: [] }, recipients: 0, perStaff: [], seconds: 0,
    };
    const names = new Map((await q.query<{ staff_id: string; name: string }>(
      `SELECT staff_id, name FROM staff WHERE workspace_id = $1`, [ws],
    )).map((r) => [r.staff_id, r.name]));
    const groups = new Map<SuppressCode, SuppressedGroup>();
    const perStaff = new Map<string, number>();
    const personal = input.content.includes('{name}');
    for (let after = 0; after < maxId; after += PAGE) {
      const rows = await q.query<StateRow & { customer_id: number | string; explicit_name: string | null; staff_id: string | null }>(
        sql, [...where.params, new Date(since).toISOString(), new Date(until).toISOString(), contentKey, after, after + PAGE],
      );
      if (rows.length === 0) continue;
      plan.audience += rows.length;
      const page: Recipient[] = rows.map((r) => {
        const customerId = Number(r.customer_id);
        // A staff member's own mass message goes out from their own account: every customer in
        // their scope is one they own or follow, and no task lands on a colleague.
        const base = { customerId, staffId: input.scope.kind === 'staff' ? input.scope.staffId : r.staff_id, name: r.explicit_name };
        const state = stateOf(r);
        if (state.received) {
          plan.excluded.alreadyReceived++;
          return { ...base, status: 'excluded', code: 'already_received', reason: 'already received this content / 已收到过相同内容' };
        }
        if (!base.staffId) {
          plan.excluded.noStaff++;
          return { ...base, status: 'excluded', code: 'no_staff', reason: 'no owner or follower staff to send from / 没有可发送的员工' };
        }
        const d = decideTouch(policy, workspace.timeZone, { purpose: input.purpose, channel: input.channel, mass: true, at: now }, state);
        if (!d.allow) {
          let g = groups.get(d.code);
          if (!g) groups.set(d.code, (g = { code: d.code, zh: d.zh, en: d.en, count: 0, samples: [] }));
          g.count++;
          if (g.samples.length < SAMPLES) g.samples.push({ customerId, name: maskName(r.explicit_name) });
          return { ...base, status: 'suppressed', code: d.code, reason: `${d.en} / ${d.zh}` };
        }
        perStaff.set(base.staffId, (perStaff.get(base.staffId) ?? 0) + 1);
        plan.recipients++;
        return { ...base, status: 'pending', code: null, reason: null };
      });
      if (massMessageId !== null) await writePage(q, ws, massMessageId, page, input, contentKey, at, personal ? names : null);
    }

    plan.suppressed.byReason = [...groups.values()].sort((a, b) => b.count - a.count);
    plan.suppressed.total = plan.suppressed.byReason.reduce((s, g) => s + g.count, 0);
    const staffIds = [...perStaff.keys()].sort();
    const taskIds = new Map<string, number>();
    if (massMessageId !== null && staffIds.length > 0) {
      const made = await createTasks(q, ws, staffIds.map((staffId) => ({
        customerId: null, staffId, kind: 'mass_message' as const, purpose: input.purpose, channel: input.channel, title,
        content: render(input.content, { name: '{name}', staff: names.get(staffId) ?? staffId }), dueAt: new Date(at),
        ...(input.attachments?.length ? { attachments: input.attachments } : {}),
        dedupeKey: `mass:${massMessageId}:${staffId}`, contentKey, source: { type: 'mass_message' as const, id: String(massMessageId) },
      })), input.now);
      for (const t of made.created) taskIds.set(t.staffId!, t.taskId);
    }
    plan.perStaff = staffIds.map((staffId) => ({ staffId, staffName: names.get(staffId) ?? null, recipients: perStaff.get(staffId)!, taskId: taskIds.get(staffId) ?? null }));
    plan.seconds = (performance.now() - started) / 1000;
    if (massMessageId !== null) {
      const { seconds: _s, ...counts } = plan;
      await q.query(`UPDATE mass_messages SET counts = $3::jsonb WHERE workspace_id = $1 AND mass_message_id = $2::bigint`, [ws, massMessageId, JSON.stringify(counts)]);
    }
    return plan;
  }
}

async function writePage(
  q: Queryable, ws: string, massMessageId: number, page: Recipient[], input: MassMessageInput, contentKey: string, at: number, staffNames: Map<string, string> | null,
): Promise<void> {
  const nowIso = input.now.toISOString();
  await q.query(
    `INSERT INTO mass_message_recipients (workspace_id, mass_message_id, customer_id, staff_id, status, code, reason, content, updated_at)
     SELECT $1, $2::bigint, u.c, u.s, u.st, u.co, u.r, u.ct, $9::timestamptz
     FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(c, s, st, co, r, ct)`,
    [ws, massMessageId, page.map((r) => r.customerId), page.map((r) => r.staffId), page.map((r) => r.status), page.map((r) => r.code),
      page.map((r) => r.reason), page.map((r) => (staffNames && r.status === 'pending' ? render(input.content, { name: r.name, staff: staffNames.get(r.staffId!) ?? r.staffId }) : null)), nowIso],
  );
  const touched = page.filter((r) => r.status !== 'excluded');
  if (touched.length === 0) return;
  await q.query(
    `INSERT INTO contact_touches (workspace_id, customer_id, at, purpose, channel, mass, content_key, mass_message_id, outcome, code, reason, created_at)
     SELECT $1, u.c, $5::timestamptz, $6, $7, true, $8, $2::bigint, CASE WHEN u.st = 'pending' THEN 'planned' ELSE 'suppressed' END, u.co, u.r, $9::timestamptz
     FROM unnest($3::bigint[], $4::text[], $10::text[], $11::text[]) AS u(c, st, co, r)`,
    [ws, massMessageId, touched.map((r) => r.customerId), touched.map((r) => r.status), new Date(at).toISOString(), input.purpose, input.channel,
      contentKey, nowIso, touched.map((r) => r.code), touched.map((r) => r.reason)],
  );
}
