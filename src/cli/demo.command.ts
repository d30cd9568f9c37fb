import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { recompute, type RecomputeResult } from '../models/index.ts';
import {
  DEFAULT_CUSTOMERS, MAX_CUSTOMERS, MIN_CUSTOMERS, ensureDemoStaffAccounts, formatDemoAccounts, loadDemo, seedDemoOperations,
  type DemoOperationsResult, type LoadDemoResult,
} from '../demo/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { localDate } from '../shared/time.ts';
import type { CliContext } from './context.ts';

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new SiyuError('bad_request', `${option} "${text}" must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** A progress bar on stderr for people at a terminal; nothing for scripts and pipes. */
function progressBar(): { update(events: number, total: number): void; stop(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'loading demo [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(events, total) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(events);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatDemoResult(r: LoadDemoResult, ms: number): string {
  // The history ends at the start of the end date: show the last day that has activity.
  const lastDay = new Date(Date.parse(`${r.endDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const e = r.events;
  const lines = [
    `demo ${e.accepted === 0 && e.rejected === 0 ? 'already in' : 'loaded into'} workspace "${r.workspaceId}" (seed ${r.seed}, ${r.startDate} – ${lastDay}, Asia/Shanghai)`,
    `  ${n(r.customers)} customers (${n(r.merges)} duplicate records merged), ${r.staff} staff, ${r.channels} channels`,
    `  events: ${n(e.accepted)} new, ${n(e.duplicates)} already loaded, ${n(e.rejected)} rejected (of ${n(e.generated)})`,
    `  profiles synced: ${n(r.profiles)}; staff tags (人群 / 兴趣): ${n(r.tags)}`,
    `  took ${(ms / 1000).toFixed(1)} s${e.accepted > 0 ? ` (${n(Math.round(e.accepted / (ms / 1000)))} events/s)` : ''}`,
  ];
  for (const x of r.rejections) lines.push(`  rejected ${x.id ?? '(no id)'}: ${x.reason}`);
  return lines.join('\n');
}

export function registerDemoCommands(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('load the demo workspace: a fruit brand with 4 staff, 5,000 customers and six months of activity')
    .option('--seed <n>', 'random seed; the same seed gives the same demo', '1')
    .option('--customers <n>', `number of customers (${MIN_CUSTOMERS}–${MAX_CUSTOMERS})`, String(DEFAULT_CUSTOMERS))
    .option('--end-date <date>', 'YYYY-MM-DD: the history runs up to the start of this day (default: today, Asia/Shanghai)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Loading the same demo again adds nothing (event ids are deterministic). A workspace that
already holds other customers is refused: choose another one with --workspace.`)
    .action(async (opts: { seed: string; customers: string; endDate?: string; json?: boolean }, cmd: Command) => {
      const seed = wholeNumber('--seed', opts.seed, 0, 0xffffffff);
      const customers = wholeNumber('--customers', opts.customers, MIN_CUSTOMERS, MAX_CUSTOMERS);
      const endDate = opts.endDate ?? localDate('Asia/Shanghai', Date.now());
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('demo', async (db) => {
        const bar = opts.json ? undefined : progressBar();
        const started = performance.now();
        let result: LoadDemoResult;
        try {
          result = await loadDemo(db, { workspaceId, seed, customers, endDate, onProgress: bar && ((p) => bar.update(p.events, p.total)) });
        } finally {
          bar?.stop();
        }
        const ms = performance.now() - started;
        // Relative lines (RFM means, the top-20 % line) move with a bulk load: place everyone again.
        const segmentation = await recompute(db, workspaceId, { cause: 'recompute' });
        const operations = await seedDemoOperations(db, workspaceId, Date.now());
        // The workspace's first user is its admin (made at `siyu serve`): staff accounts only beside one.
        const hasAdmin = (await db.query(`SELECT 1 FROM users WHERE workspace_id = $1 AND role = 'admin'`, [workspaceId])).length > 0;
        const accounts = hasAdmin ? await ensureDemoStaffAccounts(db, workspaceId, { password: process.env.SIYU_DEMO_PASSWORD || undefined, now: new Date() }) : [];
        if (opts.json) ctx.json({ ...result, ms: Math.round(ms), recompute: segmentation, operations, accounts });
        else {
          ctx.out(`${formatDemoResult(result, ms)}\n${formatRecompute(segmentation)}\n${formatOperations(operations)}`);
          for (const line of formatDemoAccounts(accounts)) ctx.out(line);
          if (!hasAdmin) ctx.out('  demo staff sign-ins are made at the first `siyu serve` (after its admin)');
        }
        if (result.events.rejected > 0) {
          throw new SiyuError('validation_failed', `${result.events.rejected} demo events were rejected; this is a bug in the demo generator`);
        }
      });
    });
}

export function formatOperations(r: DemoOperationsResult): string {
  const placed = Object.entries(r.journeys).map(([j, n]) => `${j} ${n.toLocaleString('en')}`).join(', ');
  const tasks = r.sops.reduce((n, s) => n + s.tasks, 0);
  const enrolled = r.sops.reduce((n, s) => n + s.enrolled, 0);
  return [
    `  journeys (stage entries written with their history): ${placed}`,
    `  SOPs on: ${r.sops.map((s) => s.name).join(', ') || 'none'} (${enrolled.toLocaleString('en')} customers enrolled, ${tasks.toLocaleString('en')} first steps as tasks, the rest at their send windows)`,
    ...(r.workday.tasks > 0 ? [`  day-one tasks: ${r.workday.tasks.toLocaleString('en')} planned over the staff's working hours (09:00–18:00), ${r.workday.from} – ${r.workday.to}`] : []),
    ...(r.spreadSteps > 0 ? [`  scheduled SOP steps spread over their working day (not all at the same minute): ${r.spreadSteps.toLocaleString('en')}`] : []),
    `  rules on: ${r.rules}`,
    ...(r.history.tasks > 0 ? [`  staff history (two months): ${r.history.tasks.toLocaleString('en')} tasks, ${r.history.touches.toLocaleString('en')} ledger touches, ${r.history.massMessages} past mass messages`] : []),
    `  customer groups: ${r.groups} with their members, owners and tags, a VIP group SOP`,
    `  Moments: ${r.moments.past} posts behind the customers' likes and comments, ${r.moments.planned} planned for the next days`,
    `  material library: ${r.materials} items added (articles and videos as links with their content ids, a poster, the shop mini-program, a guide)`,
    `  customer records: ${r.records.records.toLocaleString('en')} (remarks, regions, birthdays — ${r.records.birthdaysThisWeek} this week — and ${r.records.fields} custom fields); ` +
      `${r.records.followups} follow-ups, ${r.records.followupTasks} with a next day as a task`,
    `  coupons: ${r.coupons.defined} defined, ${r.coupons.issued} issued (${r.coupons.redeemed} used, ${r.coupons.lapsed} lapsed, ${r.coupons.reminders} expiry reminders due)`,
    `  scheduled sends: ${r.schedule.scheduled} upcoming, ${r.schedule.cancelled} cancelled, ${r.schedule.sent} sent yesterday`,
    `  calendar: ${r.schedule.memberDays} 会员日 days, ${r.schedule.calendarRules} holiday / anniversary rules`,
    ...r.skipped.map((s) => `  left out: ${s}`),
  ].join('\n');
}

export function formatRecompute(r: RecomputeResult): string {
  return `  segmented ${r.customers.toLocaleString('en')} customers in ${r.seconds.toFixed(1)} s (run ${r.runId}; ${r.moved.toLocaleString('en')} moved)`;
}
