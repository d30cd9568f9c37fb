/**
 * The scheduling worker of a server process: every few seconds, what is due is sent. Any
 * number of processes run it against one database; the claims keep each send to one of them.
 */
import type { Db } from '../store/db.ts';
import { Backoff } from '../store/unavailable.ts';
import { runDueSends } from './sends.ts';

export function startSchedulingWorker(db: Db, opts: { everyMs?: number; log?: (line: string) => void } = {}): { stop(): Promise<void>; kick(): void } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const log = opts.log ?? ((line: string) => console.log(line));
  const pass = async () => {
    // One send per call: each is logged as soon as it is committed.
    for (let i = 0; i < 500 && !stopped; i++) {
      const r = await runDueSends(db, { now: Date.now(), limit: 1 });
      if (r.sent + r.failed === 0) break;
      log(`scheduled sends: ${r.sent} sent${r.sent ? ` (mass message ${r.massMessageIds.join(', ')})` : ''}, ${r.failed} failed`);
    }
  };
  const backoff = new Backoff('scheduling worker', (line) => console.error(line), 5_000, 5 * 60_000);
  const tick = () => {
    if (!backoff.ready() || stopped) return;
    running = running.then(pass).then(() => backoff.succeeded(), (err: unknown) => void backoff.failed(err));
  };
  const timer = setInterval(tick, opts.everyMs ?? 5_000);
  timer.unref();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
