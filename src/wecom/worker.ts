/**
 * The WeCom background work of a running server: the callback inbox (started at once when
 * a callback lands, and polled), Siyu's tag changes pushed with mark_tag, mass messages
 * handed to WeCom and their results read back, and a periodic reconciliation that repairs
 * what missed callbacks left out. Everything runs from durable tables, so a restart
 * resumes where it stopped.
 */
import type { Db } from '../store/db.ts';
import { Backoff, isConnectionError } from '../store/unavailable.ts';
import { onInboxStored } from './callback.ts';
import type { ClientFactory } from './config.ts';
import { collectMassMessageResults, deliverMassMessages } from './delivery.ts';
import { collectMomentResults, publishDueMoments } from './moments.ts';
import { collectGroupSendResults, sendGroupMessages, syncGroups } from './groups.ts';
import { processWecomInbox } from './process.ts';
import { pushRemarks } from './remarks.ts';
import { collectTaskResults } from './task-delivery.ts';
import { pushTagChanges, reconcileWecom, syncWecom } from './sync.ts';

export interface WorkerOptions {
  everyMs?: number;
  resultsEveryMs?: number;
  reconcileEveryMs?: number;
  clientFactory?: ClientFactory;
  log?: (line: string) => void;
}

export function startWecomWorker(db: Db, opts: WorkerOptions = {}): { stop(): Promise<void>; kick(): void } {
  const log = opts.log ?? ((line: string) => console.log(line));
  const factory = opts.clientFactory ? { clientFactory: opts.clientFactory } : {};
  const resultsEvery = opts.resultsEveryMs ?? 60_000;
  const reconcileEvery = opts.reconcileEveryMs ?? 6 * 3600_000;
  let lastResults = 0;
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  let stopped = false;
  const backoff = new Backoff('WeCom worker', (line) => console.error(line), opts.everyMs ?? 5_000, 60_000);

  async function pass(): Promise<void> {
    for (let i = 0; i < 20 && !stopped; i++) {
      const r = await processWecomInbox(db, factory);
      if (r.processed + r.failed + r.retried === 0) break;
    }
    const workspaces = await db.query<{ workspace_id: string; last: Date | null }>(
      `SELECT c.workspace_id, (SELECT max(started_at) FROM wecom_sync_runs s WHERE s.workspace_id = c.workspace_id AND s.status = 'done') AS last
       FROM wecom_config c ORDER BY c.workspace_id`);
    const now = Date.now();
    const results = now - lastResults >= resultsEvery;
    if (results) lastResults = now;
    for (const { workspace_id: ws, last } of workspaces) {
      if (stopped) return;
      try {
        const pushed = await pushTagChanges(db, ws, factory);
        if (pushed.pushed + pushed.failed > 0) log(`[${ws}] WeCom tags pushed: ${pushed.pushed}, failed: ${pushed.failed}`);
        const remarks = await pushRemarks(db, ws, factory);
        if (remarks.pushed + remarks.failed.length > 0) log(`[${ws}] WeCom remarks written: ${remarks.pushed}, refused: ${remarks.failed.length}`);
        const d = await deliverMassMessages(db, ws, factory);
        if (d.created.length + d.failed.length > 0) log(`[${ws}] WeCom mass messages created: ${d.created.length}, failed: ${d.failed.length}`);
        if (results) {
          await collectMassMessageResults(db, ws, factory);
          const t = await collectTaskResults(db, ws, factory);
          if (t.sent + t.failed > 0) log(`[${ws}] WeCom task results: ${t.sent} sent, ${t.failed} failed`);
        }
        const m = await publishDueMoments(db, ws, factory);
        if (m.submitted.length + m.failed.length > 0) log(`[${ws}] WeCom Moments posts submitted: ${m.submitted.length}, failed: ${m.failed.length}`);
        if (results) await collectMomentResults(db, ws, factory);
        const g = await sendGroupMessages(db, ws, factory);
        if (g.created + g.failed.length > 0) log(`[${ws}] WeCom group messages created: ${g.created}, failed: ${g.failed.length}`);
        if (results) await collectGroupSendResults(db, ws, factory);
        if (!last || now - new Date(last).getTime() >= reconcileEvery) {
          // The first run is the initial full sync; later ones reconcile.
          const r = last ? await reconcileWecom(db, ws, factory) : await syncWecom(db, ws, factory);
          await syncGroups(db, ws, factory);
          log(`[${ws}] WeCom ${r.kind}: ${r.contacts} contacts, ${r.contactsAdded.length} added, ${r.contactsRemoved.length} removed, ` +
            `${r.tagsAdded.length + r.tagsRemoved.length} tag fixes`);
        }
      } catch (err) {
        if (isConnectionError(err)) throw err; // the database is gone: back off as a whole
        console.error(`[${ws}] WeCom background work failed:`, err instanceof Error ? err.message : err);
      }
    }
  }

  const tick = () => {
    if (queued || stopped || !backoff.ready()) return;
    queued = true;
    running = running
      .then(async () => {
        queued = false;
        await pass();
        backoff.succeeded();
      })
      // Inbox rows, tag changes and mass messages stay in their tables until done: the next pass picks them up.
      .catch((err: unknown) => void backoff.failed(err));
  };
  const unsubscribe = onInboxStored(() => tick());
  const timer = setInterval(tick, opts.everyMs ?? 5_000);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      await running;
    },
  };
}
