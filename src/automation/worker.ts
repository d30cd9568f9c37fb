/**
 * The automation worker (DESIGN §5): claims a batch of signals with FOR UPDATE SKIP LOCKED,
 * decides which rules fire (pure), records the firings, applies the actions, calls the SOP
 * hooks for stage entries and exits, and deletes the signals — one transaction, so a crash
 * loses nothing and nothing runs twice. Several workers (processes) can share the queue.
 */
import type { Db, Queryable } from '../store/db.ts';
import { Backoff } from '../store/unavailable.ts';
import { workspaceLock } from '../workspaces/index.ts';
import { fire, recordRefusals } from './firing.ts';
import { DEFAULT_MAX_DEPTH, planFirings, type Signal, type SignalKind } from './match.ts';
import { onStageEntered, onStageLeft, sopStageTags } from './ports.ts';
import { activeRules } from './rules.ts';
import { runTimers } from './timers.ts';
import { deliverWebhooks } from './webhooks.ts';

export interface ProcessOptions {
  workspaceId?: string;
  /** Signals per transaction. */
  limit?: number;
  now?: number;
  maxDepth?: number;
}

export interface ProcessResult {
  processed: number;
  fired: number;
  refused: number;
  errors: number;
}

interface SignalRow {
  workspace_id: string; signal_id: number; kind: SignalKind; key: string; customer_id: number; ref: string;
  payload: Record<string, unknown>; at: Date; depth: number; chain: number[];
}

/** One batch: claim, evaluate, apply, delete. Call until `processed` is 0 to drain the queue. */
export async function processSignals(db: Db, opts: ProcessOptions = {}): Promise<ProcessResult> {
  const now = new Date(opts.now ?? Date.now());
  return db.transaction(async (tx) => {
    const rows = await tx.query<SignalRow>(
      `SELECT workspace_id, signal_id, kind, key, customer_id, ref, payload, at, depth, chain FROM automation_signals
       WHERE ($1::text IS NULL OR workspace_id = $1) ORDER BY signal_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [opts.workspaceId ?? null, opts.limit ?? 500],
    );
    const result: ProcessResult = { processed: rows.length, fired: 0, refused: 0, errors: 0 };
    if (rows.length === 0) return result;
    const byWorkspace = new Map<string, Signal[]>();
    for (const r of rows) {
      let list = byWorkspace.get(r.workspace_id);
      if (!list) byWorkspace.set(r.workspace_id, (list = []));
      list.push({
        signalId: r.signal_id, kind: r.kind, key: r.key, customerId: r.customer_id, ref: r.ref, payload: r.payload,
        at: r.at.getTime(), depth: r.depth, chain: (r.chain ?? []).map(Number),
      });
    }
    for (const [ws, signals] of byWorkspace) {
      // Every writer of a workspace's customers takes this lock first: no deadlocks with intake.
      await workspaceLock(tx, ws);
      await stageHooks(tx, ws, signals, now);
      const rules = await activeRules(tx, ws);
      const plan = planFirings(rules, signals, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
      await recordRefusals(tx, ws, plan.refused);
      result.refused += plan.refused.length;
      const r = await fire(tx, ws, plan.firings, now);
      result.fired += r.fired;
      result.errors += r.errors;
    }
    await tx.query(
      `DELETE FROM automation_signals s USING unnest($1::text[], $2::bigint[]) AS d(workspace_id, signal_id)
       WHERE s.workspace_id = d.workspace_id AND s.signal_id = d.signal_id`,
      [rows.map((r) => r.workspace_id), rows.map((r) => r.signal_id)],
    );
    return result;
  });
}

/** SOPs follow their stages: entries and exits of the tags they hang on (journey stages, interest tags …), in the order they happened. */
async function stageHooks(tx: Queryable, ws: string, signals: readonly Signal[], now: Date): Promise<void> {
  const tagSignals = signals.filter((s) => s.kind === 'tag_added' || s.kind === 'tag_removed');
  if (tagSignals.length === 0) return;
  const stages = await sopStageTags(tx, ws, [...new Set(tagSignals.map((s) => Number(s.key)))]);
  if (stages.size === 0) return;
  let run: { kind: SignalKind; items: { customerId: number; stageTagId: number; at: Date }[] } | undefined;
  const flush = async () => {
    if (!run || run.items.length === 0) return;
    if (run.kind === 'tag_added') await onStageEntered(tx, ws, run.items, now);
    else await onStageLeft(tx, ws, run.items, now);
  };
  for (const s of tagSignals) {
    if (!stages.has(Number(s.key))) continue;
    if (!run || run.kind !== s.kind) {
      await flush();
      run = { kind: s.kind, items: [] };
    }
    run.items.push({ customerId: s.customerId, stageTagId: Number(s.key), at: new Date(s.at) });
  }
  await flush();
}

/** Drain the queue (tests, CLI, benchmarks): batches until nothing is left. */
export async function drainSignals(db: Db, opts: ProcessOptions = {}): Promise<ProcessResult> {
  const total: ProcessResult = { processed: 0, fired: 0, refused: 0, errors: 0 };
  for (;;) {
    const r = await processSignals(db, opts);
    total.processed += r.processed; total.fired += r.fired; total.refused += r.refused; total.errors += r.errors;
    if (r.processed === 0) return total;
  }
}

/** Workers running in this process: the API kicks them after committing events. */
const running = new Set<AutomationWorker>();

/** Something that rules may react to was just committed: wake the workers of this process now. */
export function notifyAutomation(): void {
  for (const w of running) w.kick();
}

export interface AutomationWorker {
  stop(): Promise<void>;
  /** Something was just committed: look now instead of at the next poll. */
  kick(): void;
  /** Whether notifications from other processes are arriving (server store). */
  readonly listening: boolean;
}

/**
 * Poll the queue: right away after a kick or a full batch, backing off to `idleMs` (50 ms)
 * when empty. On the server store the worker also LISTENs (migration 029 notifies at the
 * commit of every batch of signals, from any process): while that connection is up, the
 * idle poll slows to `listeningPollMs` (1 s) — a fallback only — and signals queued by
 * another process (`siyu serve` ×N, `siyu worker`) wake it at once instead of at the next
 * poll. Timers (elapsed-time rules) and webhook deliveries run every `timersMs`.
 */
export function startAutomationWorker(db: Db, opts: { idleMs?: number; maxIdleMs?: number; listeningPollMs?: number; timersMs?: number; limit?: number; log?: (line: string) => void } = {}): AutomationWorker {
  const idleMs = opts.idleMs ?? 50;
  const pollingIdleMs = opts.maxIdleMs ?? 50;
  let maxIdleMs = pollingIdleMs;
  let listening = false;
  const timersMs = opts.timersMs ?? 30_000;
  const log = opts.log ?? ((line: string) => console.error(line));
  let stopped = false;
  let wake: (() => void) | undefined;
  let kicked = false;
  let lastTimers = 0;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    if (kicked) { kicked = false; resolve(); return; }
    const t = setTimeout(() => { wake = undefined; resolve(); }, ms);
    wake = () => { clearTimeout(t); wake = undefined; resolve(); };
  });
  const backoff = new Backoff('automation worker', log);
  const listener = db.listen?.('siyu_automation', () => worker.kick(), (up) => {
    listening = up;
    maxIdleMs = up ? (opts.listeningPollMs ?? 1000) : pollingIdleMs;
    if (!up) worker.kick();
  }).catch((err: unknown) => {
    log(`automation worker: not listening for notifications (polling instead): ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  });
  const loop = (async () => {
    let idle = idleMs;
    while (!stopped) {
      try {
        const r = await processSignals(db, { limit: opts.limit ?? 500 });
        if (Date.now() - lastTimers >= timersMs) {
          lastTimers = Date.now();
          await runTimers(db, { now: Date.now() });
          await deliverWebhooks(db, { now: Date.now() });
        }
        backoff.succeeded();
        if (r.processed > 0) { idle = idleMs; continue; }
        idle = Math.min(maxIdleMs, idle * 2);
      } catch (err) {
        if (stopped) break;
        // The batch's transaction rolled back: its signals stay queued for the next attempt.
        idle = backoff.failed(err);
        kicked = false;
      }
      await sleep(idle);
    }
  })();
  const worker: AutomationWorker = {
    kick() { if (wake) wake(); else kicked = true; },
    async stop() { stopped = true; running.delete(worker); wake?.(); await loop; await (await listener)?.close(); },
    get listening() { return listening; },
  };
  running.add(worker);
  return worker;
}
