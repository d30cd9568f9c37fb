import type { Command } from 'commander';
import { SiyuError } from '../shared/errors.ts';
import { openStore, storeConfigFromEnv } from '../store/open.ts';
import { startServer } from '../http/server.ts';
import { startHousekeeping } from '../http/housekeeping.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { hasCustomers, loadDemo } from '../demo/index.ts';
import { localDate } from '../shared/time.ts';
import { formatDemoResult, formatRecompute } from './demo.command.ts';
import { recompute } from '../models/index.ts';
import type { CliContext } from './context.ts';

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('start the API server (data directory from SIYU_DATA_DIR, or DATABASE_URL)')
    .option('-p, --port <n>', 'port (env PORT)', process.env.PORT ?? '3000')
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .option('--demo', 'on first start, load the demo workspace if the workspace has no customers yet')
    .action(async (opts: { port: string; host: string; demo?: boolean }, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SiyuError('bad_request', `--port "${opts.port}" is not a port number`);
      const store = await openStore(storeConfigFromEnv(), 'serve');
      try {
        const workspace = await ensureWorkspace(store.db, { workspaceId: ctx.workspaceOf(cmd) });
        if (opts.demo && !(await hasCustomers(store.db, workspace.workspaceId))) {
          ctx.out(`First start: loading the demo workspace into "${workspace.workspaceId}" (about half a minute)…`);
          const started = performance.now();
          const r = await loadDemo(store.db, { workspaceId: workspace.workspaceId, endDate: localDate(workspace.timeZone, Date.now()) });
          ctx.out(formatDemoResult(r, performance.now() - started));
          ctx.out(formatRecompute(await recompute(store.db, workspace.workspaceId)));
        }
        const server = await startServer(store.db, port, opts.host);
        store.lock?.announce(server.url);
        const housekeeping = startHousekeeping(store.db);
        ctx.out(`Siyu is running at ${server.url}  (store: ${store.db.kind} ${store.db.location})`);
        ctx.out(`  API docs: ${server.url}/openapi.json   health: ${server.url}/healthz`);
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
