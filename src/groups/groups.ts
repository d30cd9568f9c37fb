/**
 * Customer groups (社群) in the store: the WeCom group mirror read as a list (owner, members,
 * joins and leaves, group tags), members linked to customers within the caller's scope,
 * group SOP definitions, group mass messages with per-group results, and conversion
 * (members' orders against everyone else's).
 */
import type { Actor } from '../customers/index.ts';
import { getMaterial, materialRef } from '../materials/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import { createTasks, type TaskDraft } from '../outreach/index.ts';
import type { Db, Queryable } from '../store/db.ts';
import { groupSelectionSchema, groupSopSchema, type GroupFacts, type GroupSelection, type GroupSopDefinition, selects } from './schedule.ts';

export interface GroupSummary {
  chatId: string;
  name: string | null;
  owner: string | null;
  tags: string[];
  createdAt: string | null;
  dismissed: boolean;
  members: number;
  customers: number;
  /** Customers of the group who are Siyu customers in the caller's scope. */
  linked: number;
  joined30d: number;
  left30d: number;
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

export async function listGroups(q: Queryable, ws: string, o: { scope?: CustomerScope; tag?: string; owner?: string; now: Date }): Promise<GroupSummary[]> {
  const sc = scopeCondition(o.scope ?? ALL_CUSTOMERS, 'c', 5);
  const rows = await q.query<{ chat_id: string; name: string | null; owner: string | null; tags: string[]; created_at: string | null; dismissed_at: string | null;
    members: number; customers: number; linked: number; joined: number; left: number }>(
    `SELECT g.chat_id, g.name, g.owner, g.tags, g.created_at, g.dismissed_at,
            jsonb_array_length(g.members)::int AS members,
            (SELECT count(*)::int FROM jsonb_array_elements(g.members) m WHERE (m->>'type')::int = 2) AS customers,
            (SELECT count(DISTINCT c.customer_id)::int FROM jsonb_array_elements(g.members) m
               JOIN customer_identities i ON i.workspace_id = g.workspace_id AND i.kind = 'external_user_id' AND i.value = m->>'userid'
               JOIN customers c ON c.workspace_id = i.workspace_id AND c.customer_id = i.customer_id
              WHERE (m->>'type')::int = 2 AND ${sc.sql}) AS linked,
            (SELECT count(*)::int FROM events e WHERE e.workspace_id = g.workspace_id AND e.type = 'group.joined' AND e.data->>'groupId' = g.chat_id AND e.occurred_at > $4) AS joined,
            (SELECT count(*)::int FROM events e WHERE e.workspace_id = g.workspace_id AND e.type = 'group.left' AND e.data->>'groupId' = g.chat_id AND e.occurred_at > $4) AS left
     FROM wecom_groups g WHERE g.workspace_id = $1 AND ($2::text IS NULL OR $2::text = ANY(g.tags)) AND ($3::text IS NULL OR g.owner = $3::text)
     ORDER BY g.dismissed_at IS NOT NULL, g.name, g.chat_id`,
    [ws, o.tag ?? null, o.owner ?? null, new Date(o.now.getTime() - 30 * 86_400_000), ...sc.params]);
  return rows.map((r) => ({
    chatId: r.chat_id, name: r.name, owner: r.owner, tags: r.tags ?? [], createdAt: iso(r.created_at), dismissed: r.dismissed_at !== null,
    members: Number(r.members), customers: Number(r.customers), linked: Number(r.linked), joined30d: Number(r.joined), left30d: Number(r.left),
  }));
}

export interface GroupDetail extends GroupSummary {
  /** Members who are customers in the caller's scope, with their Siyu customer. */
  memberCustomers: { customerId: number; name: string | null; joinedAt: string | null; state: string | null }[];
  /** Joins and leaves per day (last 30 days). */
  daily: { day: string; joined: number; left: number }[];
}

export async function getGroup(q: Queryable, ws: string, chatId: string, o: { scope?: CustomerScope; now: Date }): Promise<GroupDetail> {
  const summary = (await listGroups(q, ws, { ...o })).find((g) => g.chatId === chatId);
  if (!summary) throw new SiyuError('not_found', `group ${chatId} does not exist`);
  const sc = scopeCondition(o.scope ?? ALL_CUSTOMERS, 'c', 3);
  const members = await q.query<{ customer_id: number; name: string | null; join_time: string | null; state: string | null }>(
    `SELECT DISTINCT ON (c.customer_id) c.customer_id, COALESCE(c.name, a.name, m->>'name') AS name, m->>'join_time' AS join_time, m->>'state' AS state
     FROM wecom_groups g CROSS JOIN LATERAL jsonb_array_elements(g.members) m
     JOIN customer_identities i ON i.workspace_id = g.workspace_id AND i.kind = 'external_user_id' AND i.value = m->>'userid'
     JOIN customers c ON c.workspace_id = i.workspace_id AND c.customer_id = i.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE g.workspace_id = $1 AND g.chat_id = $2 AND (m->>'type')::int = 2 AND ${sc.sql}
     ORDER BY c.customer_id LIMIT 2000`, [ws, chatId, ...sc.params]);
  const daily = await q.query<{ day: string; joined: number; left: number }>(
    `SELECT to_char(e.occurred_at AT TIME ZONE w.time_zone, 'YYYY-MM-DD') AS day,
            count(*) FILTER (WHERE e.type = 'group.joined')::int AS joined, count(*) FILTER (WHERE e.type = 'group.left')::int AS left
     FROM events e JOIN workspaces w ON w.workspace_id = e.workspace_id
     WHERE e.workspace_id = $1 AND e.type IN ('group.joined', 'group.left') AND e.data->>'groupId' = $2 AND e.occurred_at > $3
     GROUP BY 1 ORDER BY 1`, [ws, chatId, new Date(o.now.getTime() - 30 * 86_400_000)]);
  return {
    ...summary,
    memberCustomers: members.map((m) => ({
      customerId: Number(m.customer_id), name: m.name, joinedAt: m.join_time ? new Date(Number(m.join_time) * 1000).toISOString() : null, state: m.state,
    })),
    daily: daily.map((d) => ({ day: d.day, joined: Number(d.joined), left: Number(d.left) })),
  };
}

export async function setGroupTags(q: Queryable, ws: string, chatId: string, tags: string[]): Promise<{ chatId: string; tags: string[] }> {
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  for (const [i, t] of clean.entries()) if ([...t].length > 30) throw new SiyuError('validation_failed', `tags[${i}]: longer than 30 characters`);
  const [r] = await q.query(`UPDATE wecom_groups SET tags = $3 WHERE workspace_id = $1 AND chat_id = $2 RETURNING chat_id`, [ws, chatId, clean]);
  if (!r) throw new SiyuError('not_found', `group ${chatId} does not exist`);
  return { chatId, tags: clean };
}

/** The facts the schedule needs about every group. */
export async function groupFacts(q: Queryable, ws: string): Promise<GroupFacts[]> {
  const rows = await q.query<{ chat_id: string; owner: string | null; tags: string[]; created_at: string | null; dismissed_at: string | null }>(
    `SELECT chat_id, owner, tags, created_at, dismissed_at FROM wecom_groups WHERE workspace_id = $1 ORDER BY chat_id`, [ws]);
  return rows.map((r) => ({
    chatId: r.chat_id, owner: r.owner, tags: r.tags ?? [], createdAt: r.created_at ? new Date(r.created_at).getTime() : null, dismissed: r.dismissed_at !== null,
  }));
}

async function checkMaterials(q: Queryable, ws: string, refs: (number | string)[] | undefined, path: string): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, ref] of (refs ?? []).entries()) {
    try {
      ids.push((await getMaterial(q, ws, typeof ref === 'number' ? ref : materialRef(ref))).materialId);
    } catch (err) {
      if (!(err instanceof SiyuError)) throw err;
      throw new SiyuError('validation_failed', `${path}[${i}]: ${err.message}`, [{ path: `${path}.${i}`, message: err.message }]);
    }
  }
  return ids;
}

export interface GroupSop {
  groupSopId: number;
  name: string;
  enabled: boolean;
  enabledAt: string;
  definition: GroupSopDefinition;
  sends: { stepKey: string | null; status: string; groups: number }[];
}

function parse<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'request', message: i.message }));
  throw new SiyuError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

export async function createGroupSop(q: Queryable, ws: string, raw: unknown, now: Date): Promise<GroupSop> {
  const def = parse<GroupSopDefinition>(groupSopSchema, raw);
  for (const [i, s] of def.steps.entries()) s.materials = await checkMaterials(q, ws, s.materials, `steps[${i}].materials`);
  const [r] = await q.query<{ group_sop_id: number }>(
    `INSERT INTO group_sops (workspace_id, name, definition, enabled, enabled_at, created_at) VALUES ($1, $2, $3, true, $4, $4)
     ON CONFLICT (workspace_id, name) DO NOTHING RETURNING group_sop_id`, [ws, def.name, JSON.stringify(def), now]);
  if (!r) throw new SiyuError('conflict', `name: a group SOP named "${def.name}" already exists`);
  return (await listGroupSops(q, ws)).find((s) => s.groupSopId === Number(r.group_sop_id))!;
}

export async function listGroupSops(q: Queryable, ws: string): Promise<GroupSop[]> {
  const rows = await q.query<{ group_sop_id: number; name: string; enabled: boolean; enabled_at: string; definition: GroupSopDefinition;
    sends: { step_key: string | null; status: string; n: number }[] | null }>(
    `SELECT s.*, (SELECT json_agg(json_build_object('step_key', x.step_key, 'status', x.status, 'n', x.n)) FROM (
       SELECT step_key, status, count(*)::int AS n FROM group_sends gs WHERE gs.workspace_id = s.workspace_id AND gs.source_type = 'sop' AND gs.source_id = s.group_sop_id
       GROUP BY 1, 2 ORDER BY 1, 2) x) AS sends
     FROM group_sops s WHERE s.workspace_id = $1 ORDER BY s.group_sop_id`, [ws]);
  return rows.map((r) => ({
    groupSopId: Number(r.group_sop_id), name: r.name, enabled: r.enabled, enabledAt: iso(r.enabled_at)!, definition: r.definition,
    sends: (r.sends ?? []).map((x) => ({ stepKey: x.step_key, status: x.status, groups: Number(x.n) })),
  }));
}

export async function setGroupSopEnabled(q: Queryable, ws: string, id: number, enabled: boolean, now: Date): Promise<GroupSop> {
  const [r] = await q.query(`UPDATE group_sops SET enabled = $3, enabled_at = CASE WHEN $3 AND NOT enabled THEN $4 ELSE enabled_at END
    WHERE workspace_id = $1 AND group_sop_id = $2 RETURNING group_sop_id`, [ws, id, enabled, now]);
  if (!r) throw new SiyuError('not_found', `group SOP ${id} does not exist`);
  return (await listGroupSops(q, ws)).find((s) => s.groupSopId === id)!;
}

export interface GroupMassInput {
  title?: string | undefined;
  text?: string | undefined;
  materials?: (number | string)[] | undefined;
  groups: GroupSelection;
}

export interface GroupMass {
  groupMassId: number;
  title: string;
  text: string;
  materialIds: number[];
  selection: GroupSelection;
  createdAt: string;
  results: { chatId: string; name: string | null; sender: string; status: string; error: string | null }[];
}

/** A group mass message: the groups it picks are fixed now; the WeCom worker sends to each once. */
export async function createGroupMass(q: Queryable, ws: string, input: GroupMassInput, actor: Actor, now: Date): Promise<GroupMass> {
  const selection = parse<GroupSelection>(groupSelectionSchema, input.groups);
  if (!selection.tags?.length && !selection.owners?.length && !selection.chatIds?.length) {
    throw new SiyuError('validation_failed', 'groups: pick groups by tags, owners or chatIds', [{ path: 'groups', message: 'empty selection' }]);
  }
  if (!input.text && !input.materials?.length) throw new SiyuError('validation_failed', 'text: a message needs text or library items', [{ path: 'text', message: 'empty' }]);
  const materialIds = await checkMaterials(q, ws, input.materials, 'materials');
  const picked = (await groupFacts(q, ws)).filter((g) => selects(selection, g));
  if (picked.length === 0) throw new SiyuError('validation_failed', 'groups: the selection picks no live group with an owner', [{ path: 'groups', message: 'no group' }]);
  const [r] = await q.query<{ group_mass_id: number }>(
    `INSERT INTO group_mass_messages (workspace_id, title, text, material_ids, selection, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING group_mass_id`,
    [ws, input.title ?? (input.text ?? '').slice(0, 30) ?? '群发', input.text ?? '', materialIds, JSON.stringify(selection), actor.id ?? actor.kind, now]);
  const id = Number(r!.group_mass_id);
  // Each group's row is its exactly-once key, queued here; the WeCom worker claims and sends it.
  await q.query(
    `INSERT INTO group_sends (workspace_id, send_key, chat_id, sender, source_type, source_id, status, claimed_at)
     SELECT $1, 'mass:' || $2::bigint || ':' || c, c, s, 'mass', $2::bigint, 'queued', $5 FROM unnest($3::text[], $4::text[]) AS x(c, s)`,
    [ws, id, picked.map((g) => g.chatId), picked.map((g) => g.owner), now]);
  return getGroupMass(q, ws, id);
}

export async function getGroupMass(q: Queryable, ws: string, id: number): Promise<GroupMass> {
  const [m] = await q.query<{ group_mass_id: number; title: string; text: string; material_ids: number[]; selection: GroupSelection; created_at: string }>(
    `SELECT * FROM group_mass_messages WHERE workspace_id = $1 AND group_mass_id = $2`, [ws, id]);
  if (!m) throw new SiyuError('not_found', `group mass message ${id} does not exist`);
  const results = await q.query<{ chat_id: string; name: string | null; sender: string; status: string; error: string | null }>(
    `SELECT s.chat_id, g.name, s.sender, s.status, s.error FROM group_sends s LEFT JOIN wecom_groups g ON g.workspace_id = s.workspace_id AND g.chat_id = s.chat_id
     WHERE s.workspace_id = $1 AND s.source_type = 'mass' AND s.source_id = $2 ORDER BY g.name, s.chat_id`, [ws, id]);
  return {
    groupMassId: Number(m.group_mass_id), title: m.title, text: m.text, materialIds: (m.material_ids ?? []).map(Number), selection: m.selection, createdAt: iso(m.created_at)!,
    results: results.map((x) => ({ chatId: x.chat_id, name: x.name, sender: x.sender, status: x.status === 'queued' || x.status === 'sending' ? 'pending' : x.status, error: x.error })),
  };
}

export async function listGroupMass(q: Queryable, ws: string): Promise<GroupMass[]> {
  const rows = await q.query<{ group_mass_id: number }>(`SELECT group_mass_id FROM group_mass_messages WHERE workspace_id = $1 ORDER BY group_mass_id DESC LIMIT 100`, [ws]);
  return Promise.all(rows.map((r) => getGroupMass(q, ws, Number(r.group_mass_id))));
}

export interface GroupConversion {
  chatId: string;
  name: string | null;
  members: number;
  joinedViaCode: number;
  /** Customers given an "invite to this group" task, and how many of them are members now. */
  invited: number;
  invitedJoined: number;
  memberOrders: { customers: number; paidOrders: number; paidFen: number };
  otherOrders: { customers: number; paidOrders: number; paidFen: number };
}

/**
 * Members against everyone else: customers in the group (in the caller's scope) and their
 * paid orders, beside the caller's other customers — what the VIP group is worth.
 */
export async function groupConversion(q: Queryable, ws: string, chatId: string, scope: CustomerScope = ALL_CUSTOMERS): Promise<GroupConversion> {
  const sc = scopeCondition(scope, 'c', 3);
  const [g] = await q.query<{ name: string | null }>(`SELECT name FROM wecom_groups WHERE workspace_id = $1 AND chat_id = $2`, [ws, chatId]);
  if (!g) throw new SiyuError('not_found', `group ${chatId} does not exist`);
  const rows = await q.query<{ member: boolean; customers: number; orders: number; fen: string; via_code: number }>(
    `WITH m AS (SELECT DISTINCT i.customer_id, (x->>'state') IS NOT NULL AS via_code FROM wecom_groups g CROSS JOIN LATERAL jsonb_array_elements(g.members) x
                JOIN customer_identities i ON i.workspace_id = g.workspace_id AND i.kind = 'external_user_id' AND i.value = x->>'userid'
                WHERE g.workspace_id = $1 AND g.chat_id = $2 AND (x->>'type')::int = 2)
     SELECT (m.customer_id IS NOT NULL) AS member, count(*)::int AS customers, COALESCE(sum(a.paid_orders), 0)::int AS orders,
            COALESCE(sum(a.paid_fen), 0)::text AS fen, count(*) FILTER (WHERE m.via_code)::int AS via_code
     FROM customers c LEFT JOIN m ON m.customer_id = c.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND ${sc.sql} GROUP BY 1`, [ws, chatId, ...sc.params]);
  const of = (member: boolean) => {
    const r = rows.find((x) => x.member === member);
    return { customers: Number(r?.customers ?? 0), paidOrders: Number(r?.orders ?? 0), paidFen: Number(r?.fen ?? 0) };
  };
  const sc2 = scopeCondition(scope, 'c', 4);
  const [inv] = await q.query<{ invited: number; joined: number }>(
    `SELECT count(DISTINCT t.customer_id)::int AS invited,
            count(DISTINCT t.customer_id) FILTER (WHERE EXISTS (
              SELECT 1 FROM wecom_groups g CROSS JOIN LATERAL jsonb_array_elements(g.members) x
              JOIN customer_identities i ON i.workspace_id = g.workspace_id AND i.kind = 'external_user_id' AND i.value = x->>'userid'
              WHERE g.workspace_id = $1 AND g.chat_id = $2 AND i.customer_id = t.customer_id))::int AS joined
     FROM outreach_tasks t JOIN customers c ON c.workspace_id = t.workspace_id AND c.customer_id = t.customer_id
     WHERE t.workspace_id = $1 AND t.source_type = 'api' AND t.source_id = $3 AND ${sc2.sql}`, [ws, chatId, `group:${chatId}`, ...sc2.params]);
  return {
    chatId, name: g.name, members: of(true).customers, joinedViaCode: Number(rows.find((x) => x.member)?.via_code ?? 0),
    invited: Number(inv?.invited ?? 0), invitedJoined: Number(inv?.joined ?? 0), memberOrders: of(true), otherOrders: of(false),
  };
}

/**
 * "Invite to group X" (邀请进群): a task for each customer's owner, once per customer and group
 * — the start of the invited → joined conversion (seed 001's VIP group after the first order).
 * Customers outside the caller's scope are listed as not found; the others are invited.
 */
export async function inviteToGroup(db: Db, ws: string, chatId: string, customerIds: number[], scope: CustomerScope, now: Date): Promise<{ created: number; duplicates: number; notFound: number[] }> {
  const [g] = await db.query<{ name: string | null }>(`SELECT name FROM wecom_groups WHERE workspace_id = $1 AND chat_id = $2 AND dismissed_at IS NULL`, [ws, chatId]);
  if (!g) throw new SiyuError('not_found', `group ${chatId} does not exist`);
  const sc = scopeCondition(scope, 'c', 3);
  const rows = await db.query<{ customer_id: number; staff_id: string | null; name: string | null }>(
    `SELECT c.customer_id, COALESCE(c.owner_staff, a.added_by_staff) AS staff_id, COALESCE(c.name, a.name) AS name FROM customers c
     LEFT JOIN customer_aggregates a ON a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
     WHERE c.workspace_id = $1 AND c.customer_id = ANY($2::bigint[]) AND c.merged_into IS NULL AND ${sc.sql}`, [ws, customerIds, ...sc.params]);
  const found = new Set(rows.map((r) => Number(r.customer_id)));
  const group = g.name ?? chatId;
  const drafts: TaskDraft[] = rows.map((r) => ({
    customerId: Number(r.customer_id), staffId: r.staff_id, kind: 'manual', purpose: 'service', channel: 'group', title: `邀请进群：${group}`,
    content: `邀请${r.name ?? '这位客户'}加入「${group}」`, attachments: [{ kind: 'group', ref: chatId }], dueAt: now,
    dedupeKey: `group-invite:${chatId}:${r.customer_id}`, source: { type: 'api', id: `group:${chatId}` },
  }));
  const made = drafts.length > 0 ? await db.transaction((tx) => createTasks(tx, ws, drafts, now)) : { created: [], duplicates: 0 };
  return { created: made.created.length, duplicates: made.duplicates, notFound: customerIds.filter((id) => !found.has(id)) };
}

/** A group as WeCom would report it (imports and the demo): kept as is when already there. */
export async function recordGroup(
  q: Queryable, ws: string, g: { chatId: string; name: string; owner: string; createdAt: Date; tags: string[]; members: { userid: string; type: 1 | 2; join_time?: number }[] },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO wecom_groups (workspace_id, chat_id, name, owner, members, created_at, tags) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (workspace_id, chat_id) DO NOTHING RETURNING chat_id`,
    [ws, g.chatId, g.name, g.owner, JSON.stringify(g.members), g.createdAt, g.tags]);
  return r.length > 0;
}
