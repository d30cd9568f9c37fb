import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import { openStore, storeConfigFromEnv } from '../store/open.ts';
import { startHousekeeping } from '../http/housekeeping.ts';
import { startAutomationWorker } from '../automation/index.ts';
import { markInterruptedImports } from '../imports/index.ts';
import type { CliContext } from './context.ts';

/**
 * `siyu worker`: the background work of `siyu serve` without the HTTP server — the
 * automation queue (rules, SOP hooks), timers and webhooks, SOP steps coming due, WeCom
 * delivery and sync, and housekeeping (daily re-segmentation, purges). Any number of
 * workers and servers share one PostgreSQL server: queues are claimed with
 * FOR UPDATE SKIP LOCKED, sends go through the exactly-once ledger and a housekeeping pass
 * runs in one process at a time (README "Deployment").
 */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('run only the background work (automation, SOP steps, WeCom delivery, housekeeping) against DATABASE_URL; run as many as you like beside "siyu serve"')
    .option('--housekeeping-every <seconds>', 'seconds between housekeeping passes', '60')
    .option('--json', 'print the start line as JSON')
    .action(async (opts: { housekeepingEvery: string; json?: boolean }) => {
      const every = Number(opts.housekeepingEvery);
      if (!Number.isFinite(every) || every < 1) throw new SiyuError('bad_request', `--housekeeping-every "${opts.housekeepingEvery}" must be a number of seconds, at least 1`);
      const config = storeConfigFromEnv();
      if (!config.databaseUrl) {
        throw new SiyuError('bad_request', 'siyu worker shares a PostgreSQL server with "siyu serve": set DATABASE_URL. The embedded store is one process, and "siyu serve" already runs its background work.');
      }
      const store = await openStore(config, 'worker');
      try {
        await markInterruptedImports(store.db);
        const automation = startAutomationWorker(store.db);
        const housekeeping = startHousekeeping(store.db, every * 1000);
        if (opts.json) ctx.json({ worker: process.pid, store: `${store.db.kind} ${store.db.location}`, housekeepingEverySeconds: every });
        else ctx.out(`Siyu worker running (pid ${process.pid}, store: ${store.db.kind} ${store.db.location}); stop with Ctrl-C`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        ctx.out('stopping…');
        await automation.stop();
        await housekeeping.stop();
      } finally {
        await store.close();
      }
    });
}
