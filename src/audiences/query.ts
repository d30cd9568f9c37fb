/**
 * Counting and enumerating an audience. The caller's scope is part of the SQL (a staff
 * member's count is the count of *their* customers), merged records are never members,
 * and names in the filter are resolved (and reported) before anything runs.
 */
import { scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import { compileFilter } from './compile.ts';
import type { AudienceFilter } from './filter.ts';
import { resolveFilter } from './resolve.ts';

export interface AudienceOptions {
  /** "Now" for within-N-days and engagement decay (epoch ms); default: the server's clock. */
  now?: number;
  /** Free text (name, phone, identity), ANDed with the filter. */
  search?: string;
}

/**
 * The WHERE clause over `customers c` for workspace $1: not merged, in scope, matching.
 * Parameters start at $2 (plus whatever the caller appends after `params`).
 */
export async function audienceWhere(
  q: Queryable, ws: string, filter: AudienceFilter | undefined, scope: CustomerScope, opts: AudienceOptions = {},
): Promise<{ sql: string; params: unknown[] }> {
  const parts: AudienceFilter[] = [];
  if (filter) parts.push(filter);
  if (opts.search?.trim()) parts.push({ field: 'search', value: opts.search });
  const params: unknown[] = [ws];
  let sql = `c.workspace_id = $1 AND c.merged_into IS NULL`;
  if (parts.length > 0) {
    const resolved = await resolveFilter(q, ws, parts.length === 1 ? parts[0]! : { and: parts }, opts.now === undefined ? {} : { now: opts.now });
    const compiled = compileFilter(resolved.filter, params.length + 1, { ...resolved.ctx, workspaceId: ws });
    sql += ` AND ${compiled.sql}`;
    params.push(...compiled.params);
  }
  const s = scopeCondition(scope, 'c', params.length + 1);
  if (s.params.length > 0 || s.sql !== 'true') {
    sql += ` AND ${s.sql}`;
    params.push(...s.params);
  }
  return { sql, params };
}

/**
 * Run an audience query with JIT off: over a million rows the planner's cost crosses the
 * JIT threshold, and compiling the expressions (≈ 200 ms) costs more than it saves on a
 * query meant to answer in well under that. A caller's transaction is joined as it is.
 */
export async function withoutJit<T>(q: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  const db = q as Partial<Db>;
  if (db.kind !== 'server' || typeof db.transaction !== 'function') return fn(q);
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return fn(tx);
  });
}

export async function countAudience(q: Queryable, ws: string, filter: AudienceFilter | undefined, scope: CustomerScope, opts: AudienceOptions = {}): Promise<number> {
  return withoutJit(q, async (tx) => {
    const w = await audienceWhere(tx, ws, filter, scope, opts);
    const [row] = await tx.query<{ n: string | number }>(`SELECT count(*) AS n FROM customers c WHERE ${w.sql}`, w.params);
    return Number(row?.n ?? 0);
  });
}

/** Which of these customers match (for rules and journey entry conditions: no scope, everyone the workspace has). */
export async function matchCustomers(q: Queryable, ws: string, filter: AudienceFilter, customerIds: readonly number[], opts: { now?: number } = {}): Promise<Set<number>> {
  if (customerIds.length === 0) return new Set();
  const w = await audienceWhere(q, ws, filter, { kind: 'all' }, opts);
  const rows = await q.query<{ customer_id: number | string }>(
    `SELECT c.customer_id FROM customers c WHERE c.customer_id = ANY($${w.params.length + 1}::bigint[]) AND ${w.sql}`,
    [...w.params, [...customerIds]],
  );
  return new Set(rows.map((r) => Number(r.customer_id)));
}

/** One keyset page of member ids, ascending: for senders walking an audience of millions. */
export async function audienceCustomerIds(
  q: Queryable, ws: string, filter: AudienceFilter | undefined, scope: CustomerScope, opts: { limit?: number; afterId?: number; now?: number } = {},
): Promise<number[]> {
  const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? 1000)), 100_000);
  return withoutJit(q, async (tx) => {
    const w = await audienceWhere(tx, ws, filter, scope, opts.now === undefined ? {} : { now: opts.now });
    const n = w.params.length;
    const rows = await tx.query<{ customer_id: number | string }>(
      `SELECT c.customer_id FROM customers c WHERE c.customer_id > $${n + 1}::bigint AND ${w.sql} ORDER BY c.customer_id LIMIT $${n + 2}::int`,
      [...w.params, opts.afterId ?? 0, limit],
    );
    return rows.map((r) => Number(r.customer_id));
  });
}
