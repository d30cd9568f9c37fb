/**
 * Periodic work of a running server. Each pass is one transaction per workspace, so a
 * crash mid-pass leaves nothing half done and the next pass picks it up.
 */
import type { Db } from '../store/db.ts';
import { listWorkspaces } from '../workspaces/index.ts';
import { purgeExpiredTags } from '../tags/index.ts';

export function startHousekeeping(db: Db, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    for (const ws of await listWorkspaces(db)) {
      const n = await purgeExpiredTags(db, ws.workspaceId, new Date());
      if (n > 0) console.log(`[${ws.workspaceId}] ${n} expired tag(s) removed`);
    }
  };
  const timer = setInterval(() => {
    running = running.then(pass).catch((err: unknown) => console.error('housekeeping failed:', err));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
