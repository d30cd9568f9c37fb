/**
 * Reading a customer: identities, explicit and derived profile fields, aggregates, tags.
 * Effective values: what a person set (import, API, staff) wins over what events imply.
 */
import { SiyuError } from '../shared/errors.ts';
import { formatFen } from '../shared/money.ts';
import { maskPhone } from '../shared/phone.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import type { Identity } from './identity.ts';

export interface CustomerTag {
  tagId: number;
  group: string;
  tag: string;
  category: string;
  source: string;
  sourceId: string | null;
  reason: string | null;
  taggedAt: string;
  expiresAt: string | null;
}

export interface CustomerProfile {
  customerId: number;
  name: string | null;
  gender: string | null;
  ownerStaff: string | null;
  channel: string | null;
  campaign: string | null;
  addedAt: string | null;
  /** false for a customer known only from a shop or an import, not (yet) a WeCom friend. */
  wecomFriend: boolean;
  /** The customer deleted the friendship, or staff did, after the last add. */
  contactRemoved: boolean;
  identities: Identity[];
  followers: { staffId: string; addedAt: string | null; removedAt: string | null }[];
  aggregates: Record<string, unknown>;
  tags: CustomerTag[];
  createdAt: string;
}

const iso = (v: unknown): string | null => (v == null ? null : (v instanceof Date ? v : new Date(v as string)).toISOString());

/** Follow merges: a merged id leads to the record that absorbed it. */
export async function currentCustomerId(db: Queryable, workspaceId: string, customerId: number): Promise<number> {
  let id = customerId;
  for (let hops = 0; hops < 32; hops++) {
    const [row] = await db.query<{ merged_into: number | null }>(
      `SELECT merged_into FROM customers WHERE workspace_id = $1 AND customer_id = $2`,
      [workspaceId, id],
    );
    if (!row) throw new SiyuError('not_found', `customer ${customerId} does not exist in workspace "${workspaceId}"`);
    if (row.merged_into === null) return id;
    id = row.merged_into;
  }
  throw new SiyuError('conflict', `customer ${customerId} has a merge chain too long to follow`);
}

export async function findCustomerByIdentity(db: Queryable, workspaceId: string, identity: Identity): Promise<number | undefined> {
  const [row] = await db.query<{ customer_id: number }>(
    `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = $2 AND value = $3`,
    [workspaceId, identity.kind, identity.value],
  );
  return row?.customer_id;
}

/** Who is reading: staff see only their customers (others are "not found", so existence does not leak); phones may be masked. */
export interface ReadAccess {
  scope?: CustomerScope | undefined;
  /** false: phone numbers as 138****8000. Default true (local CLI, services). */
  seesPhones?: boolean | undefined;
}

/** Whether the customer is in the scope (owner or live follower for staff). */
export async function customerInScope(db: Queryable, workspaceId: string, customerId: number, scope: CustomerScope): Promise<boolean> {
  if (scope.kind === 'all') return true;
  const cond = scopeCondition(scope, 'c', 3);
  const rows = await db.query(
    `SELECT 1 FROM customers c WHERE c.workspace_id = $1 AND c.customer_id = $2 AND ${cond.sql}`,
    [workspaceId, customerId, ...cond.params],
  );
  return rows.length > 0;
}

/**
 * The current id of a customer the caller may see, following merges; "does not exist"
 * for one outside the scope, worded exactly as for an unknown id.
 */
export async function visibleCustomerId(db: Queryable, workspaceId: string, requestedId: number, scope: CustomerScope = ALL_CUSTOMERS): Promise<number> {
  const customerId = await currentCustomerId(db, workspaceId, requestedId);
  if (!(await customerInScope(db, workspaceId, customerId, scope))) {
    throw new SiyuError('not_found', `customer ${requestedId} does not exist in workspace "${workspaceId}"`);
  }
  return customerId;
}

/** Phone identities as 138****8000 unless the reader may see them. */
export const identitiesFor = (identities: Identity[], seesPhones: boolean): Identity[] =>
  seesPhones ? identities : identities.map((i) => (i.kind === 'phone' ? { ...i, value: maskPhone(i.value) } : i));

export async function getCustomer(db: Queryable, workspaceId: string, requestedId: number, now = new Date(), access: ReadAccess = {}): Promise<CustomerProfile> {
  const customerId = await visibleCustomerId(db, workspaceId, requestedId, access.scope);
  const [row] = await db.query<Record<string, unknown>>(
    `SELECT c.*, a.*, c.name AS explicit_name, a.name AS event_name, c.added_at AS explicit_added_at,
            a.added_at AS event_added_at, c.created_at AS customer_created_at
     FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.customer_id = $2`,
    [workspaceId, customerId],
  );
  if (!row) throw new SiyuError('not_found', `customer ${requestedId} does not exist in workspace "${workspaceId}"`);
  const identities = await db.query<Identity>(
    `SELECT kind, value FROM customer_identities WHERE workspace_id = $1 AND customer_id = $2 ORDER BY kind, value`,
    [workspaceId, customerId],
  );
  const followers = await db.query<{ staff_id: string; added_at: Date | null; removed_at: Date | null }>(
    `SELECT staff_id, added_at, removed_at FROM customer_followers WHERE workspace_id = $1 AND customer_id = $2 ORDER BY added_at NULLS LAST`,
    [workspaceId, customerId],
  );
  const tags = await customerTags(db, workspaceId, [customerId], now);
  const lastAdded = row.last_added_at as Date | null;
  const lastRemoved = row.last_removed_at as Date | null;
  return {
    customerId,
    name: (row.explicit_name as string | null) ?? (row.event_name as string | null),
    gender: row.gender as string | null,
    ownerStaff: (row.owner_staff as string | null) ?? (row.added_by_staff as string | null),
    channel: (row.channel as string | null) ?? (row.added_channel as string | null),
    campaign: row.added_campaign as string | null,
    addedAt: iso(row.explicit_added_at ?? row.event_added_at),
    wecomFriend: identities.some((i) => i.kind === 'external_user_id'),
    contactRemoved: lastRemoved !== null && (lastAdded === null || lastRemoved >= lastAdded),
    identities: identitiesFor(identities, access.seesPhones ?? true),
    followers: followers.map((f) => ({ staffId: f.staff_id, addedAt: iso(f.added_at), removedAt: iso(f.removed_at) })),
    aggregates: aggregatesView(row, now.getTime()),
    tags: tags.get(customerId) ?? [],
    createdAt: iso(row.customer_created_at)!,
  };
}

/** The aggregates as shown to people and scripts: money in yuan, times in ISO 8601. */
export function aggregatesView(row: Record<string, unknown>, asOf: number): Record<string, unknown> {
  const complaintTimes = ((row.complaint_times as (Date | string)[] | null) ?? []).map((t) => new Date(t).getTime());
  return {
    events: row.events,
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    lastInteractionAt: iso(row.last_interaction_at),
    paidOrders: row.paid_orders,
    paidAmount: formatFen(row.paid_fen as number),
    refundedAmount: formatFen(row.refunded_fen as number),
    firstPaidAt: iso(row.first_paid_at),
    lastPaidAt: iso(row.last_paid_at),
    messagesReceived: row.messages_received,
    messagesSent: row.messages_sent,
    chatRounds: row.chat_rounds,
    customerInitiatedConversations: row.customer_conversations,
    lastPrivateChatAt: iso(row.last_private_chat_at),
    momentsInteractions: row.moments_interactions,
    groupInteractions: row.group_interactions,
    contentViews: row.content_views,
    contentShares: row.content_shares,
    formsSubmitted: row.forms_submitted,
    campaignsJoined: row.campaigns_joined,
    couponsIssued: row.coupons_issued,
    couponsRedeemed: row.coupons_redeemed,
    complaints: row.complaints,
    complaintsLast365Days: complaintTimes.filter((t) => t > asOf - 365 * 86_400_000 && t <= asOf).length,
    referrals: row.referrals,
  };
}

/** Live (unexpired) tags of some customers, with provenance. */
export async function customerTags(db: Queryable, workspaceId: string, customerIds: readonly number[], now: Date): Promise<Map<number, CustomerTag[]>> {
  const rows = await db.query<{
    customer_id: number; tag_id: number; tag: string; grp: string; category: string; source: string;
    source_id: string | null; reason: string | null; tagged_at: Date; expires_at: Date | null;
  }>(
    `SELECT ct.customer_id, ct.tag_id, t.name AS tag, g.name AS grp, c.name AS category, ct.source, ct.source_id,
            ct.reason, ct.tagged_at, ct.expires_at
     FROM customer_tags ct
     JOIN tags t ON t.workspace_id = ct.workspace_id AND t.tag_id = ct.tag_id
     JOIN tag_groups g ON g.workspace_id = ct.workspace_id AND g.group_id = ct.group_id
     JOIN tag_categories c ON c.workspace_id = g.workspace_id AND c.category_id = g.category_id
     WHERE ct.workspace_id = $1 AND ct.customer_id = ANY($2::bigint[]) AND (ct.expires_at IS NULL OR ct.expires_at > $3)
     ORDER BY c.name, g.name, t.name`,
    [workspaceId, [...customerIds], now],
  );
  const out = new Map<number, CustomerTag[]>();
  for (const r of rows) {
    const list = out.get(r.customer_id) ?? [];
    list.push({
      tagId: r.tag_id, group: r.grp, tag: r.tag, category: r.category, source: r.source, sourceId: r.source_id,
      reason: r.reason, taggedAt: iso(r.tagged_at)!, expiresAt: iso(r.expires_at),
    });
    out.set(r.customer_id, list);
  }
  return out;
}
