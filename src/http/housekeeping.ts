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
import { startSchedulingWorker } from '../scheduling/index.ts';

/** Whether the workspace has had a successful full recompute today (its own calendar day). */
async function segmentedToday(db: Db, workspaceId: string, timeZone: string, now: number): Promise<boolean> {
  const [row] = await db.query<{ as_of: Date | null }>(
    `SELECT max(as_of) AS as_of FROM model_runs WHERE workspace_id = $1 AND status = 'done'`,
    [workspaceId],
  );
  return !!row?.as_of && localDate(timeZone, row.as_of.getTime()) === localDate(timeZone, now);
}

/** Workspaces whose re-segmentation failed: tried again at the next pass, whatever the calendar says. */
const owed = new Set<string>();

export async function housekeepingPass(db: Db, now = Date.now(), log: (line: string) => void = console.log): Promise<void> {
  await purgeAuthRecords(db, new Date(now));
  // Unauthenticated traffic leaves counts, not rows; the counts too expire.
  await purgeRefusals(db, now);
  await purgeRefusedDeliveries(db, now);
  for (const ws of await listWorkspaces(db)) {
    const n = await purgeExpiredTags(db, ws.workspaceId, new Date(now));
    if (n > 0) log(`[${ws.workspaceId}] ${n} expired tag(s) removed`);
    const queued = await hasQueuedRecompute(db, ws.workspaceId);
    if (queued || owed.has(ws.workspaceId) || !(await segmentedToday(db, ws.workspaceId, ws.timeZone, now))) {
      owed.add(ws.workspaceId);
      const r = await recompute(db, ws.workspaceId, { asOf: now, cause: 'recompute' });
      owed.delete(ws.workspaceId);
      log(`[${ws.workspaceId}] ${queued ? 're-segmentation after a bulk load' : 'daily re-segmentation'}: ${r.customers} customers, ${r.moved} moved, ${r.seconds.toFixed(1)} s`);
    }
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
