/**
 * Which customers a caller may see. Staff see only the customers they own or follow; the
 * scope is applied in the SQL of every read (records, counts, previews, exports, boards),
 * never filtered afterwards.
 */
export type CustomerScope = { kind: 'all' } | { kind: 'staff'; staffId: string };

export const ALL_CUSTOMERS: CustomerScope = { kind: 'all' };

/**
 * A SQL condition limiting `alias` (a row with workspace_id and customer_id columns) to the
 * scope. `param` is the number of the placeholder to use for the staff id; the caller
 * appends `params` to its own. An all-customers scope adds no condition and no parameter.
 */
export function scopeCondition(scope: CustomerScope, alias: string, param: number): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'true', params: [] };
  return {
    // The owner is the one set by import/API/transfer, else the staff member who added the
    // customer (as the customer record shows it); followers are staff with a live contact.
    sql: `(EXISTS (SELECT 1 FROM customers sc LEFT JOIN customer_aggregates sa ON sa.workspace_id = sc.workspace_id AND sa.customer_id = sc.customer_id
            WHERE sc.workspace_id = ${alias}.workspace_id AND sc.customer_id = ${alias}.customer_id
            AND COALESCE(sc.owner_staff, sa.added_by_staff) = $${param}::text)
       OR EXISTS (SELECT 1 FROM customer_followers sf WHERE sf.workspace_id = ${alias}.workspace_id
            AND sf.customer_id = ${alias}.customer_id AND sf.staff_id = $${param}::text AND sf.removed_at IS NULL))`,
    params: [scope.staffId],
  };
}
