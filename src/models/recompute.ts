/**
 * Full recompute: what time alone changes (recency, period windows, decay) and what a
 * configuration change changes. One transaction, so a failure never leaves half-updated
 * segments visible; its state (running / done / failed, with the error) is in model_runs.
 */
import type { Db, Queryable } from '../store/db.ts';
import { isConnectionError } from '../store/unavailable.ts';
import { getModelConfig, requireWorkspace, workspaceLock, type ModelConfig } from '../workspaces/index.ts';
import { evaluate } from './evaluate.ts';
import { loadInputs, loadStats, refreshStats, writeOutputs, type ModelCause, type Placed, type StoredRow } from './store.ts';
import type { WorkspaceStats } from './types.ts';
import { refitClv } from './clv-store.ts';

const PAGE = 5000;

export interface RecomputeOptions {
  asOf?: number;
  cause?: ModelCause;
  /** Keep the stored workspace statistics (means, quintiles, top-20 % line) instead of refreshing them. */
  keepStats?: boolean;
  onProgress?: (done: number) => void;
}

export interface RecomputeResult {
  runId: number;
  status: 'done' | 'failed';
  asOf: string;
  customers: number;
  moved: number;
  historyRows: number;
  seconds: number;
  error?: string;
}

/** Page through every live customer: evaluate, and hand each page to `fn`. */
export async function forEachCustomerPage(
  q: Queryable,
  workspaceId: string,
  asOf: number,
  config: ModelConfig,
  stats: WorkspaceStats,
  timeZone: string,
  fn: (page: Placed[], stored: Map<number, StoredRow>) => Promise<void>,
): Promise<void> {
  const [{ hi } = { hi: null }] = await q.query<{ hi: number | null }>(
    `SELECT max(customer_id) AS hi FROM customers WHERE workspace_id = $1`, [workspaceId]);
  if (hi === null) return;
  // Walk id ranges rather than fetching id lists: one query per page, index range scans.
  for (let after = 0; after < hi; after += PAGE) {
    const { inputs, stored } = await loadInputs(q, workspaceId, { range: [after, after + PAGE] }, asOf, config, timeZone);
    if (inputs.length === 0) continue;
    await fn(inputs.map((input) => ({
      customerId: input.customerId, output: evaluate(input, config, stats, asOf, timeZone), engagementLog2: input.engagementLog2,
    })), stored);
  }
}

export async function recompute(db: Db, workspaceId: string, opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const ws = await requireWorkspace(db, workspaceId);
  const asOf = opts.asOf ?? Date.now();
  const cause = opts.cause ?? 'recompute';
  const started = performance.now();
  // Fresh statistics first: after a bulk load the planner's picture of these tables is stale,
  // and a wrong guess turns each page's index probes into a scan of the whole workspace.
  await db.exec('ANALYZE customers, customer_aggregates, customer_models, customer_identities, orders, customer_tags, model_pins');
  // A queued run (left by a bulk load) is the one this run carries out.
  const [run] = await db.query<{ run_id: number }>(
    `WITH queued AS (
       UPDATE model_runs SET status = 'running', started_at = now(), as_of = $2
       WHERE workspace_id = $1 AND run_id = (SELECT min(run_id) FROM model_runs WHERE workspace_id = $1 AND status = 'queued')
       RETURNING run_id)
     SELECT run_id FROM queued`,
    [workspaceId, new Date(asOf)],
  ).then(async (rows) => rows.length > 0 ? rows : db.query<{ run_id: number }>(
    `INSERT INTO model_runs (workspace_id, status, cause, as_of, started_at) VALUES ($1, 'running', $2, $3, now()) RETURNING run_id`,
    [workspaceId, cause, new Date(asOf)],
  ));
  const runId = run!.run_id;
  try {
    const totals = await db.transaction(async (tx) => {
      await workspaceLock(tx, workspaceId);
      // Holding the workspace lock, no other run of this workspace can be alive.
      await tx.query(
        `UPDATE model_runs SET status = 'failed', error = 'the process running it stopped before it finished', finished_at = now()
         WHERE workspace_id = $1 AND status = 'running' AND run_id <> $2`,
        [workspaceId, runId],
      );
      const config = await getModelConfig(tx, workspaceId);
      const stats = opts.keepStats
        ? ((await loadStats(tx, workspaceId)) ?? (await refreshStats(tx, workspaceId, asOf, ws.timeZone, config)))
        : await refreshStats(tx, workspaceId, asOf, ws.timeZone, config);
      const t = { customers: 0, moved: 0, historyRows: 0 };
      await forEachCustomerPage(tx, workspaceId, asOf, config, stats, ws.timeZone, async (page, stored) => {
        const w = await writeOutputs(tx, workspaceId, page, asOf, cause, stored);
        t.customers += w.evaluated;
        t.moved += w.moved;
        t.historyRows += w.historyRows;
        opts.onProgress?.(t.customers);
      });
      // Predicted value is refitted on the same orders, and its fit kept with this run.
      await refitClv(tx, workspaceId, runId, asOf);
      return t;
    });
    await db.query(
      `UPDATE model_runs SET status = 'done', customers = $3, changed = $4, finished_at = now() WHERE workspace_id = $1 AND run_id = $2`,
      [workspaceId, runId, totals.customers, totals.moved],
    );
    return { runId, status: 'done', asOf: new Date(asOf).toISOString(), ...totals, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Lost the database: nothing of the run was committed, so the run goes back to the queue
    // (best effort: if the database is still away, the next run sweeps it as stopped).
    await db.query(
      isConnectionError(err)
        ? `UPDATE model_runs SET status = 'queued', error = $3, started_at = NULL WHERE workspace_id = $1 AND run_id = $2`
        : `UPDATE model_runs SET status = 'failed', error = $3, finished_at = now() WHERE workspace_id = $1 AND run_id = $2`,
      [workspaceId, runId, message],
    ).catch((e: unknown) => { if (!isConnectionError(e)) throw e; });
    throw err;
  }
}

/**
 * Ask for a full recompute, durably and in the caller's transaction: bulk loads skip
 * placing customers batch by batch, and the queued run (picked up by the import command
 * at its end, or by the server within a minute) places everyone once.
 */
export async function queueRecompute(tx: Queryable, workspaceId: string, cause: string): Promise<void> {
  await tx.query(
    `INSERT INTO model_runs (workspace_id, status, cause, as_of)
     SELECT $1, 'queued', $2, now() WHERE NOT EXISTS (SELECT 1 FROM model_runs WHERE workspace_id = $1 AND status = 'queued')`,
    [workspaceId, `bulk load (${cause})`],
  );
}

export async function hasQueuedRecompute(q: Queryable, workspaceId: string): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM model_runs WHERE workspace_id = $1 AND status = 'queued' LIMIT 1`, [workspaceId]);
  return rows.length > 0;
}

export interface ModelRun {
  runId: number;
  status: string;
  cause: string;
  asOf: string;
  customers: number | null;
  changed: number | null;
  error: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Recent runs, newest first. A run's totals (customers placed, changed) are of the whole
 * workspace; `withTotals: false` (staff) leaves them out rather than show figures beyond
 * the caller's customers.
 */
export async function listRuns(q: Queryable, workspaceId: string, limit = 20, opts: { withTotals?: boolean } = {}): Promise<ModelRun[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT run_id, status, cause, as_of, requested_at, started_at, finished_at, error,
       CASE WHEN $3::boolean THEN customers END AS customers, CASE WHEN $3::boolean THEN changed END AS changed
     FROM model_runs WHERE workspace_id = $1 ORDER BY run_id DESC LIMIT $2`,
    [workspaceId, limit, opts.withTotals ?? true],
  );
  const t = (v: unknown) => (v == null ? null : new Date(v as Date).toISOString());
  return rows.map((r) => ({
    runId: r.run_id as number, status: r.status as string, cause: r.cause as string, asOf: t(r.as_of)!,
    customers: r.customers as number | null, changed: r.changed as number | null, error: r.error as string | null,
    requestedAt: t(r.requested_at)!, startedAt: t(r.started_at), finishedAt: t(r.finished_at),
  }));
}

