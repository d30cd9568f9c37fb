/**
 * The contact ledger (contact_touches) read for the policy: per customer, the trust level in
 * force and the touches that count — loaded for a whole batch in one query.
 */
import type { Queryable } from '../store/db.ts';
import type { ContactPolicy, CustomerContactState } from './policy.ts';

const DAY = 86_400_000;

export interface LoadedState extends CustomerContactState {
  /** Whether the customer already got (or is due to get) content with this key. */
  received: boolean;
}

/** The window of touch times the policy may look at for touches due between `from` and `to`. */
export function touchWindow(policy: ContactPolicy, from: number, to: number): { since: number; until: number } {
  return { since: from - (policy.frequencyCap.windowDays + 2) * DAY, until: to + 2 * DAY };
}

/**
 * SQL columns with the ledger state of `alias`.customer_id; parameters: $ws (workspace),
 * $since/$until (timestamptz), $contentKey (text or null).
 */
export function stateColumns(alias: string, p: { ws: number; since: number; until: number; contentKey: number }): string {
  const touches = (extra: string) =>
    `COALESCE((SELECT array_agg((extract(epoch FROM t.at) * 1000)::float8) FROM contact_touches t
       WHERE t.workspace_id = $${p.ws} AND t.customer_id = ${alias}.customer_id AND t.outcome IN ('planned', 'sent')
         AND t.at > $${p.since}::timestamptz AND t.at < $${p.until}::timestamptz AND ${extra}), '{}')`;
  return `(SELECT trust_level FROM customer_models m WHERE m.workspace_id = $${p.ws} AND m.customer_id = ${alias}.customer_id) AS trust_level,
    ${touches(`t.purpose = 'marketing'`)} AS marketing_touches,
    ${touches(`t.mass AND t.channel = 'private_chat'`)} AS mass_touches,
    ($${p.contentKey}::text IS NOT NULL AND EXISTS (SELECT 1 FROM contact_touches t WHERE t.workspace_id = $${p.ws}
       AND t.content_key = $${p.contentKey}::text AND t.customer_id = ${alias}.customer_id AND t.outcome IN ('planned', 'sent'))) AS received`;
}

export interface StateRow {
  trust_level: number | null;
  marketing_touches: number[];
  mass_touches: number[];
  received: boolean;
}

export const stateOf = (r: StateRow): LoadedState => ({
  trustLevel: r.trust_level === null ? null : Number(r.trust_level),
  marketingTouches: (r.marketing_touches ?? []).map(Number),
  massTouches: (r.mass_touches ?? []).map(Number),
  received: Boolean(r.received),
});

/** Ledger state of each of `customerIds`, plus their owner and name. */
export async function loadStates(
  q: Queryable, ws: string, customerIds: readonly number[], policy: ContactPolicy, from: number, to: number, contentKey: string | null = null,
): Promise<Map<number, LoadedState & { exists: boolean; ownerStaff: string | null; name: string | null }>> {
  const { since, until } = touchWindow(policy, from, to);
  const rows = await q.query<StateRow & { customer_id: number; exists: boolean; owner_staff: string | null; name: string | null }>(
    `SELECT u.customer_id, c.customer_id IS NOT NULL AS exists, COALESCE(c.owner_staff, a.added_by_staff) AS owner_staff, COALESCE(c.name, a.name) AS name,
            ${stateColumns('u', { ws: 1, since: 3, until: 4, contentKey: 5 })}
     FROM (SELECT DISTINCT unnest($2::bigint[]) AS customer_id) u
     LEFT JOIN customers c ON c.workspace_id = $1 AND c.customer_id = u.customer_id
     LEFT JOIN customer_aggregates a ON a.workspace_id = $1 AND a.customer_id = u.customer_id`,
    [ws, [...customerIds], new Date(since).toISOString(), new Date(until).toISOString(), contentKey],
  );
  return new Map(rows.map((r) => [Number(r.customer_id), { ...stateOf(r), exists: r.exists, ownerStaff: r.owner_staff, name: r.name }]));
}
