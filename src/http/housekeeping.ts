/**
 * Periodic work of a running server: expired tags, sessions, sign-in counters and refusal
 * counts go, and once a day each workspace is re-segmented (what time alone changes:
 * recency, period windows, decay). Each step is
 * its own transaction, so a crash mid-pass leaves nothing half done and the next pass
 * picks it up.
 */
import type { Db } from '../store/db.ts';
import { Backoff } from '../store/unavailable.ts';
import { localDate } from '../shared/time.ts';
import { listWorkspaces } from '../workspaces/index.ts';
import { purgeExpiredTags } from '../tags/index.ts';
import { purgeAuthRecords } from '../auth/index.ts';
import { purgeRefusedDeliveries } from '../shop/index.ts';
import { purgeRefusals } from '../store/refusals.ts';
import { hasQueuedRecompute, recompute } from '../models/index.ts';
import { startWecomWorker } from '../wecom/index.ts';
import { startSopWorker } from '../sop/index.ts';
import { ensureSnapshots, createUnansweredTasks, syncContentItems } from '../analytics/index.ts';
import { processCoupons } from '../coupons/index.ts';
import { startSchedulingWorker } from '../scheduling/index.ts';

/** Whether the workspace has had a successful full recompute today (its own calendar day). */
async function segmentedToday(db: Db, workspaceId: string, timeZone: string, now: number): Promise<boolean> {
  const [row] = await db.query<{ as_of: Date | null }>(
    `SELECT max(as_of) AS as_of FROM model_runs WHERE workspace_id = $1 AND status = 'done'`,
    [workspaceId],
  );
  return !!row?.as_of && localDate(timeZone, row.as_of.getTime()) === localDate(timeZone, now);
}

/** Workspaces whose content list has had its first full pass in this process. */
const contentSynced = new Set<string>();

/** Workspaces whose re-segmentation failed: tried again at the next pass, whatever the calendar says. */
const owed = new Set<string>();


/**
 * One pass. On the PostgreSQL server several processes (`siyu serve` ×N, `siyu worker`) run
 * housekeeping: the pass holds a transaction-level advisory lock for its length, taken with
 * try-lock, so the others skip that tick instead of re-segmenting a workspace a second time.
 * (The embedded store is one process; its single connection cannot hold a second transaction.)
 */
export async function housekeepingPass(db: Db, now = Date.now(), log: (line: string) => void = console.log): Promise<void> {
  if (db.kind !== 'server') return housekeepingWork(db, now, log);
  await db.transaction(async (tx) => {
    const [lock] = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('siyu.housekeeping:' || current_schema())) AS ok`);
    if (lock?.ok) await housekeepingWork(db, now, log);
  });
}

async function housekeepingWork(db: Db, now: number, log: (line: string) => void): Promise<void> {
  await purgeAuthRecords(db, new Date(now));
  // Unauthenticated traffic leaves counts, not rows; the counts too expire.
  await purgeRefusals(db, now);
  await purgeRefusedDeliveries(db, now);
  for (const ws of await listWorkspaces(db)) {
    const c = await processCoupons(db, ws.workspaceId, now);
    if (c.issuedFromTasks + c.redeemed + c.expired > 0) log(`[${ws.workspaceId}] coupons: ${c.issuedFromTasks} issued by sent tasks, ${c.redeemed} redeemed, ${c.expired} lapsed`);
    const n = await purgeExpiredTags(db, ws.workspaceId, new Date(now));
    if (n > 0) log(`[${ws.workspaceId}] ${n} expired tag(s) removed`);
    // A customer left waiting more than 30 service-hour minutes: one task for the owner per conversation.
    const unanswered = await createUnansweredTasks(db, ws.workspaceId, now);
    if (unanswered.created > 0) log(`[${ws.workspaceId}] ${unanswered.created} service task(s) for unanswered customer messages`);
    // Content ids the events name join the content list (the whole history on a server's first pass).
    await syncContentItems(db, ws.workspaceId, contentSynced.has(ws.workspaceId) ? now - 86_400_000 : 0);
    contentSynced.add(ws.workspaceId);
    const queued = await hasQueuedRecompute(db, ws.workspaceId);
    if (queued || owed.has(ws.workspaceId) || !(await segmentedToday(db, ws.workspaceId, ws.timeZone, now))) {
      owed.add(ws.workspaceId);
      const r = await recompute(db, ws.workspaceId, { asOf: now, cause: 'recompute' });
      owed.delete(ws.workspaceId);
      log(`[${ws.workspaceId}] ${queued ? 're-segmentation after a bulk load' : 'daily re-segmentation'}: ${r.customers} customers, ${r.moved} moved, ${r.seconds.toFixed(1)} s`);
    }
    // The day's distribution is frozen from the placements (hourly while the day lasts);
    // days missed while the server was down are replayed from history.
    const s = await ensureSnapshots(db, ws.workspaceId, now, { today: true });
    if (s.replayed.length > 0) log(`[${ws.workspaceId}] history: ${s.replayed.length} daily snapshot(s) replayed, ${s.seconds.toFixed(1)} s`);
  }
}

export function startHousekeeping(db: Db, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const backoff = new Backoff('housekeeping', (line) => console.error(line), everyMs, 10 * everyMs);
  const tick = () => {
    if (!backoff.ready()) return;
    running = running.then(() => housekeepingPass(db)).then(() => backoff.succeeded(), (err: unknown) => void backoff.failed(err));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  const wecom = startWecomWorker(db);
  const sop = startSopWorker(db, { everyMs: 30_000 });
  const scheduling = startSchedulingWorker(db);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await wecom.stop();
      await sop.stop();
      await scheduling.stop();
    },
  };
}
