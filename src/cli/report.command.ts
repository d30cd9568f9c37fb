/**
 * siyu report <board>: the measurement boards in the terminal, as JSON or as CSV — the same
 * functions the API and the console call.
 */
import type { Command } from 'commander';
import { addOperationsReports, registerContentCommands } from './report-ops.command.ts';
import {
  acquisitionBoard, addDays, churnReport, customerTrend, roiBoard, SNAPSHOT_MODELS,
  type AcquisitionBoard, type ChurnReport, type Interval, type RoiBoard, type RoiRow, type SnapshotModel, type Trend,
} from '../analytics/index.ts';
import { csvCell } from '../shared/csv.ts';
import { SiyuError } from '../shared/errors.ts';
import { formatFen } from '../shared/money.ts';
import { localDate } from '../shared/time.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

interface BoardOpts { from?: string; to?: string; channel?: string; staff?: string; segment?: string; json?: boolean; csv?: boolean }

// East Asian wide characters take two columns in a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const width = (s: string) => [...s].reduce((w, ch) => w + (WIDE.test(ch) ? 2 : 1), 0);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;
const n = (v: number) => v.toLocaleString('en');
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const delta = (v: number | null) => (v === null ? 'new' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);
const yuan = (fen: number) => `¥${formatFen(fen)}`;

/** A table with a header, left-aligned first column(s), right-aligned numbers. */
function table(head: string[], rows: string[][], leftCols = 1): string[] {
  const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i < leftCols ? padEnd(c, w[i]!) : padStart(c, w[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}

const csv = (head: string[], rows: unknown[][]) => [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n');

export function acquisitionText(b: AcquisitionBoard): string {
  const t = b.totals, p = b.previousTotals;
  const lines = [
    `获客看板 acquisition ${b.from} – ${b.to} (previous period ${b.previous.from} – ${b.previous.to}; orders within ${b.attributionDays} days of adding)`,
    '',
    ...table(['', 'this period', 'previous', 'change'], [
      ['new followers 新增', n(t.newFollowers), n(p.newFollowers), delta(b.change.newFollowers)],
      ['removals 删人', n(t.removals), n(p.removals), delta(b.change.removals)],
      ['net growth 净增', n(t.net), n(p.net), delta(b.change.net)],
      ['first orders 首单', n(t.firstOrders), n(p.firstOrders), delta(b.change.firstOrders)],
      ['conversion 转化率', pct(t.conversionRate), pct(p.conversionRate), ''],
      ['revenue 收入', yuan(t.revenueFen), yuan(p.revenueFen), delta(b.change.revenueFen)],
    ]),
    '',
    `retention (still a friend): 7 days ${pct(b.retention.d7)}, 30 days ${pct(b.retention.d30)}, 90 days ${pct(b.retention.d90)}; ` +
      `removed by the customer ${n(b.removedBy.customer)}, by staff ${n(b.removedBy.staff)}` + (b.removedBy.unknown ? `, unknown ${n(b.removedBy.unknown)}` : ''),
    '',
    'by channel 渠道',
    ...(b.byChannel.length === 0 ? ['  (no adds or removals in the range)'] : table(
      ['channel', 'name', 'new', 'prev', 'change', 'removed', 'net', 'kept 7d', '30d', '90d', 'first orders', 'conv.', 'revenue'],
      b.byChannel.map((c) => [c.channel, c.name ?? '', n(c.newFollowers), n(c.previousNewFollowers), delta(c.change), n(c.removals), n(c.net),
        pct(c.retention.d7), pct(c.retention.d30), pct(c.retention.d90), n(c.firstOrders), pct(c.conversionRate), yuan(c.revenueFen)]),
      2,
    )),
    '',
    'by staff 员工',
    ...(b.byStaff.length === 0 ? ['  (none)'] : table(['staff', 'name', 'new', 'removed', 'net'],
      b.byStaff.map((s) => [s.staffId || '(none)', s.name ?? '', n(s.newFollowers), n(s.removals), n(s.net)]), 2)),
    '',
    'campaign heat 活动热度 (heat = joins + new followers + 3 × orders)',
    ...(b.campaigns.length === 0 ? ['  (no campaign activity in the range)'] : table(['#', 'campaign', 'joins', 'new followers', 'orders', 'revenue', 'heat'],
      b.campaigns.map((c) => [String(c.rank), c.campaign, n(c.joins), n(c.newFollowers), n(c.orders), yuan(c.revenueFen), n(c.heat)]), 2)),
  ];
  return lines.join('\n');
}

export function acquisitionCsv(b: AcquisitionBoard): string {
  return csv(
    ['channel', 'name', 'new_followers', 'previous_new_followers', 'change', 'removals', 'net', 'retention_7d', 'retention_30d', 'retention_90d',
      'new_customers', 'first_orders', 'conversion_rate', 'revenue_yuan'],
    b.byChannel.map((c) => [c.channel, c.name, c.newFollowers, c.previousNewFollowers, c.change, c.removals, c.net, c.retention.d7, c.retention.d30,
      c.retention.d90, c.newCustomers, c.firstOrders, c.conversionRate, formatFen(c.revenueFen)]),
  );
}

export function trendText(t: Trend): string {
  const lines = [`客户看板 customers: ${t.model} by ${t.interval}, ${t.from} – ${t.to} (daily snapshots: customers who existed then, placed on what was known then)`, ''];
  if (t.buckets.length === 0) return [...lines, '  (no customers in the range)'].join('\n');
  lines.push(...table([t.interval, 'as of', 'total', ...t.values], t.buckets.map((b) => [b.bucket, b.day, n(b.total), ...t.values.map((v) => n(b.counts[v] ?? 0))]), 2));
  return lines.join('\n');
}

export const trendCsv = (t: Trend): string =>
  csv(['bucket', 'day', 'value', 'customers'], t.buckets.flatMap((b) => t.values.map((v) => [b.bucket, b.day, v, b.counts[v] ?? 0])));

const roiCells = (r: Omit<RoiRow, 'key' | 'name'>) => [
  n(r.newFollowers), yuan(r.costFen), r.costPerFollowerFen === null ? '—' : yuan(r.costPerFollowerFen), yuan(r.revenueFen),
  r.roi === null ? '—' : r.roi.toFixed(2), r.paybackDays === null ? 'not yet' : `${r.paybackDays} d`,
];

export function roiText(b: RoiBoard): string {
  const head = ['new followers', 'cost', 'per follower', 'revenue', 'ROI', 'payback'];
  return [
    `ROI ${b.from} – ${b.to}: revenue of customers within ${b.attributionDays} days of being acquired / cost in the range` +
      (b.windowComplete ? '' : ' (window still open: revenue may still grow)'),
    '',
    ...table(['', ...head], [['total', ...roiCells(b.totals)]]),
    '',
    'by channel 渠道',
    ...(b.channels.length === 0 ? ['  (none)'] : table(['channel', 'name', ...head], b.channels.map((r) => [r.key, r.name ?? '', ...roiCells(r)]), 2)),
    '',
    'by campaign 活动',
    ...(b.campaigns.length === 0 ? ['  (none)'] : table(['campaign', ...head], b.campaigns.map((r) => [r.key, ...roiCells(r)]))),
  ].join('\n');
}

export const roiCsv = (b: RoiBoard): string => csv(
  ['kind', 'key', 'name', 'new_followers', 'customers', 'fixed_yuan', 'traffic_yuan', 'cost_yuan', 'cost_per_follower_yuan', 'revenue_yuan', 'roi', 'payback_days'],
  [...b.channels.map((r) => ['channel', r] as const), ...b.campaigns.map((r) => ['campaign', r] as const)].map(([k, r]) => [
    k, r.key, r.name, r.newFollowers, r.customers, formatFen(r.fixedFen), formatFen(r.trafficFen), formatFen(r.costFen),
    r.costPerFollowerFen === null ? null : formatFen(r.costPerFollowerFen), formatFen(r.revenueFen), r.roi, r.paybackDays,
  ]),
);

export function churnText(r: ChurnReport): string {
  const lines = [
    `流失 churn ${r.from} – ${r.to}: ${n(r.removals)} removals (the customer deleted us ${n(r.byCustomer)}, staff deleted ${n(r.byStaff)}), ` +
      `median ${r.medianTenureDays === null ? '—' : `${r.medianTenureDays} days`} a friend`,
    '',
    'reasons 流失原因',
    ...table(['reason', 'removals', 'share', 'of recorded'], r.reasons.map((s) => [s.reason, n(s.removals), pct(s.share), pct(s.shareOfRecorded)])),
    '',
  ];
  if (r.items.length === 0) return [...lines, '  (nobody removed in the range)'].join('\n');
  lines.push(...table(['customer', 'name', 'removed', 'by', 'days', 'owner', 'last touch', 'reason'],
    r.items.map((i) => [String(i.customerId), i.name ?? '', i.removedAt.slice(0, 10), i.by ?? '', i.tenureDays === null ? '—' : String(i.tenureDays), i.owner ?? '',
      i.lastTouch ? `${i.lastTouch.type} ${i.lastTouch.at.slice(0, 10)}` : '—', i.reason ?? '—']), 2));
  return lines.join('\n');
}

export const churnCsv = (r: ChurnReport): string => csv(
  ['customer_id', 'name', 'removed_at', 'by', 'staff_id', 'added_at', 'tenure_days', 'channel', 'owner', 'last_touch_type', 'last_touch_at', 'last_staff_message_at', 'reason', 'note'],
  r.items.map((i) => [i.customerId, i.name, i.removedAt, i.by, i.staffId, i.addedAt, i.tenureDays, i.channel, i.owner, i.lastTouch?.type, i.lastTouch?.at, i.lastStaffMessageAt, i.reason, i.note]),
);

function positiveInt(flag: string, v: string, max: number): number {
  const x = Number(v);
  if (!/^\d+$/.test(v.trim()) || x < 1 || x > max) throw new SiyuError('bad_request', `${flag} "${v}" must be a whole number from 1 to ${max}`);
  return x;
}

export function registerReportCommands(program: Command, ctx: CliContext): void {
  registerContentCommands(program, ctx);
  const report = program.command('report').description('the measurement boards: acquisition (获客), roi (渠道 ROI), customers (客户), churn (流失), operations (运营), responsiveness and complaints (服务), content (内容) — text, --json or --csv');
  addOperationsReports(report, ctx);
  const filters = (c: Command) => c
    .option('--from <date>', 'first day (YYYY-MM-DD, workspace time zone)')
    .option('--to <date>', 'last day (YYYY-MM-DD); default today')
    .option('--json', 'print the board as JSON')
    .option('--csv', 'print the main table as CSV');
  const emit = (opts: { json?: boolean; csv?: boolean }, value: unknown, asCsv: () => string, text: () => string) => {
    if (opts.json && opts.csv) throw new SiyuError('bad_request', 'choose one of --json and --csv');
    if (opts.json) ctx.json(value);
    else ctx.out(opts.csv ? asCsv() : text());
  };

  filters(report.command('acquisition'))
    .description('new followers by day × channel × staff, removals (删人), net growth, retention 7/30/90 days, first orders and revenue per channel, campaign heat; with the previous period (环比). CSV: one row per channel')
    .option('--channel <channel>', 'only this channel (活码 state)')
    .option('--staff <id>', 'only this staff member\'s adds and removals')
    .option('--segment <segment>', 'only the customers of this saved segment (id or name)')
    .option('--attribution-days <n>', 'days after adding in which orders count (default 90)')
    .action(async (opts: BoardOpts & { attributionDays?: string }, cmd: Command) => {
      await ctx.reading('report acquisition', cmd, async (db, ws) => {
        const b = await acquisitionBoard(db, ws, {
          now: Date.now(),
          ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
          ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.staff ? { staff: opts.staff } : {}), ...(opts.segment ? { segment: opts.segment } : {}),
          ...(opts.attributionDays ? { attributionDays: positiveInt('--attribution-days', opts.attributionDays, 730) } : {}),
        });
        emit(opts, b, () => acquisitionCsv(b), () => acquisitionText(b));
      });
    });

  filters(report.command('roi'))
    .description('per channel and campaign: cost in the range (set with siyu channels cost set), cost per follower, attributed revenue, ROI and payback. CSV: one row per channel and campaign')
    .option('--attribution-days <n>', 'days after acquisition in which orders count (default 90)')
    .action(async (opts: BoardOpts & { attributionDays?: string }, cmd: Command) => {
      await ctx.reading('report roi', cmd, async (db, ws) => {
        const b = await roiBoard(db, ws, {
          now: Date.now(), ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
          ...(opts.attributionDays ? { attributionDays: positiveInt('--attribution-days', opts.attributionDays, 730) } : {}),
        });
        emit(opts, b, () => roiCsv(b), () => roiText(b));
      });
    });

  filters(report.command('churn'))
    .description('who removed us (or was removed), when, after how long, last touch, owner and reason; the share of each reason. CSV: one row per removal')
    .option('--channel <channel>', 'only customers of this channel')
    .option('--staff <id>', 'only removals by or owned by this staff member')
    .option('--reason <reason>', 'only this reason ("(not recorded)" for the unexplained)')
    .action(async (opts: BoardOpts & { reason?: string }, cmd: Command) => {
      await ctx.reading('report churn', cmd, async (db, ws) => {
        const r = await churnReport(db, ws, {
          now: Date.now(), limit: 5000, ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
          ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.staff ? { staff: opts.staff } : {}), ...(opts.reason ? { reason: opts.reason } : {}),
        });
        emit(opts, r, () => churnCsv(r), () => churnText(r));
      });
    });

  filters(report.command('customers'))
    .description('a model\'s distribution over time from the daily snapshots (only customers who existed each day, placed on what was known then). CSV: bucket, day, value, customers')
    .option('--model <model>', `${[...SNAPSHOT_MODELS, 'customers'].join(' | ')}`, 'trust')
    .option('--interval <interval>', 'day | week | month', 'week')
    .option('--channel <channel>', 'only customers acquired through this channel')
    .option('--staff <id>', 'only the customers in this staff member\'s scope')
    .action(async (opts: BoardOpts & { model: string; interval: string }, cmd: Command) => {
      const models: readonly string[] = [...SNAPSHOT_MODELS, 'customers'];
      if (!models.includes(opts.model)) throw new SiyuError('bad_request', `--model "${opts.model}" must be one of ${models.join(', ')}`);
      if (!['day', 'week', 'month'].includes(opts.interval)) throw new SiyuError('bad_request', `--interval "${opts.interval}" must be day, week or month`);
      if (opts.channel && opts.staff) throw new SiyuError('bad_request', 'choose one of --channel and --staff');
      for (const [flag, v] of [['--from', opts.from], ['--to', opts.to]] as const) {
        if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new SiyuError('bad_request', `${flag} "${v}" is not a date (YYYY-MM-DD)`);
      }
      await ctx.reading('report customers', cmd, async (db, wsId) => {
        const ws = await requireWorkspace(db, wsId);
        const now = Date.now();
        const to = opts.to ?? localDate(ws.timeZone, now);
        const from = opts.from ?? addDays(to, -83);
        if (from > to) throw new SiyuError('bad_request', `--from ${from} is after --to ${to}`);
        const t = await customerTrend(db, wsId, {
          model: opts.model as SnapshotModel | 'customers', from, to, interval: opts.interval as Interval, now,
          ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.staff ? { scope: { kind: 'staff', staffId: opts.staff } } : {}),
        });
        emit(opts, t, () => trendCsv(t), () => trendText(t));
      });
    });
}
