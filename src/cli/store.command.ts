import type { Command } from 'commander';
import { migrate } from '../store/migrate.ts';
import { listWorkspaces, ensureWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

export function registerStoreCommands(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply database migrations (also done automatically on every start)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withStore('migrate', async (db) => {
        const r = await migrate(db);
        if (opts.json) ctx.json({ store: db.location, ...r });
        else ctx.out(`store ${db.location}: schema at ${r.current}${r.applied.length ? ` (applied ${r.applied.join(', ')})` : ' (up to date)'}`);
      });
    });

  const ws = program.command('workspace').description('workspaces');
  ws.command('list')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withStore('workspace list', async (db) => {
        const list = await listWorkspaces(db);
        if (opts.json) ctx.json(list);
        else for (const w of list) ctx.out(`${w.workspaceId}\t${w.name}\t${w.timeZone}`);
      });
    });
  ws.command('create <id>')
    .option('--name <name>', 'display name')
    .option('--time-zone <tz>', 'IANA time zone', 'Asia/Shanghai')
    .action(async (id: string, opts: { name?: string; timeZone: string }) => {
      await ctx.withStore('workspace create', async (db) => {
        const w = await ensureWorkspace(db, { workspaceId: id, timeZone: opts.timeZone, ...(opts.name ? { name: opts.name } : {}) });
        ctx.out(`workspace ${w.workspaceId} (${w.timeZone}) ready`);
      });
    });
}
