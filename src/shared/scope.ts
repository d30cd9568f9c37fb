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
  // The owner is the one set by import/API/transfer, else the staff member who added the
  // customer (as the customer record shows it); followers are staff with a live contact.
  // Uncorrelated, so the planner builds the staff member's set once (a hashed subplan or a
  // semi-join over the staff indexes of migration 011) instead of probing per row.
  return {
    sql: `((${alias}.workspace_id, ${alias}.customer_id) IN (
            SELECT so.workspace_id, so.customer_id FROM customers so WHERE so.owner_staff = $${param}::text
            UNION ALL
            SELECT sa.workspace_id, sa.customer_id FROM customer_aggregates sa
              JOIN customers sc ON sc.workspace_id = sa.workspace_id AND sc.customer_id = sa.customer_id AND sc.owner_staff IS NULL
              WHERE sa.added_by_staff = $${param}::text
            UNION ALL
            SELECT sf.workspace_id, sf.customer_id FROM customer_followers sf WHERE sf.staff_id = $${param}::text AND sf.removed_at IS NULL))`,
    params: [scope.staffId],
  };
}
