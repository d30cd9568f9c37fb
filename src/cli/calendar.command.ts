/**
 * The calendar on the command line: `siyu holidays list | add | remove` (the workspace holiday
 * calendar) and `siyu calendar` (the operations calendar, per day). The same functions as the API.
 */
import type { Command } from 'commander';
import { addDays, addHolidays, listHolidays, removeHoliday } from '../calendar/index.ts';
import { operationsCalendar } from '../scheduling/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { formatLocal, localDate } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace, type Workspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

export function registerCalendarCommands(program: Command, ctx: CliContext): void {
  const inWorkspace = <T>(name: string, cmd: Command, fn: (db: Db, ws: Workspace) => Promise<T>) => {
    const id = ctx.workspaceOf(cmd);
    return ctx.withStore(name, async (db) => fn(db, await requireWorkspace(db, id)));
  };
  const holidays = program.command('holidays').description('the holiday calendar (节假日): built-in festivals 2026–2035 and the workspace\'s own days (会员日 …)');

  holidays
    .command('list')
    .description('holidays by date (default: the coming year)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default today)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default a year later)')
    .option('--name <name>', 'only this holiday')
    .option('--json', 'print as JSON')
    .action(async (opts: { from?: string; to?: string; name?: string; json?: boolean }, cmd: Command) => {
      await inWorkspace('holidays list', cmd, async (db, ws) => {
        const from = opts.from ?? localDate(ws.timeZone, Date.now());
        const items = await listHolidays(db, ws.workspaceId, from, opts.to ?? addDays(from, 365), opts.name);
        if (opts.json) return ctx.json({ items });
        if (items.length === 0) return ctx.out('no holidays in that range');
        for (const h of items) ctx.out(`${h.date}  ${h.name.padEnd(8)} ${h.label.en.padEnd(22)} ${h.source === 'builtin' ? 'built-in' : `workspace #${h.holidayId}`}`);
      });
    });

  holidays
    .command('add <name> <dates...>')
    .description('add days to the workspace calendar, e.g. "siyu holidays add 会员日 2027-01-08 2027-02-08"; --monthly adds the same day of every month')
    .option('--monthly <year>', 'with one date: that day of each month of this year (e.g. --monthly 2027 with 2027-01-08)')
    .option('--json', 'print as JSON')
    .action(async (name: string, dates: string[], opts: { monthly?: string; json?: boolean }, cmd: Command) => {
      let days = dates.map((date) => ({ date, name }));
      if (opts.monthly) {
        if (dates.length !== 1 || !/^\d{4}-\d{2}-(\d{2})$/.test(dates[0]!)) throw new SiyuError('bad_request', '--monthly: give one date whose day of the month repeats, e.g. 2027-01-08');
        if (!/^\d{4}$/.test(opts.monthly)) throw new SiyuError('bad_request', `--monthly "${opts.monthly}" is not a year`);
        const dd = dates[0]!.slice(8);
        days = Array.from({ length: 12 }, (_, m) => ({ date: `${opts.monthly}-${String(m + 1).padStart(2, '0')}-${dd}`, name }));
      }
      await inWorkspace('holidays add', cmd, async (db, ws) => {
        const r = await addHolidays(db, ws.workspaceId, days, { by: process.env.USER ?? 'cli', now: new Date() });
        if (opts.json) return ctx.json(r);
        ctx.out(`${r.added.length} day(s) added${r.existing ? `, ${r.existing} already there` : ''}`);
        for (const h of r.added) ctx.out(`  ${h.date}  ${h.name}  #${h.holidayId}`);
        for (const e of r.errors) ctx.out(`  refused: ${days[e.row]?.date ?? ''} (${e.field}): ${e.reason}`);
        if (r.errors.length > 0 && r.added.length === 0 && r.existing === 0) throw new SiyuError('validation_failed', 'no day was added');
      });
    });

  holidays
    .command('remove <id>')
    .description('remove a day the workspace added (its #id from "siyu holidays list")')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      if (!/^\d+$/.test(id)) throw new SiyuError('bad_request', `holiday id "${id}" is not a number`);
      await inWorkspace('holidays remove', cmd, async (db, ws) => {
        const h = await removeHoliday(db, ws.workspaceId, Number(id));
        ctx.out(`removed ${h.date} ${h.name}`);
      });
    });

  program
    .command('calendar')
    .description('the operations calendar (运营日历): per day, SOP steps and tasks due, scheduled sends, holidays and holiday / anniversary touches')
    .option('--from <date>', 'first day, YYYY-MM-DD (default today)')
    .option('--days <n>', 'how many days (1–63)', '14')
    .option('--staff <id>', 'as this staff member sees it: their customers only')
    .option('--json', 'print as JSON')
    .action(async (opts: { from?: string; days: string; staff?: string; json?: boolean }, cmd: Command) => {
      const n = Number(opts.days);
      if (!Number.isInteger(n) || n < 1 || n > 63) throw new SiyuError('bad_request', `--days "${opts.days}" must be a whole number from 1 to 63`);
      const scope: CustomerScope = opts.staff ? { kind: 'staff', staffId: opts.staff } : ALL_CUSTOMERS;
      await inWorkspace('calendar', cmd, async (db, ws) => {
        const from = opts.from ?? localDate(ws.timeZone, Date.now());
        const cal = await operationsCalendar(db, ws.workspaceId, { from, to: addDays(from, n - 1), scope });
        if (opts.json) return ctx.json(cal);
        for (const d of cal.days) {
          const lines: string[] = [];
          for (const h of d.holidays) lines.push(`节日 holiday       ${h.name} (${h.label.en})`);
          for (const s of d.sopSteps) lines.push(`SOP               ${s.sop}: ${s.scheduled} scheduled, ${s.delivered} delivered, ${s.suppressed} suppressed`);
          if (d.tasks.pending + d.tasks.done + d.tasks.suppressed > 0) lines.push(`任务 tasks         ${d.tasks.pending} pending, ${d.tasks.done} done, ${d.tasks.suppressed} suppressed/cancelled`);
          for (const s of d.scheduledSends) lines.push(`定时群发 send      ${formatLocal(ws.timeZone, s.sendAt).slice(11)} ${s.title} (${s.status}) #${s.scheduleId}`);
          for (const t of d.touches) lines.push(`节日触达 touch     ${t.rule}: ${t.label.zh} ${t.occurrence}, ${t.customers} customer(s)${t.enabled ? '' : ' (rule off)'}`);
          for (const i of d.items) lines.push(`${i.kind.padEnd(18)}${i.title} (${i.status})`);
          if (lines.length === 0) continue;
          ctx.out(d.date);
          for (const l of lines) ctx.out(`  ${l}`);
        }
      });
    });
}
