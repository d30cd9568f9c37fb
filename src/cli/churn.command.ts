/** siyu churn reason / reasons: record why a customer left; the workspace's list of reasons. */
import type { Command } from 'commander';
import { getChurnReasons, recordChurnReason, setChurnReasons } from '../analytics/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { CliContext } from './context.ts';

const CLI_ACTOR = { kind: 'system', id: 'cli' } as const;

export function registerChurnCommands(program: Command, ctx: CliContext): void {
  const churn = program.command('churn').description('why customers left: record a reason, list or set the reasons (report: siyu report churn)');
  churn.command('reason')
    .description('record why a customer removed us (or was removed), against their latest removal')
    .argument('<customer>', 'customer id')
    .argument('<reason>', 'one of the workspace\'s reasons (siyu churn reasons)')
    .option('--note <text>', 'a note')
    .option('--removed-at <time>', 'the removal to explain, when there were several (ISO 8601)')
    .option('--json', 'print as JSON')
    .action(async (customer: string, reason: string, opts: { note?: string; removedAt?: string; json?: boolean }, cmd: Command) => {
      if (!/^\d+$/.test(customer)) throw new SiyuError('bad_request', `customer "${customer}" must be a customer id`);
      await ctx.writing('churn reason', cmd, async (db, ws) => {
        const r = await recordChurnReason(db, ws, Number(customer), { reason, note: opts.note, removedAt: opts.removedAt }, CLI_ACTOR);
        ctx.print(opts, r, `customer ${r.customerId}, removed ${r.removedAt}: ${r.reason}${r.note ? ` (${r.note})` : ''}`);
      });
    });
  churn.command('reasons')
    .description('print the workspace\'s churn reasons, or replace them with --set')
    .option('--set <reasons>', 'the new list, separated by commas (e.g. "搬家,其他渠道,太贵")')
    .option('--json', 'print as JSON')
    .action(async (opts: { set?: string; json?: boolean }, cmd: Command) => {
      await ctx.writing('churn reasons', cmd, async (db, ws) => {
        const reasons = opts.set === undefined ? await getChurnReasons(db, ws) : await setChurnReasons(db, ws, opts.set.split(/[,，]/), CLI_ACTOR);
        ctx.print(opts, reasons, reasons.join('\n'));
      });
    });
}
