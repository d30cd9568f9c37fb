/**
 * siyu channels cost … / siyu campaigns cost …: what each channel (活码 state) or campaign
 * cost per period, fixed and traffic, for cost per follower and ROI (siyu report roi).
 */
import type { Command } from 'commander';
import { listCosts, removeCost, setCost, type CostKind, type StoredCost } from '../analytics/index.ts';
import { csvCell } from '../shared/csv.ts';
import { formatFen } from '../shared/money.ts';
import type { CliContext } from './context.ts';

const CLI_ACTOR = { kind: 'system', id: 'cli' } as const;

const line = (c: StoredCost) =>
  `${c.key}  ${c.from} – ${c.to}  fixed ¥${formatFen(c.fixedFen)}  traffic ¥${formatFen(c.trafficFen)}  total ¥${formatFen(c.fixedFen + c.trafficFen)}${c.note ? `  (${c.note})` : ''}`;

function register(program: Command, ctx: CliContext, kind: CostKind, plural: string, what: string): void {
  const group = program.commands.find((c) => c.name() === plural) ?? program.command(plural).description(`${what}s: their costs (see also: siyu report acquisition, siyu report roi)`);
  const cost = group.command('cost').description(`the cost of a ${what} per period: fixed (物料, 场地, 人工) and traffic (投放); cost per follower = (fixed + traffic) / new followers`);
  cost.command('set')
    .description(`set a ${what}'s cost for a period (replaces the entry starting that day; an overlapping period is refused)`)
    .argument(`<${what}>`, kind === 'channel' ? 'the channel code (活码 state), as contact.added data.channel carries it' : 'the campaign id, as campaign.joined data.campaignId / contact.added data.campaign carry it')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period, included (YYYY-MM-DD)')
    .option('--fixed <yuan>', 'fixed cost in yuan (e.g. 1200.50)', '0')
    .option('--traffic <yuan>', 'traffic cost in yuan', '0')
    .option('--note <text>', 'a note')
    .option('--json', 'print the entry as JSON')
    .action(async (key: string, opts: { from: string; to: string; fixed: string; traffic: string; note?: string; json?: boolean }, cmd: Command) => {
      await ctx.writing(`${plural} cost set`, cmd, async (db, ws) => {
        const c = await setCost(db, ws, { kind, key, from: opts.from, to: opts.to, fixed: opts.fixed, traffic: opts.traffic, note: opts.note }, CLI_ACTOR);
        ctx.print(opts, c, `${what} cost set: ${line(c)}`);
      });
    });
  cost.command('list')
    .description(`every ${what}'s cost entries`)
    .argument(`[${what}]`, `only this ${what}`)
    .option('--json', 'print as JSON')
    .option('--csv', 'print as CSV')
    .action(async (key: string | undefined, opts: { json?: boolean; csv?: boolean }, cmd: Command) => {
      await ctx.reading(`${plural} cost list`, cmd, async (db, ws) => {
        const rows = await listCosts(db, ws, { kind, ...(key ? { key } : {}) });
        if (opts.csv) {
          ctx.out([[what, 'from', 'to', 'fixed_yuan', 'traffic_yuan', 'note'], ...rows.map((c) => [c.key, c.from, c.to, formatFen(c.fixedFen), formatFen(c.trafficFen), c.note])]
            .map((r) => r.map(csvCell).join(',')).join('\n'));
        } else ctx.print(opts, rows, rows.length === 0 ? `no ${what} costs yet: siyu ${plural} cost set --help` : rows.map(line).join('\n'));
      });
    });
  cost.command('remove')
    .description(`remove a ${what}'s cost entry`)
    .argument(`<${what}>`)
    .requiredOption('--from <date>', 'the first day of the entry')
    .option('--json', 'print the removed entry as JSON')
    .action(async (key: string, opts: { from: string; json?: boolean }, cmd: Command) => {
      await ctx.writing(`${plural} cost remove`, cmd, async (db, ws) => {
        const c = await removeCost(db, ws, kind, key, opts.from, CLI_ACTOR);
        ctx.print(opts, c, `removed: ${line(c)}`);
      });
    });
}

export function registerCostCommands(program: Command, ctx: CliContext): void {
  register(program, ctx, 'channel', 'channels', 'channel');
  register(program, ctx, 'campaign', 'campaigns', 'campaign');
}
