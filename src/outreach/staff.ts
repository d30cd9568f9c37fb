/**
 * The staff members a workspace knows: WeCom staff (the staff table), customers' owners and
 * follow users, and user accounts' staff ids, with a name where one is known. Pickers list
 * these, so a staff member without a console account (the demo's, a fresh WeCom sync's) can
 * still be chosen.
 */
import type { Queryable } from '../store/db.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';

export interface KnownStaff {
  staffId: string;
  /** The WeCom name, else the user account's name; null when neither is known. */
  name: string | null;
  /** Customers they own (not merged away), among those the caller may see. */
  customers: number;
  /** The console account with this staff id, if any. */
  login: string | null;
}

export async function knownStaff(q: Queryable, ws: string, scope: CustomerScope = ALL_CUSTOMERS): Promise<KnownStaff[]> {
  const sc = scopeCondition(scope, 'c', 2);
  const rows = await q.query<{ staff_id: string; staff_name: string | null; user_name: string | null; login: string | null; customers: string | number | null }>(
    `WITH ids AS (
       SELECT staff_id FROM staff WHERE workspace_id = $1
       UNION SELECT owner_staff FROM customers WHERE workspace_id = $1 AND owner_staff IS NOT NULL AND merged_into IS NULL
       UNION SELECT staff_id FROM customer_followers WHERE workspace_id = $1 AND removed_at IS NULL
       UNION SELECT staff_id FROM users WHERE workspace_id = $1 AND staff_id IS NOT NULL AND disabled_at IS NULL
     )
     SELECT ids.staff_id, s.name AS staff_name,
       (SELECT u.name FROM users u WHERE u.workspace_id = $1 AND u.staff_id = ids.staff_id AND u.disabled_at IS NULL ORDER BY u.user_id LIMIT 1) AS user_name,
       (SELECT u.login FROM users u WHERE u.workspace_id = $1 AND u.staff_id = ids.staff_id AND u.disabled_at IS NULL ORDER BY u.user_id LIMIT 1) AS login,
       (SELECT count(*) FROM customers c WHERE c.workspace_id = $1 AND c.owner_staff = ids.staff_id AND c.merged_into IS NULL AND ${sc.sql}) AS customers
     FROM ids LEFT JOIN staff s ON s.workspace_id = $1 AND s.staff_id = ids.staff_id
     ORDER BY ids.staff_id`,
    [ws, ...sc.params],
  );
  return rows.map((r) => ({ staffId: r.staff_id, name: r.staff_name ?? r.user_name, customers: Number(r.customers ?? 0), login: r.login }));
}

export interface KnownChannel { channel: string; name: string | null; customers: number }

/** Acquisition channels by code with their names (the channels table) and customers acquired, among those the caller may see. */
export async function knownChannels(q: Queryable, ws: string, scope: CustomerScope = ALL_CUSTOMERS): Promise<KnownChannel[]> {
  const sc = scopeCondition(scope, 'c', 2);
  const rows = await q.query<{ channel: string; name: string | null; customers: string | number }>(
    `WITH codes AS (
       SELECT channel FROM channels WHERE workspace_id = $1
       UNION SELECT c.channel FROM customers c WHERE c.workspace_id = $1 AND c.channel IS NOT NULL AND c.merged_into IS NULL AND ${sc.sql}
     )
     SELECT codes.channel, ch.name,
       (SELECT count(*) FROM customers c WHERE c.workspace_id = $1 AND c.channel = codes.channel AND c.merged_into IS NULL AND ${sc.sql}) AS customers
     FROM codes LEFT JOIN channels ch ON ch.workspace_id = $1 AND ch.channel = codes.channel ORDER BY codes.channel`,
    [ws, ...sc.params],
  );
  return rows.map((r) => ({ channel: r.channel, name: r.name, customers: Number(r.customers) }));
}
