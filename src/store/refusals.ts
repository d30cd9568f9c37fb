/**
 * Refused unauthenticated requests, counted per minute instead of stored one by one, so a
 * flood of bad signatures costs a row a minute. The first refusal of a minute is worth a
 * log line; the rest are only counted.
 */
import type { Queryable } from './db.ts';

export interface Refusal {
  workspaceId: string;
  channel: 'wecom' | 'shop';
  /** The WeCom method (GET/POST) or the shop source. */
  source: string;
  code: string;
  reason: string;
  address: string;
  at: number;
}

export const REFUSALS_KEPT_MS = 30 * 24 * 3600_000;

/** Count a refusal; true when it is the first of its minute (log it then). Unknown workspaces are not recorded. */
export async function countRefusal(q: Queryable, r: Refusal): Promise<boolean> {
  const rows = await q.query<{ first: boolean }>(
    `INSERT INTO refused_requests (workspace_id, channel, source, minute, code, requests, reason, address, last_at)
     SELECT $1, $2, $3, date_trunc('minute', to_timestamp($4::double precision / 1000)), $5, 1, $6, $7, clock_timestamp()
     WHERE EXISTS (SELECT 1 FROM workspaces WHERE workspace_id = $1)
     ON CONFLICT (workspace_id, channel, source, minute, code)
       DO UPDATE SET requests = refused_requests.requests + 1, reason = excluded.reason, address = excluded.address,
         last_at = excluded.last_at
     RETURNING (xmax = 0) AS first`,
    [r.workspaceId, r.channel, r.source.slice(0, 100), r.at, r.code, r.reason.slice(0, 500), r.address.slice(0, 64)],
  );
  return rows[0]?.first ?? false;
}

export interface RefusalCount {
  minute: string;
  source: string;
  code: string;
  requests: number;
  reason: string;
  address: string;
}

export async function recentRefusals(q: Queryable, workspaceId: string, channel: Refusal['channel'], limit: number, source?: string): Promise<RefusalCount[]> {
  const rows = await q.query<{ minute: Date; source: string; code: string; requests: number; reason: string; address: string }>(
    `SELECT minute, source, code, requests, reason, address FROM refused_requests
     WHERE workspace_id = $1 AND channel = $2 AND ($4::text IS NULL OR source = $4::text)
     ORDER BY minute DESC, last_at DESC LIMIT $3::int`,
    [workspaceId, channel, limit, source ?? null],
  );
  return rows.map((r) => ({ ...r, minute: new Date(r.minute).toISOString() }));
}

/** Housekeeping: counts older than 30 days go. */
export async function purgeRefusals(q: Queryable, now: number): Promise<number> {
  return (await q.query(`DELETE FROM refused_requests WHERE minute < $1 RETURNING 1`, [new Date(now - REFUSALS_KEPT_MS)])).length;
}
