/**
 * Remarks (备注) and descriptions both ways (spec §4.13). WeCom keeps one remark per member
 * and contact; Siyu's customer record holds the owning staff member's. A person's edit in
 * Siyu marks the record (remark_dirty) and is written here with externalcontact/remark; what
 * WeCom says (externalcontact/get, batch/get_by_user, an edit_external_contact callback) is
 * taken in by pullRemark unless a Siyu edit is still waiting — the newer intent wins.
 */
import type { Db, Queryable } from '../store/db.ts';
import { WecomApiError, type WecomClient } from './client.ts';
import { defaultClientFactory, requireWecomConfig, type ClientFactory } from './config.ts';
import type { FollowUser } from './mapping.ts';

export interface RemarkPushReport {
  pushed: number;
  /** Not a WeCom contact (a shop buyer, an import): the remark stays Siyu's own. */
  local: number;
  failed: { customerId: number; reason: string }[];
  retried: number;
}

const RETRY_KINDS = new Set(['transport', 'rate_limited', 'busy', 'token']);

export async function pushRemarks(db: Db, ws: string, opts: { client?: WecomClient; clientFactory?: ClientFactory; limit?: number } = {}): Promise<RemarkPushReport> {
  const report: RemarkPushReport = { pushed: 0, local: 0, failed: [], retried: 0 };
  const rows = await db.query<{ customer_id: number; remark: string | null; description: string | null; owner: string | null; ext: string | null }>(
    `SELECT c.customer_id, c.remark, c.description, COALESCE(c.owner_staff, a.added_by_staff) AS owner,
            (SELECT i.value FROM customer_identities i WHERE i.workspace_id = c.workspace_id AND i.customer_id = c.customer_id
               AND i.kind = 'external_user_id' ORDER BY i.first_seen_at DESC LIMIT 1) AS ext
     FROM customers c LEFT JOIN customer_aggregates a USING (workspace_id, customer_id)
     WHERE c.workspace_id = $1 AND c.remark_dirty AND c.merged_into IS NULL ORDER BY c.customer_id LIMIT $2`,
    [ws, opts.limit ?? 2000],
  );
  if (rows.length === 0) return report;
  const local = rows.filter((r) => !r.ext || !r.owner);
  if (local.length > 0) {
    await db.query(`UPDATE customers SET remark_dirty = false WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
      [ws, local.map((r) => r.customer_id)]);
    report.local = local.length;
  }
  const todo = rows.filter((r) => r.ext && r.owner);
  if (todo.length === 0) return report;
  const client = opts.client ?? (opts.clientFactory ?? defaultClientFactory())(await requireWecomConfig(db, ws));
  for (const r of todo) {
    // Both fields always: "" clears WeCom's (§4.13), so a remark removed in Siyu is removed there.
    const remark = r.remark ?? '';
    const description = r.description ?? '';
    try {
      await client.remark({ userid: r.owner!, external_userid: r.ext!, remark, description });
    } catch (err) {
      if (!(err instanceof WecomApiError)) throw err;
      if (RETRY_KINDS.has(err.kind)) { report.retried++; continue; }
      // Refused for good (84061 no relationship, 60011 outside the visible range …): shown on the record.
      await db.query(
        `UPDATE customers SET remark_dirty = false, remark_sync_error = $3 WHERE workspace_id = $1 AND customer_id = $2
           AND remark IS NOT DISTINCT FROM $4 AND description IS NOT DISTINCT FROM $5`,
        [ws, r.customer_id, err.message, r.remark, r.description]);
      report.failed.push({ customerId: Number(r.customer_id), reason: err.message });
      continue;
    }
    // A newer edit made while the call was out stays marked for the next pass.
    await db.query(
      `UPDATE customers SET remark_dirty = false, remark_synced_at = now(), remark_sync_error = NULL WHERE workspace_id = $1 AND customer_id = $2
         AND remark IS NOT DISTINCT FROM $3 AND description IS NOT DISTINCT FROM $4`,
      [ws, r.customer_id, r.remark, r.description]);
    await db.query(`UPDATE wecom_follows SET remark = $4 WHERE workspace_id = $1 AND external_userid = $2 AND userid = $3`,
      [ws, r.ext, r.owner, remark || null]);
    report.pushed++;
  }
  return report;
}

/** WeCom's remark of a member for a contact → the customer's record, when that member owns the customer and no Siyu edit waits. */
export async function pullRemark(tx: Queryable, ws: string, externalUserId: string, f: FollowUser): Promise<void> {
  // A follow known only from a callback's ids says nothing about the remark.
  if (f.remark === undefined && f.description === undefined) return;
  const remark = f.remark === undefined ? undefined : f.remark.trim() || null;
  const description = f.description === undefined ? undefined : f.description.trim() || null;
  await tx.query(
    `UPDATE customers c SET remark = CASE WHEN $6 THEN $4 ELSE c.remark END, description = CASE WHEN $7 THEN $5 ELSE c.description END,
       remark_synced_at = now(), remark_sync_error = NULL, updated_at = now()
     FROM customer_identities i, customer_aggregates a
     WHERE i.workspace_id = $1 AND i.kind = 'external_user_id' AND i.value = $2
       AND c.workspace_id = i.workspace_id AND c.customer_id = i.customer_id AND c.merged_into IS NULL
       AND a.workspace_id = c.workspace_id AND a.customer_id = c.customer_id
       AND COALESCE(c.owner_staff, a.added_by_staff) = $3 AND NOT c.remark_dirty
       AND (($6 AND c.remark IS DISTINCT FROM $4) OR ($7 AND c.description IS DISTINCT FROM $5))`,
    [ws, externalUserId, f.userid, remark ?? null, description ?? null, remark !== undefined, description !== undefined],
  );
}
