/**
 * siyu report operations | responsiveness | complaints: the boards in the terminal (text,
 * --json or --csv), the same functions as /api/v1/analytics/….
 */
import type { Command } from 'commander';
import {
  boardQuerySchema, complaintsBoard, contentBoard, contentQuerySchema, listContentItems, operationsBoard, responsivenessBoard, responsivenessQuerySchema,
  saveContentItems, type BoardQuery, type ComplaintsBoard, type ContentBoard, type OperationsBoard, type ResponsivenessBoard,
} from '../analytics/index.ts';
import { csvCell } from '../shared/csv.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { CliContext } from './context.ts';

interface BoardOpts { from: string; to: string; staff?: string; channel?: string; segment?: string; json?: boolean; csv?: boolean }

export function boardQueryOf(opts: BoardOpts): BoardQuery {
  const parsed = boardQuerySchema.safeParse({ from: opts.from, to: opts.to, staff: opts.staff, channel: opts.channel, segment: opts.segment });
  if (!parsed.success) throw new SiyuError('bad_request', parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The common options of a board: dates, filters, output. */
export function boardOptions(c: Command): Command {
  return c
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (workspace time zone)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (inclusive); the period before has as many days')
    .option('--staff <id>', 'one staff member')
    .option('--channel <code>', 'customers of this channel')
    .option('--segment <name|id>', 'customers of this saved segment')
    .option('--json', 'print the board as JSON')
    .option('--csv', 'print the board\'s rows as CSV');
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const chg = (c: { change: number | null }) => (c.change === null ? '' : ` (${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)} %)`);

function operationsText(b: OperationsBoard): string {
  const lines = [
    `operations ${b.from} – ${b.to} (before: ${b.previous.from} – ${b.previous.to})`,
    `  today ${b.today.date}: ${b.today.pending} pending, ${b.today.sent} sent, ${b.today.skipped} skipped`,
    `  tasks due ${b.tasks.due}, sent ${b.tasks.sent}, skipped ${b.tasks.skipped}, overdue ${b.tasks.pending}: execution ${pct(b.tasks.rate)} (before ${pct(b.tasks.previous.rate)})`,
    `  touches sent ${b.touches.sent.current}${chg(b.touches.sent)}, suppressed ${b.touches.suppressed.current}${chg(b.touches.suppressed)}`,
    ...b.touches.byReason.map((r) => `    suppressed ${r.code}: ${r.count} (before ${r.previous})`),
    '  staff leaderboard:',
    ...b.leaderboard.map((s) => `    ${String(s.rank).padStart(2)}. ${(s.name ?? s.staffId).padEnd(10)} due ${String(s.due).padStart(5)}  sent ${String(s.sent).padStart(5)}  ${pct(s.rate).padStart(8)}  median ${s.medianMinutesLate ?? '—'} min after due`),
  ];
  if (b.bySop.length) lines.push('  SOPs:', ...b.bySop.map((s) => `    ${s.name ?? s.sopId}: due ${s.due}, sent ${s.sent}, ${pct(s.rate)}`));
  if (b.byMass.length) lines.push('  mass messages:', ...b.byMass.map((m) => `    ${m.title} (${m.dueAt.slice(0, 10)}): ${m.recipients} recipients, ${m.sent} sent, ${m.suppressed} suppressed, ${pct(m.rate)}`));
  return lines.join('\n');
}

function operationsCsv(b: OperationsBoard): string {
  const rows: unknown[][] = [['kind', 'id', 'name', 'due', 'sent', 'skipped', 'pending', 'rate']];
  for (const s of b.leaderboard) rows.push(['staff', s.staffId, s.name, s.due, s.sent, s.skipped, s.pending, s.rate]);
  for (const s of b.bySop) rows.push(['sop', s.sopId, s.name, s.due, s.sent, '', '', s.rate]);
  for (const m of b.byMass) rows.push(['mass_message', m.massMessageId, m.title, m.sent + m.pending + m.failed, m.sent, '', m.pending, m.rate]);
  for (const r of b.touches.byReason) rows.push(['suppressed', r.code, '', '', '', '', '', r.count]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

const mins = (v: number | null) => (v === null ? '—' : `${v} min`);

function responsivenessText(b: ResponsivenessBoard): string {
  const row = (name: string, f: ResponsivenessBoard['total']['previous']) =>
    `    ${name.padEnd(10)} asks ${String(f.asks).padStart(5)}  unanswered ${String(f.unanswered).padStart(4)}  median ${mins(f.medianMinutes).padStart(9)}  p90 ${mins(f.p90Minutes).padStart(9)}  ≤5 min ${pct(f.within5).padStart(8)}  ≤30 min ${pct(f.within30).padStart(8)}`;
  return [
    `first response ${b.from} – ${b.to}, service hours ${b.hours.start}:00–${b.hours.end}:00 (before: ${b.previous.from} – ${b.previous.to}: median ${mins(b.total.previous.medianMinutes)})`,
    row('all', b.total),
    ...b.staff.map((s) => row(s.name ?? s.staffId ?? '(none)', s)),
    '  weekly:',
    ...b.weekly.map((w) => `  ${w.week} ${row(w.staffId ?? '(none)', w).trimStart()}`),
  ].join('\n');
}

function responsivenessCsv(b: ResponsivenessBoard): string {
  const rows: unknown[][] = [['week', 'staff_id', 'asks', 'answered', 'unanswered', 'median_minutes', 'p90_minutes', 'within_5', 'within_30']];
  for (const s of b.staff) rows.push(['', s.staffId, s.asks, s.answered, s.unanswered, s.medianMinutes, s.p90Minutes, s.within5, s.within30]);
  for (const w of b.weekly) rows.push([w.week, w.staffId, w.asks, w.answered, w.unanswered, w.medianMinutes, w.p90Minutes, w.within5, w.within30]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

function complaintsText(b: ComplaintsBoard): string {
  return [
    `complaints ${b.from} – ${b.to}: ${b.total.current}${chg(b.total)} (before ${b.total.previous})`,
    '  by reason:', ...b.byReason.map((r) => `    ${r.reason || '(no reason)'}: ${r.count} (before ${r.previous})`),
    '  by staff:', ...b.byStaff.map((s) => `    ${s.name ?? s.staffId ?? '(none)'}: ${s.count} (before ${s.previous}) — ${s.reasons.map((r) => `${r.reason || '(no reason)'} ${r.count}`).join(', ')}`),
  ].join('\n');
}

function complaintsCsv(b: ComplaintsBoard): string {
  const rows: unknown[][] = [['staff_id', 'reason', 'count']];
  for (const s of b.byStaff) for (const r of s.reasons) rows.push([s.staffId, r.reason, r.count]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

function contentText(b: ContentBoard): string {
  return [
    `content ${b.from} – ${b.to}: ${b.views.current} reads${chg(b.views)} (before ${b.views.previous}); buyers within ${b.windowDays} days of a first read`,
    ...b.items.map((i) => `  ${String(i.rank).padStart(2)}. ${(i.title ?? i.contentId).padEnd(20)} reads ${String(i.views).padStart(6)}  readers ${String(i.viewers).padStart(6)}  shares ${String(i.shares).padStart(5)}  buyers ${String(i.buyers).padStart(5)} (${pct(i.conversion)})  ¥${yuan(i.revenueFen)}`),
    '  reads by sending staff member:',
    ...b.byStaff.map((s) => `    ${s.name ?? s.staffId ?? '(none)'}: ${s.views} reads by ${s.viewers} customers of ${s.contents} items`),
    '  most active readers:',
    ...b.visitors.slice(0, 10).map((v) => `    ${v.name ?? `#${v.customerId}`}: ${v.views} reads, ${v.contents} items, ${v.shares} shares`),
  ].join('\n');
}

function contentCsv(b: ContentBoard): string {
  const rows: unknown[][] = [['rank', 'content_id', 'title', 'type', 'views', 'viewers', 'shares', 'buyers', 'conversion', 'revenue_yuan', 'previous_views']];
  for (const i of b.items) rows.push([i.rank, i.contentId, i.title, i.type, i.views, i.viewers, i.shares, i.buyers, i.conversion, yuan(i.revenueFen), i.previousViews]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

/** Adds `operations`, `responsiveness`, `complaints` and `content` to the `report` command. */
export function addOperationsReports(report: Command, ctx: CliContext): void {
  boardOptions(report.command('operations').description('the operations board: today\'s tasks, execution per staff / SOP / mass message, touches delivered and suppressed, beside the period before'))
    .action(async (opts: BoardOpts, cmd: Command) => {
      if (opts.json && opts.csv) throw new SiyuError('bad_request', 'give --json or --csv, not both');
      const query = boardQueryOf(opts);
      await ctx.reading('report operations', cmd, async (db, ws) => {
        const b = await operationsBoard(db, ws, query, ALL_CUSTOMERS, Date.now());
        if (opts.csv) return ctx.out(operationsCsv(b));
        ctx.print(opts, b, operationsText(b));
      });
    });

  boardOptions(report.command('responsiveness').description('first-response time to customers\' private messages per staff member and week (median, p90, within 5 / 30 minutes), in service hours'))
    .option('--hours <start-end>', 'service hours, local (default 9-18)')
    .action(async (opts: BoardOpts & { hours?: string }, cmd: Command) => {
      if (opts.json && opts.csv) throw new SiyuError('bad_request', 'give --json or --csv, not both');
      const parsed = responsivenessQuerySchema.safeParse({ ...boardQueryOf(opts), hours: opts.hours });
      if (!parsed.success) throw new SiyuError('bad_request', parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
      await ctx.reading('report responsiveness', cmd, async (db, ws) => {
        const b = await responsivenessBoard(db, ws, parsed.data, ALL_CUSTOMERS);
        if (opts.csv) return ctx.out(responsivenessCsv(b));
        ctx.print(opts, b, responsivenessText(b));
      });
    });

  boardOptions(report.command('content').description('the content board: reads, readers, shares and buyers per content item, reads per sending staff member, the most active readers'))
    .option('--window-days <n>', 'attribution window after a reader\'s first read (default 7)')
    .action(async (opts: BoardOpts & { windowDays?: string }, cmd: Command) => {
      if (opts.json && opts.csv) throw new SiyuError('bad_request', 'give --json or --csv, not both');
      const parsed = contentQuerySchema.safeParse({ ...boardQueryOf(opts), windowDays: opts.windowDays });
      if (!parsed.success) throw new SiyuError('bad_request', parsed.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; '));
      await ctx.reading('report content', cmd, async (db, ws) => {
        const b = await contentBoard(db, ws, parsed.data, ALL_CUSTOMERS);
        if (opts.csv) return ctx.out(contentCsv(b));
        ctx.print(opts, b, contentText(b));
      });
    });

  boardOptions(report.command('complaints').description('complaints by reason and by staff member, beside the period before'))
    .action(async (opts: BoardOpts, cmd: Command) => {
      if (opts.json && opts.csv) throw new SiyuError('bad_request', 'give --json or --csv, not both');
      const query = boardQueryOf(opts);
      await ctx.reading('report complaints', cmd, async (db, ws) => {
        const b = await complaintsBoard(db, ws, query, ALL_CUSTOMERS);
        if (opts.csv) return ctx.out(complaintsCsv(b));
        ctx.print(opts, b, complaintsText(b));
      });
    });
}

/** siyu content list / set: the content list the operator keeps (title, type, products by content id). */
export function registerContentCommands(program: Command, ctx: CliContext): void {
  const content = program.command('content').description('the content list: titles, types and products of the content ids events carry');
  content.command('list').description('every content item, from the events and the operator\'s list')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await ctx.reading('content list', cmd, async (db, ws) => {
        const items = await listContentItems(db, ws);
        ctx.print(opts, items, items.map((i) => `${i.contentId}\t${i.type}\t${i.title ?? '(no title)'}\t${i.productIds.join(',')}\t${i.source}`).join('\n') || 'no content items yet');
      });
    });
  content.command('set').description('add or change one content item')
    .requiredOption('--id <contentId>', 'the content id events carry (data.contentId)')
    .requiredOption('--title <title>', 'its title')
    .option('--type <type>', 'article, video, poster, mini_program, live or other', 'article')
    .option('--products <ids>', 'product ids, comma-separated')
    .action(async (opts: { id: string; title: string; type: string; products?: string }, cmd: Command) => {
      await ctx.writing('content set', cmd, async (db, ws) => {
        const r = await saveContentItems(db, ws, [{ contentId: opts.id, title: opts.title, type: opts.type, productIds: opts.products ? opts.products.split(',').map((p) => p.trim()).filter(Boolean) : [] }], { kind: 'staff', id: 'cli' });
        if (r.errors.length > 0) throw new SiyuError('validation_failed', r.errors[0]!.reason.replace(/^contentId/, '--id').replace(/^productIds/, '--products').replace(/^(title|type)/, '--$1'));
        ctx.out(`saved content item ${opts.id}`);
      });
    });
}

