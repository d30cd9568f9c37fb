import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import { openStore, storeConfigFromEnv } from '../store/open.ts';
import { startServer } from '../http/server.ts';
import { startHousekeeping } from '../http/housekeeping.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ensureDemoStaffAccounts, formatDemoAccounts, hasCustomers, loadDemo, seedDemoOperations } from '../demo/index.ts';
import { localDate } from '../shared/time.ts';
import { formatDemoResult, formatOperations, formatRecompute } from './demo.command.ts';
import { recompute } from '../models/index.ts';
import type { CliContext } from './context.ts';
import { buildConsole, consoleBuildReason } from './web-build.ts';
import { ensureFirstAdmin } from '../auth/index.ts';
import { markInterruptedImports } from '../imports/index.ts';
import { isConnectionError } from '../store/unavailable.ts';

/**
 * A lost database connection must never end the server: the store answers 503 and
 * reconnects. Should such an error still escape somewhere (a stray promise, an event
 * emitter), it is logged and the server carries on; anything else ends the process as usual.
 */
function surviveStoreErrors(): void {
  const handle = (err: unknown) => {
    if (isConnectionError(err)) {
      console.error(`store error outside a request (the server keeps running): ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    console.error(err);
    process.exit(1);
  };
  process.on('unhandledRejection', handle);
  process.on('uncaughtException', handle);
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('start the API server (data directory from SIYU_DATA_DIR, or DATABASE_URL)')
    .option('-p, --port <n>', 'port (env PORT)', process.env.PORT ?? '3000')
    .option('--host <host>', 'interface to listen on (env HOST); 0.0.0.0 to accept connections from other machines', process.env.HOST || '127.0.0.1')
    .option('--demo', 'on first start, load the demo workspace if the workspace has no customers yet')
    .option('--demo-customers <n>', 'how many customers the demo workspace gets (default 5000)')
    .option('--no-build', 'do not build the web console even when web/dist is missing or stale')
    .action(async (opts: { port: string; host: string; demo?: boolean; demoCustomers?: string; build: boolean }, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SiyuError('bad_request', `--port "${opts.port}" is not a port number`);
      const demoCustomers = opts.demoCustomers === undefined ? undefined : Number(opts.demoCustomers);
      if (demoCustomers !== undefined && !Number.isInteger(demoCustomers)) throw new SiyuError('bad_request', `--demo-customers "${opts.demoCustomers}" is not a whole number`);
      const buildReason = opts.build ? consoleBuildReason() : undefined;
      if (buildReason) {
        ctx.out(`Building the web console (${buildReason})…`);
        const built = await buildConsole();
        ctx.out(`  built in ${built.seconds.toFixed(1)} s`);
      }
      surviveStoreErrors();
      const store = await openStore(storeConfigFromEnv(), 'serve');
      try {
        const interrupted = await markInterruptedImports(store.db);
        if (interrupted.length > 0) ctx.out(`${interrupted.length} import run(s) had stopped mid-way and are marked interrupted (see "siyu import runs"): ${interrupted.join(', ')}`);
        const workspace = await ensureWorkspace(store.db, { workspaceId: ctx.workspaceOf(cmd) });
        const loadingDemo = opts.demo && !(await hasCustomers(store.db, workspace.workspaceId));
        if (loadingDemo) {
          ctx.out(`First start: loading the demo workspace into "${workspace.workspaceId}" (about half a minute)…`);
          const started = performance.now();
          const r = await loadDemo(store.db, { workspaceId: workspace.workspaceId, endDate: localDate(workspace.timeZone, Date.now()), ...(demoCustomers === undefined ? {} : { customers: demoCustomers }) });
          ctx.out(formatDemoResult(r, performance.now() - started));
          ctx.out(formatRecompute(await recompute(store.db, workspace.workspaceId)));
          ctx.out(formatOperations(await seedDemoOperations(store.db, workspace.workspaceId, Date.now())));
        }
        const admin = await ensureFirstAdmin(store.db, workspace.workspaceId, { password: process.env.SIYU_ADMIN_PASSWORD || undefined, now: new Date() });
        // After the admin: the first user of a workspace is its admin.
        const staffAccounts = loadingDemo || (opts.demo && admin.created && (await store.db.query(`SELECT 1 FROM events WHERE workspace_id = $1 AND source = 'demo' LIMIT 1`, [workspace.workspaceId])).length > 0)
          ? await ensureDemoStaffAccounts(store.db, workspace.workspaceId, { password: process.env.SIYU_DEMO_PASSWORD || undefined, now: new Date() })
          : [];
        const server = await startServer(store.db, port, opts.host);
        store.lock?.announce(server.url);
        const housekeeping = startHousekeeping(store.db);
        ctx.out(`Siyu is running at ${server.url}  (store: ${store.db.kind} ${store.db.location})`);
        if (admin.created) {
          ctx.out(admin.generated
            ? `  first admin: login "${admin.login}", one-time password ${admin.password}  (change it at first sign-in)`
            : `  first admin: login "${admin.login}", password from SIYU_ADMIN_PASSWORD`);
        }
        for (const line of formatDemoAccounts(staffAccounts)) ctx.out(line);
        ctx.out(`  console: ${server.url}/   API docs: ${server.url}/openapi.json   health: ${server.url}/healthz`);
        ctx.out(`  API explorer: ${server.url}/docs`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        ctx.out('stopping…');
        await server.close();
        await housekeeping.stop();
      } finally {
        await store.close();
      }
    });
}
