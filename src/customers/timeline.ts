/**
 * A customer's timeline ("客户 + 时间 + 行为 + 接触点", DESIGN §2.1): what they did (events),
 * what we concluded (tag changes from the audit trail, model placements, journey stages)
 * and what we did about it (tasks), merged newest first.
 *
 * Keyset paging over (at, kind, id): each source is read as a short descending index range
 * past the cursor, so a page costs the same on the first day as after ten thousand events.
 */
import { SiyuError } from '../shared/errors.ts';
import { maskPhonesIn } from '../shared/phone.ts';
import type { CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { visibleCustomerId } from './profile.ts';

export type TimelineKind = 'event' | 'tag' | 'model' | 'stage' | 'task';

export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  /** Stable within the kind: event id, audit id, history id, task id. */
  id: string;
  /** event: the event type; tag: tag.added / tag.removed / …; model: the model; stage: entered / left; task: the task kind. */
  type: string;
  /** One line for people, Chinese-first vocabulary (tag paths, stage names, model values). */
  summary: string;
  staffId: string | null;
  touchpoint: string | null;
  details: Record<string, unknown>;
}

export interface TimelinePage { items: TimelineEntry[]; nextBefore: string | null }

export interface TimelineOptions {
  limit?: number;
  /** The nextBefore of the previous page. */
  before?: string;
  /** When given, a customer outside it is "not found". */
  scope?: CustomerScope;
  /** Phone numbers in text snippets are masked unless true. */
  seesPhones?: boolean;
}

const KINDS: readonly TimelineKind[] = ['event', 'model', 'stage', 'tag', 'task'];
const SNIPPET = 80;

interface Cursor { at: string; kind: string; id: string }

function encodeCursor(r: Raw): string {
  // The database's own spelling of the instant: microseconds survive the round trip.
  return Buffer.from(JSON.stringify([r.at_text, r.kind, r.id])).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof kind === 'string' && typeof id === 'string') return { at, kind, id };
  } catch { /* reported below */ }
  throw new SiyuError('validation_failed', 'before: not a cursor from a previous page (use nextBefore as given)', { field: 'before' });
}

interface Raw { at: Date | string; at_text: string; kind: TimelineKind; id: string; type: string; staff_id: string | null; touchpoint: string | null; d: Record<string, unknown> }

/** Newest first: events, tag changes, model changes, stage entries/exits and tasks of one customer. */
export async function customerTimeline(q: Queryable, ws: string, requestedId: number, opts: TimelineOptions = {}): Promise<TimelinePage> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 200);
  const customerId = await visibleCustomerId(q, ws, requestedId, opts.scope);
  const cur = opts.before ? decodeCursor(opts.before) : null;
  // The row comparison (at, kind, id) < cursor, on the constant kind of each branch.
  const past = (at: string, kind: TimelineKind, id: string) =>
    cur ? `AND (${at}, '${kind}'::text, ${id}) < ($3::timestamptz, $4::text, $5::text)` : '';
  const n = `$${cur ? 6 : 3}::int`;
  const branch = (kind: TimelineKind, at: string, id: string, select: string, from: string) =>
    `(SELECT ${at} AS at, '${kind}'::text AS kind, ${id} AS id, ${select} ${from} ${past(at, kind, id)} ORDER BY 1 DESC, 3 DESC LIMIT ${n})`;
  const sql = [
    branch('event', 'e.occurred_at', 'e.event_id', `e.type, e.staff_id, e.touchpoint, e.data AS d`,
      `FROM events e WHERE e.workspace_id = $1 AND e.customer_id = $2`),
    branch('tag', 'l.at', 'lpad(l.audit_id::text, 20, \'0\')', `l.action AS type, CASE WHEN l.actor_kind = 'staff' THEN l.actor_id END AS staff_id, NULL::text AS touchpoint,
        l.details || jsonb_build_object('actorKind', l.actor_kind, 'actorId', l.actor_id) AS d`,
      `FROM audit_log l WHERE l.workspace_id = $1 AND l.customer_id = $2 AND l.action LIKE 'tag.%'`),
    branch('model', 'h.at', 'lpad(h.history_id::text, 20, \'0\')', `h.model AS type, NULL::text AS staff_id, NULL::text AS touchpoint,
        jsonb_build_object('from', h.from_value, 'to', h.to_value, 'cause', h.cause) AS d`,
      `FROM model_history h WHERE h.workspace_id = $1 AND h.customer_id = $2`),
    // A stay in a stage is two moments: entered, and (once over) left.
    branch('stage', 's.at', 's.id', `s.type, NULL::text AS staff_id, NULL::text AS touchpoint, s.d`,
      `FROM (SELECT x.entered_at AS at, lpad(x.history_id::text, 20, '0') || ':in' AS id, 'entered'::text AS type,
               jsonb_build_object('journeyId', x.journey_id, 'journey', g.name, 'stage', t.name, 'from', ft.name, 'direction', x.direction,
                 'source', x.source, 'sourceId', x.source_id, 'reason', x.reason) AS d
             FROM journey_stage_history x JOIN journeys j ON j.workspace_id = x.workspace_id AND j.journey_id = x.journey_id
             JOIN tag_groups g ON g.workspace_id = j.workspace_id AND g.group_id = j.group_id
             LEFT JOIN tags t ON t.workspace_id = x.workspace_id AND t.tag_id = x.tag_id
             LEFT JOIN tags ft ON ft.workspace_id = x.workspace_id AND ft.tag_id = x.from_tag_id
             WHERE x.workspace_id = $1 AND x.customer_id = $2
           UNION ALL
           SELECT x.left_at, lpad(x.history_id::text, 20, '0') || ':out', 'left',
               jsonb_build_object('journeyId', x.journey_id, 'journey', g.name, 'stage', t.name, 'next', nt.name, 'reason', x.left_reason)
             FROM journey_stage_history x JOIN journeys j ON j.workspace_id = x.workspace_id AND j.journey_id = x.journey_id
             JOIN tag_groups g ON g.workspace_id = j.workspace_id AND g.group_id = j.group_id
             LEFT JOIN tags t ON t.workspace_id = x.workspace_id AND t.tag_id = x.tag_id
             LEFT JOIN tags nt ON nt.workspace_id = x.workspace_id AND nt.tag_id = x.next_tag_id
             WHERE x.workspace_id = $1 AND x.customer_id = $2 AND x.left_at IS NOT NULL) s WHERE true`),
    branch('task', 'k.created_at', 'lpad(k.task_id::text, 20, \'0\')', `k.kind AS type, k.staff_id, NULL::text AS touchpoint,
        jsonb_build_object('taskId', k.task_id, 'title', k.title, 'status', k.status, 'statusReason', k.status_reason, 'purpose', k.purpose,
          'channel', k.channel, 'dueAt', k.due_at, 'source', k.source_type, 'sourceId', k.source_id) AS d`,
      `FROM outreach_tasks k WHERE k.workspace_id = $1 AND k.customer_id = $2`),
  ].join('\n UNION ALL \n');
  const params: unknown[] = [ws, customerId, ...(cur ? [cur.at, cur.kind, cur.id] : []), limit + 1];
  const rows = await q.query<Raw>(`SELECT u.*, u.at::text AS at_text FROM (${sql}) u ORDER BY at DESC, kind DESC, id DESC LIMIT ${n}`, params);
  const mask = opts.seesPhones ? (s: string) => s : maskPhonesIn;
  const items = rows.slice(0, limit).map((r) => entryOf(r, mask));
  return { items, nextBefore: rows.length > limit ? encodeCursor(rows[limit - 1]!) : null };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

function entryOf(r: Raw, mask: (s: string) => string): TimelineEntry {
  const d = r.d ?? {};
  const base = { kind: r.kind, at: new Date(r.at).toISOString(), id: r.kind === 'event' ? r.id : r.id.replace(/^0+(?=\d)/, ''), type: r.type, staffId: r.staff_id, touchpoint: r.touchpoint };
  switch (r.kind) {
    case 'event': {
      const details = eventDetails(d, mask);
      const parts = [details.text && `“${details.text}”`, details.amount !== undefined && `¥${details.amount}`, details.orderId && `#${details.orderId}`,
        details.contentId && `content ${details.contentId}`, details.channel && `channel ${details.channel}`, details.reason && mask(String(details.reason))];
      return { ...base, summary: parts.filter(Boolean).join(' · '), details };
    }
    case 'tag': {
      const via = [str(d.source), str(d.sourceId)].filter(Boolean).join(':');
      const summary = [str(d.tag), d.replacedBy ? `→ ${str(d.replacedBy)}` : null, d.from ? `← ${str(d.from)}` : null, via && `(${via})`, d.reason ? mask(String(d.reason)) : null]
        .filter(Boolean).join(' ');
      return { ...base, summary, details: { tag: d.tag ?? null, source: d.source ?? null, sourceId: d.sourceId ?? null, reason: d.reason ? mask(String(d.reason)) : null,
        ...(d.replacedBy ? { replacedBy: d.replacedBy } : {}), ...(d.expiresAt ? { expiresAt: d.expiresAt } : {}), actor: { kind: d.actorKind, id: d.actorId ?? null } } };
    }
    case 'model':
      return { ...base, summary: `${str(d.from) ?? '—'} → ${str(d.to) ?? '—'} (${str(d.cause)})`, details: d };
    case 'stage': {
      const summary = r.type === 'entered'
        ? `${str(d.journey)}: ${d.from ? `${str(d.from)} → ` : ''}${str(d.stage)}${d.reason ? ` · ${mask(String(d.reason))}` : ''}`
        : `${str(d.journey)}: ${str(d.stage)}${d.next ? ` → ${str(d.next)}` : ''}${d.reason ? ` · ${mask(String(d.reason))}` : ''}`;
      return { ...base, summary, details: d };
    }
    case 'task':
      return { ...base, summary: `${str(d.title)} · ${str(d.status)}`, details: { ...d, dueAt: d.dueAt ? new Date(String(d.dueAt)).toISOString() : null } };
  }
}

/** What an event's data says, in short: snippets, not whole payloads. */
function eventDetails(d: Record<string, unknown>, mask: (s: string) => string): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  const text = str(d.text);
  if (text) out.text = mask(text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text);
  for (const k of ['orderId', 'contentId', 'momentId', 'groupId', 'formId', 'campaignId', 'couponId', 'channel', 'campaign', 'platform', 'reason', 'by', 'chatType'] as const) {
    const v = str(d[k]);
    if (v) out[k] = k === 'reason' ? mask(v) : v;
  }
  const amount = str(d.amount);
  if (amount) out.amount = amount;
  if (Array.isArray(d.productIds) && d.productIds.length) out.productIds = d.productIds.slice(0, 5).join(',');
  return out;
}

export { KINDS as TIMELINE_KINDS };
