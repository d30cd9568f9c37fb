/**
 * Apply a batch of resolved events to the per-customer state: orders, private
 * conversations, followers and aggregates. Runs inside the intake transaction, so the
 * events and everything derived from them commit together or not at all.
 */
import type { Queryable } from '../store/db.ts';
import type { NormalizedEvent } from '../events/envelope.ts';
import { getModelConfig } from '../workspaces/index.ts';
import {
  combine, deltaOf, type Scoring, emptyDelta, extendConversation, foldConversation, isPrivateMessage, sortMessages,
  type AggregateDelta, type ConversationMessage, type ConversationState,
} from './aggregates.ts';

export interface ResolvedEvent {
  event: NormalizedEvent;
  customerId: number;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const ms = (v: unknown): number | undefined => (v == null ? undefined : new Date(v as string | Date).getTime());

interface AggregateRow extends AggregateDelta {
  chatRounds: number;
  customerConversations: number;
}

export interface ApplyOptions {
  /** Rebuilds replay events whose orders are already stored; only the aggregates are derived again. */
  ordersStored?: boolean;
}

export async function applyEvents(
  tx: Queryable,
  workspaceId: string,
  items: readonly ResolvedEvent[],
  opts: ApplyOptions = {},
): Promise<void> {
  if (items.length === 0) return;
  const scoring = await scoringOf(tx, workspaceId);
  const deltas = new Map<number, AggregateDelta>();
  for (const { event, customerId } of items) {
    const d = deltaOf(event, scoring);
    const prev = deltas.get(customerId);
    deltas.set(customerId, prev ? combine(prev, d) : d);
  }
  const orderCustomers = opts.ordersStored ? [] : await applyOrders(tx, workspaceId, items);
  const chat = await applyConversations(tx, workspaceId, items);
  await applyFollowers(tx, workspaceId, items);
  await writeAggregates(tx, workspaceId, deltas, chat);
  if (orderCustomers.length > 0) await recomputeOrderAggregates(tx, workspaceId, orderCustomers);
}

export async function scoringOf(tx: Queryable, workspaceId: string): Promise<Scoring> {
  const config = await getModelConfig(tx, workspaceId);
  return { intentKeywords: config.trust.intentKeywords, points: config.engagement.points, halfLifeDays: config.engagement.halfLifeDays };
}

// ---- orders ----

interface OrderChange {
  order_id: string;
  customer_id: number;
  platform: string | null;
  paid_at: string | null;
  amount_fen: number | null;
  refunded_fen: number;
  items: unknown[];
  product_ids: string[];
  paidAtMs: number | undefined;
}

async function applyOrders(tx: Queryable, workspaceId: string, items: readonly ResolvedEvent[]): Promise<number[]> {
  const changes = new Map<string, OrderChange>();
  for (const { event: e, customerId } of items) {
    if (e.type !== 'order.paid' && e.type !== 'order.refunded') continue;
    const orderId = e.data.orderId as string;
    let c = changes.get(orderId);
    if (!c) {
      c = { order_id: orderId, customer_id: customerId, platform: null, paid_at: null, amount_fen: null, refunded_fen: 0, items: [], product_ids: [], paidAtMs: undefined };
      changes.set(orderId, c);
    }
    if (e.type === 'order.refunded') {
      c.refunded_fen += e.amountFen!;
      continue;
    }
    // A payment sent twice under two event ids: the earliest payment describes the order.
    if (c.paidAtMs === undefined || e.occurredAt < c.paidAtMs || (e.occurredAt === c.paidAtMs && e.amountFen! > (c.amount_fen ?? 0))) {
      const lineItems = (e.data.items as { productId?: string }[] | undefined) ?? [];
      c.paidAtMs = e.occurredAt;
      c.paid_at = iso(e.occurredAt);
      c.amount_fen = e.amountFen!;
      c.platform = (e.data.platform as string | undefined) ?? null;
      c.items = lineItems;
      c.product_ids = [...new Set([...(e.data.productIds as string[] | undefined ?? []), ...lineItems.map((i) => i.productId).filter((p): p is string => !!p)])];
      c.customer_id = customerId;
    }
  }
  if (changes.size === 0) return [];
  const rows = [...changes.values()].map(({ paidAtMs: _, ...r }) => r);
  const touched = await tx.query<{ customer_id: number; previous_customer: number | null }>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(order_id text, customer_id bigint, platform text,
         paid_at timestamptz, amount_fen bigint, refunded_fen bigint, items jsonb, product_ids jsonb)
     ), prev AS (
       SELECT o.order_id, o.customer_id FROM orders o JOIN r USING (order_id) WHERE o.workspace_id = $1
     ), up AS (
       INSERT INTO orders AS o (workspace_id, order_id, customer_id, platform, paid_at, amount_fen, refunded_fen, items, product_ids)
       SELECT $1, r.order_id, r.customer_id, r.platform, r.paid_at, r.amount_fen, r.refunded_fen, r.items,
              ARRAY(SELECT jsonb_array_elements_text(r.product_ids))
       FROM r
       ON CONFLICT (workspace_id, order_id) DO UPDATE SET
         refunded_fen = o.refunded_fen + excluded.refunded_fen,
         paid_at      = CASE WHEN excluded.paid_at IS NOT NULL AND (o.paid_at IS NULL OR excluded.paid_at < o.paid_at
                              OR (excluded.paid_at = o.paid_at AND excluded.amount_fen > o.amount_fen))
                             THEN excluded.paid_at ELSE o.paid_at END,
         amount_fen   = CASE WHEN excluded.paid_at IS NOT NULL AND (o.paid_at IS NULL OR excluded.paid_at < o.paid_at
                              OR (excluded.paid_at = o.paid_at AND excluded.amount_fen > o.amount_fen))
                             THEN excluded.amount_fen ELSE o.amount_fen END,
         platform     = COALESCE(CASE WHEN excluded.paid_at IS NOT NULL AND (o.paid_at IS NULL OR excluded.paid_at < o.paid_at)
                             THEN excluded.platform END, o.platform, excluded.platform),
         items        = CASE WHEN excluded.paid_at IS NOT NULL AND (o.paid_at IS NULL OR excluded.paid_at < o.paid_at)
                             THEN excluded.items ELSE o.items END,
         product_ids  = CASE WHEN excluded.paid_at IS NOT NULL AND (o.paid_at IS NULL OR excluded.paid_at < o.paid_at)
                             THEN excluded.product_ids ELSE o.product_ids END
       RETURNING o.order_id, o.customer_id
     )
     SELECT up.customer_id, prev.customer_id AS previous_customer FROM up LEFT JOIN prev USING (order_id)`,
    [workspaceId, JSON.stringify(rows)],
  );
  const ids = new Set<number>();
  for (const t of touched) {
    ids.add(t.customer_id);
    if (t.previous_customer !== null) ids.add(t.previous_customer);
  }
  return [...ids];
}

/** Order aggregates are derived from the customer's orders (a handful per customer). */
export async function recomputeOrderAggregates(tx: Queryable, workspaceId: string, customerIds: readonly number[]): Promise<void> {
  await tx.query(
    `UPDATE customer_aggregates a SET
       paid_orders   = COALESCE(s.paid_orders, 0),
       paid_fen      = COALESCE(s.paid_fen, 0),
       refunded_fen  = COALESCE(s.refunded_fen, 0),
       first_paid_at = s.first_paid_at,
       last_paid_at  = s.last_paid_at
     FROM unnest($2::bigint[]) AS c(customer_id)
     LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE o.refunded_fen < o.amount_fen)::int AS paid_orders,
              sum(o.amount_fen - LEAST(o.refunded_fen, o.amount_fen))::bigint AS paid_fen,
              sum(LEAST(o.refunded_fen, o.amount_fen))::bigint AS refunded_fen,
              min(o.paid_at) FILTER (WHERE o.refunded_fen < o.amount_fen) AS first_paid_at,
              max(o.paid_at) FILTER (WHERE o.refunded_fen < o.amount_fen) AS last_paid_at
       FROM orders o
       WHERE o.workspace_id = $1 AND o.customer_id = c.customer_id AND o.paid_at IS NOT NULL
     ) s ON true
     WHERE a.workspace_id = $1 AND a.customer_id = c.customer_id`,
    [workspaceId, customerIds],
  );
}

// ---- private conversations ----

interface ChatDelta {
  rounds: number;
  customerConversations: number;
}

async function applyConversations(
  tx: Queryable,
  workspaceId: string,
  items: readonly ResolvedEvent[],
): Promise<Map<number, ChatDelta>> {
  const byConversation = new Map<string, { customerId: number; conversationId: string; messages: ConversationMessage[] }>();
  for (const { event: e, customerId } of items) {
    if (!isPrivateMessage(e)) continue;
    const conversationId = e.data.conversationId as string;
    const key = `${customerId}\u0000${conversationId}`;
    let c = byConversation.get(key);
    if (!c) byConversation.set(key, (c = { customerId, conversationId, messages: [] }));
    c.messages.push({ at: e.occurredAt, eventId: e.id, dir: e.type === 'message.received' ? 'customer' : 'staff' });
  }
  const deltas = new Map<number, ChatDelta>();
  if (byConversation.size === 0) return deltas;
  const keys = [...byConversation.values()];
  const existing = await tx.query<{
    customer_id: number; conversation_id: string; first_at: Date; first_dir: 'customer' | 'staff';
    last_at: Date; last_event_id: string; last_dir: 'customer' | 'staff'; rounds: number; messages: number;
  }>(
    `SELECT c.* FROM conversations c
     JOIN unnest($2::bigint[], $3::text[]) AS k(customer_id, conversation_id)
       ON c.customer_id = k.customer_id AND c.conversation_id = k.conversation_id
     WHERE c.workspace_id = $1`,
    [workspaceId, keys.map((k) => k.customerId), keys.map((k) => k.conversationId)],
  );
  const states = new Map<string, ConversationState>();
  for (const r of existing) {
    states.set(`${r.customer_id}\u0000${r.conversation_id}`, {
      firstAt: ms(r.first_at)!, firstDir: r.first_dir, lastAt: ms(r.last_at)!, lastEventId: r.last_event_id,
      lastDir: r.last_dir, rounds: r.rounds, messages: r.messages,
    });
  }
  // Extend each conversation in memory; those that received a message older than their
  // last one are folded again from the log, all in one query.
  const next = new Map<string, ConversationState>();
  const refold: string[] = [];
  for (const [key, c] of byConversation) {
    const extended = extendConversation(states.get(key), sortMessages(c.messages));
    if (extended) next.set(key, extended);
    else refold.push(key);
  }
  if (refold.length > 0) {
    const convs = refold.map((k) => byConversation.get(k)!);
    const log = await tx.query<{ customer_id: number; conversation_id: string; occurred_at: Date; event_id: string; type: string }>(
      `SELECT e.customer_id, e.conversation_id, e.occurred_at, e.event_id, e.type FROM events e
       JOIN unnest($2::bigint[], $3::text[]) AS k(customer_id, conversation_id)
         ON e.customer_id = k.customer_id AND e.conversation_id = k.conversation_id
       WHERE e.workspace_id = $1`,
      [workspaceId, convs.map((c) => c.customerId), convs.map((c) => c.conversationId)],
    );
    const messages = new Map<string, ConversationMessage[]>();
    for (const m of log) {
      const key = `${m.customer_id}\u0000${m.conversation_id}`;
      const list = messages.get(key) ?? [];
      list.push({ at: ms(m.occurred_at)!, eventId: m.event_id, dir: m.type === 'message.received' ? 'customer' : 'staff' });
      messages.set(key, list);
    }
    for (const key of refold) next.set(key, foldConversation(messages.get(key) ?? [])!);
  }
  const rows: Record<string, unknown>[] = [];
  for (const [key, c] of byConversation) {
    const before = states.get(key);
    const after = next.get(key)!;
    const d = deltas.get(c.customerId) ?? { rounds: 0, customerConversations: 0 };
    d.rounds += after.rounds - (before?.rounds ?? 0);
    d.customerConversations += (after.firstDir === 'customer' ? 1 : 0) - (before?.firstDir === 'customer' ? 1 : 0);
    deltas.set(c.customerId, d);
    rows.push({
      customer_id: c.customerId, conversation_id: c.conversationId, first_at: iso(after.firstAt), first_dir: after.firstDir,
      last_at: iso(after.lastAt), last_event_id: after.lastEventId, last_dir: after.lastDir, rounds: after.rounds, messages: after.messages,
    });
  }
  await tx.query(
    `INSERT INTO conversations AS c (workspace_id, customer_id, conversation_id, first_at, first_dir, last_at, last_event_id, last_dir, rounds, messages)
     SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(customer_id bigint, conversation_id text, first_at timestamptz,
       first_dir text, last_at timestamptz, last_event_id text, last_dir text, rounds int, messages int)
     ON CONFLICT (workspace_id, customer_id, conversation_id) DO UPDATE SET
       first_at = excluded.first_at, first_dir = excluded.first_dir, last_at = excluded.last_at,
       last_event_id = excluded.last_event_id, last_dir = excluded.last_dir, rounds = excluded.rounds, messages = excluded.messages`,
    [workspaceId, JSON.stringify(rows)],
  );
  return deltas;
}

// ---- followers (staff who have the customer as a contact) ----

async function applyFollowers(tx: Queryable, workspaceId: string, items: readonly ResolvedEvent[]): Promise<void> {
  const rows = new Map<string, { customer_id: number; staff_id: string; added_at: number | undefined; removed_at: number | undefined }>();
  for (const { event: e, customerId } of items) {
    if ((e.type !== 'contact.added' && e.type !== 'contact.removed') || !e.staffId) continue;
    const key = `${customerId}\u0000${e.staffId}`;
    const r = rows.get(key) ?? { customer_id: customerId, staff_id: e.staffId, added_at: undefined, removed_at: undefined };
    if (e.type === 'contact.added') r.added_at = r.added_at === undefined ? e.occurredAt : Math.min(r.added_at, e.occurredAt);
    else r.removed_at = r.removed_at === undefined ? e.occurredAt : Math.max(r.removed_at, e.occurredAt);
    rows.set(key, r);
  }
  if (rows.size === 0) return;
  await tx.query(
    `INSERT INTO customer_followers AS f (workspace_id, customer_id, staff_id, added_at, removed_at)
     SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(customer_id bigint, staff_id text, added_at timestamptz, removed_at timestamptz)
     ON CONFLICT (workspace_id, customer_id, staff_id) DO UPDATE SET
       added_at = LEAST(f.added_at, excluded.added_at), removed_at = GREATEST(f.removed_at, excluded.removed_at)`,
    [workspaceId, JSON.stringify([...rows.values()].map((r) => ({ ...r, added_at: iso(r.added_at), removed_at: iso(r.removed_at) })))],
  );
}

// ---- aggregates: read, combine in pure code, write back (the workspace lock is held) ----

const AGG_COLUMNS = `customer_id bigint, events int, first_seen_at timestamptz, last_seen_at timestamptz, last_interaction_at timestamptz,
  name text, name_at timestamptz, added_at timestamptz, added_by_staff text, added_channel text, added_campaign text,
  last_added_at timestamptz, last_removed_at timestamptz, removed_by text, messages_received int, messages_sent int,
  chat_rounds int, customer_conversations int, last_private_chat_at timestamptz, moments_interactions int, group_interactions int,
  content_views int, content_shares int, forms_submitted int, campaigns_joined int, coupons_issued int, coupons_redeemed int,
  complaints int, complaint_times timestamptz[], referrals int, intent_hits int, last_intent_at timestamptz,
  last_intent_keyword text, last_intent_event_id text, engagement_log2 double precision`;

function fromRow(r: Record<string, unknown>): AggregateRow {
  const stamp = <T>(at: unknown, value: T) => (at == null ? undefined : { at: ms(at)!, value });
  return {
    events: r.events as number,
    firstSeenAt: ms(r.first_seen_at),
    lastSeenAt: ms(r.last_seen_at),
    lastInteractionAt: ms(r.last_interaction_at),
    name: stamp(r.name_at, r.name as string),
    added: stamp(r.added_at, {
      staff: (r.added_by_staff as string | null) ?? null,
      channel: (r.added_channel as string | null) ?? null,
      campaign: (r.added_campaign as string | null) ?? null,
    }),
    lastAddedAt: ms(r.last_added_at),
    removed: stamp(r.last_removed_at, (r.removed_by as string | null) ?? null),
    messagesReceived: r.messages_received as number,
    messagesSent: r.messages_sent as number,
    lastPrivateChatAt: ms(r.last_private_chat_at),
    momentsInteractions: r.moments_interactions as number,
    groupInteractions: r.group_interactions as number,
    contentViews: r.content_views as number,
    contentShares: r.content_shares as number,
    formsSubmitted: r.forms_submitted as number,
    campaignsJoined: r.campaigns_joined as number,
    couponsIssued: r.coupons_issued as number,
    couponsRedeemed: r.coupons_redeemed as number,
    complaints: r.complaints as number,
    complaintTimes: ((r.complaint_times as (Date | string)[] | null) ?? []).map((t) => ms(t)!),
    referrals: r.referrals as number,
    intentHits: r.intent_hits as number,
    lastIntent: stamp(r.last_intent_at, { keyword: r.last_intent_keyword as string, eventId: r.last_intent_event_id as string }),
    engagementLog2: (r.engagement_log2 as number | null) ?? undefined,
    chatRounds: r.chat_rounds as number,
    customerConversations: r.customer_conversations as number,
  };
}

function toRow(customerId: number, a: AggregateRow): Record<string, unknown> {
  return {
    customer_id: customerId,
    events: a.events,
    first_seen_at: iso(a.firstSeenAt),
    last_seen_at: iso(a.lastSeenAt),
    last_interaction_at: iso(a.lastInteractionAt),
    name: a.name?.value ?? null,
    name_at: iso(a.name?.at),
    added_at: iso(a.added?.at),
    added_by_staff: a.added?.value.staff ?? null,
    added_channel: a.added?.value.channel ?? null,
    added_campaign: a.added?.value.campaign ?? null,
    last_added_at: iso(a.lastAddedAt),
    last_removed_at: iso(a.removed?.at),
    removed_by: a.removed?.value ?? null,
    messages_received: a.messagesReceived,
    messages_sent: a.messagesSent,
    chat_rounds: a.chatRounds,
    customer_conversations: a.customerConversations,
    last_private_chat_at: iso(a.lastPrivateChatAt),
    moments_interactions: a.momentsInteractions,
    group_interactions: a.groupInteractions,
    content_views: a.contentViews,
    content_shares: a.contentShares,
    forms_submitted: a.formsSubmitted,
    campaigns_joined: a.campaignsJoined,
    coupons_issued: a.couponsIssued,
    coupons_redeemed: a.couponsRedeemed,
    complaints: a.complaints,
    complaint_times: `{${a.complaintTimes.map((t) => `"${iso(t)}"`).join(',')}}`,
    referrals: a.referrals,
    intent_hits: a.intentHits,
    last_intent_at: iso(a.lastIntent?.at),
    last_intent_keyword: a.lastIntent?.value.keyword ?? null,
    last_intent_event_id: a.lastIntent?.value.eventId ?? null,
    engagement_log2: a.engagementLog2 ?? null,
  };
}

async function writeAggregates(
  tx: Queryable,
  workspaceId: string,
  deltas: Map<number, AggregateDelta>,
  chat: Map<number, ChatDelta>,
): Promise<void> {
  const ids = [...deltas.keys()];
  const existing = await tx.query(
    `SELECT * FROM customer_aggregates WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
    [workspaceId, ids],
  );
  const current = new Map<number, AggregateRow>(existing.map((r) => [r.customer_id as number, fromRow(r)]));
  const rows = ids.map((id) => {
    const base = current.get(id) ?? { ...emptyDelta(), chatRounds: 0, customerConversations: 0 };
    const c = chat.get(id);
    const next: AggregateRow = {
      ...combine(base, deltas.get(id)!),
      chatRounds: base.chatRounds + (c?.rounds ?? 0),
      customerConversations: base.customerConversations + (c?.customerConversations ?? 0),
    };
    return toRow(id, next);
  });
  const columns = AGG_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]!);
  const updates = columns.filter((c) => c !== 'customer_id').map((c) => `${c} = excluded.${c}`).join(', ');
  await tx.query(
    `INSERT INTO customer_aggregates (workspace_id, ${columns.join(', ')})
     SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb) AS r(${AGG_COLUMNS})
     ON CONFLICT (workspace_id, customer_id) DO UPDATE SET ${updates}`,
    [workspaceId, JSON.stringify(rows)],
  );
}

/**
 * Recompute a customer's derived state from their events and orders: used after a merge
 * or a split, and to check that the incremental path gives the same answer.
 */
export async function rebuildCustomers(tx: Queryable, workspaceId: string, customerIds: readonly number[]): Promise<void> {
  if (customerIds.length === 0) return;
  const ids = [...customerIds];
  await tx.query(`DELETE FROM customer_aggregates WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`, [workspaceId, ids]);
  await tx.query(`DELETE FROM conversations WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`, [workspaceId, ids]);
  await tx.query(`DELETE FROM customer_followers WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`, [workspaceId, ids]);
  const rows = await tx.query<{ event_id: string; customer_id: number; type: string; occurred_at: Date; staff_id: string | null; customer: Record<string, unknown>; data: Record<string, unknown> }>(
    `SELECT event_id, customer_id, type, occurred_at, staff_id, customer, data FROM events
     WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])
     ORDER BY occurred_at, event_id`,
    [workspaceId, ids],
  );
  // Every customer keeps an aggregates row even without events of their own.
  await writeAggregates(tx, workspaceId, new Map(ids.map((id) => [id, emptyDelta()])), new Map());
  await applyEvents(tx, workspaceId, rows.map((r) => ({ customerId: r.customer_id, event: storedEvent(r) })), { ordersStored: true });
  await recomputeOrderAggregates(tx, workspaceId, ids);
}

/** A stored event, read back in the shape the aggregates expect. */
export function storedEvent(r: { event_id: string; type: string; occurred_at: Date; staff_id: string | null; customer: Record<string, unknown>; data: Record<string, unknown> }): NormalizedEvent {
  return {
    id: r.event_id,
    type: r.type as NormalizedEvent['type'],
    occurredAt: ms(r.occurred_at)!,
    staffId: r.staff_id ?? undefined,
    touchpoint: undefined,
    identities: [],
    name: (r.customer.name as string | undefined) || undefined,
    customer: r.customer,
    data: r.data,
    amountFen: undefined,
    referred: undefined,
  };
}
