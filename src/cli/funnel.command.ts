/**
 * siyu funnel run / save: a conversion funnel over a date range (default browse → click →
 * add to cart → purchase → share), and the customers at a step kept as a saved segment.
 * The same functions as /api/v1/analytics/funnel.
 */
import type { Command } from 'commander';
import {
  DEFAULT_STEPS, DEFAULT_WINDOW_HOURS, FUNNEL_SPLITS, funnelQuerySchema, runFunnel, saveFunnelAudience,
  type FunnelQuery, type FunnelResult, type FunnelStepResult,
} from '../analytics/index.ts';
import { csvCell } from '../shared/csv.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { CliContext } from './context.ts';

interface FunnelOpts { from: string; to: string; step?: string[]; windowHours?: string; split?: string; segment?: string; json?: boolean; csv?: boolean }

/** "order.paid" or "product.viewed:productId=p1,source=ad": a type and data values to contain. */
export function parseStepOption(text: string): unknown {
  const [type, rest] = [text.split(':')[0]!.trim(), text.includes(':') ? text.slice(text.indexOf(':') + 1) : ''];
  if (!rest.trim()) return { type };
  const where: Record<string, string | number | boolean> = {};
  for (const pair of rest.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SiyuError('bad_request', `--step "${text}": "${pair}" is not key=value`);
    const v = pair.slice(eq + 1).trim();
    where[pair.slice(0, eq).trim()] = v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return { type, where };
}

function queryOf(opts: FunnelOpts): FunnelQuery {
  const input: Record<string, unknown> = { from: opts.from, to: opts.to };
  if (opts.step?.length) input.steps = opts.step.map(parseStepOption);
  if (opts.windowHours !== undefined) input.windowHours = Number(opts.windowHours);
  if (opts.split !== undefined) input.split = opts.split;
  if (opts.segment !== undefined) input.segment = /^\d+$/.test(opts.segment) ? Number(opts.segment) : opts.segment;
  const parsed = funnelQuerySchema.safeParse(input);
  if (!parsed.success) {
    const flag = (p: PropertyKey[]) => (p[0] === 'steps' ? `--step ${Number(p[1]) + 1}` : `--${String(p[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new SiyuError('bad_request', parsed.error.issues.map((i) => `${flag(i.path)}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const dur = (s: number | null) => (s === null ? '' : s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);

function stepsText(steps: FunnelStepResult[], indent = ''): string[] {
  return steps.map((s) => `${indent}${String(s.step).padStart(2)}. ${(s.label ?? s.type).padEnd(16)} ${String(s.customers).padStart(8)}  ${pct(s.conversion).padStart(8)}  ${pct(s.overall).padStart(8)}  ${dur(s.medianSeconds)}`);
}

function funnelText(r: FunnelResult): string {
  const lines = [`funnel ${r.from} – ${r.to}, window ${r.windowHours} h`, '    step             customers  of prev  of first  median time', ...stepsText(r.steps)];
  for (const g of r.groups) lines.push(`${r.split} ${g.key ?? '(none)'}:`, ...stepsText(g.steps, '  '));
  return lines.join('\n');
}

function funnelCsv(r: FunnelResult): string {
  const head = ['group', 'step', 'type', 'label', 'customers', 'conversion', 'overall', 'median_seconds'];
  const rows = [{ key: '', steps: r.steps }, ...r.groups.map((g) => ({ key: g.key ?? '', steps: g.steps }))]
    .flatMap((g) => g.steps.map((s) => [g.key, s.step, s.type, s.label, s.customers, s.conversion, s.overall, s.medianSeconds]));
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\n');
}

export function registerFunnelCommands(program: Command, ctx: CliContext): void {
  const funnel = program.command('funnel').description('conversion funnels over the event log (default browse → click → add to cart → purchase → share)');
  const common = (c: Command) => c
    .requiredOption('--from <date>', 'entries (first-step events) from this day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'up to and including this day, YYYY-MM-DD')
    .option('--step <type[:key=value,...]>', `a step, repeated in order (default ${DEFAULT_STEPS.map((s) => s.type).join(' → ')})`, (v: string, acc: string[] = []) => [...acc, v])
    .option('--window-hours <n>', `conversion window from the entry (default ${DEFAULT_WINDOW_HOURS})`)
    .option('--segment <name|id>', 'only customers of this saved segment');

  common(funnel.command('run').description('customers, conversion and median time per step'))
    .option('--split <by>', `one funnel per ${FUNNEL_SPLITS.join(' | ')}`)
    .option('--json', 'print the funnel as JSON')
    .option('--csv', 'print one CSV row per group and step')
    .action(async (opts: FunnelOpts, cmd: Command) => {
      if (opts.json && opts.csv) throw new SiyuError('bad_request', 'give --json or --csv, not both');
      const query = queryOf(opts);
      await ctx.reading('funnel run', cmd, async (db, ws) => {
        const r = await runFunnel(db, ws, query, ALL_CUSTOMERS);
        if (opts.csv) return ctx.out(funnelCsv(r));
        ctx.print(opts, r, funnelText(r));
      });
    });

  common(funnel.command('save').description('keep the customers at a step as a saved segment (for a mass message or an SOP)'))
    .requiredOption('--at <n>', 'the step (1 is the first)')
    .requiredOption('--name <name>', 'the saved segment\'s name')
    .option('--dropped', 'only those who stopped at the step (reached it, not the next)')
    .option('--json', 'print { segmentId, name, customers } as JSON')
    .action(async (opts: FunnelOpts & { at: string; name: string; dropped?: boolean }, cmd: Command) => {
      const step = Number(opts.at);
      if (!Number.isInteger(step) || step < 1) throw new SiyuError('bad_request', `--at "${opts.at}" must be a step number from 1`);
      const query = queryOf(opts);
      await ctx.writing('funnel save', cmd, async (db, ws) => {
        const { segment, customers } = await saveFunnelAudience(db, ws, { query, step, dropped: opts.dropped, name: opts.name, actor: { kind: 'staff', id: 'cli' } }, ALL_CUSTOMERS);
        ctx.print(opts, { segmentId: segment.segmentId, name: segment.name, customers }, `saved ${customers} customers as segment "${segment.name}" (#${segment.segmentId})`);
      });
    });
}
