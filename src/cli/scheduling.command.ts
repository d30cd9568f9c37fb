/**
 * Scheduled mass messages on the command line: `siyu schedule send | list | show | edit | cancel`.
 * The same service functions as the HTTP API; times are read in the workspace time zone
 * unless they carry an offset.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseFilter, type AudienceFilter } from '../audiences/index.ts';
import {
  cancelScheduledSend, getScheduledSend, listScheduledSends, scheduleMassMessage, updateScheduledSend, SCHEDULE_STATUSES,
  type ScheduleChange, type ScheduledSend, type ScheduleStatus,
} from '../scheduling/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { formatLocal, parseTimestamp } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace, type Workspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

const CLI_ACTOR = { kind: 'staff' as const, id: process.env.USER ?? 'cli' };
const STATUS_ZH: Record<ScheduleStatus, string> = { scheduled: '待发送', sent: '已发送', cancelled: '已取消', failed: '失败' };

function readText(what: string, arg: string): string {
  if (!existsSync(arg)) throw new SiyuError('bad_request', `${what} "${arg}" is not a file that exists`);
  return readFileSync(arg, 'utf8').replace(/^\uFEFF/, '').trim();
}

function filterFrom(arg: string): AudienceFilter {
  const text = /^\s*[{[]/.test(arg) ? arg : readText('--filter', arg);
  const r = parseFilter(text);
  if (!r.ok) throw new SiyuError('validation_failed', `filter: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.filter;
}

function timeFrom(arg: string, tz: string): Date {
  const r = parseTimestamp(arg, tz);
  if (!r.ok) throw new SiyuError('bad_request', `--at: ${r.reason}`);
  return new Date(r.instant);
}

const idFrom = (id: string) => {
  if (!/^\d+$/.test(id)) throw new SiyuError('bad_request', `scheduled send id "${id}" is not a number`);
  return Number(id);
};

export function formatScheduled(s: ScheduledSend, tz: string): string {
  const tail = s.status === 'sent' ? `  → mass message ${s.massMessageId}` : s.error ? `  — ${s.error}` : '';
  return `${String(s.scheduleId).padStart(6)}  ${formatLocal(tz, s.sendAt)}  ${`${STATUS_ZH[s.status]} ${s.status}`.padEnd(14)} ${(s.staffId ?? '(all)').padEnd(10)} ${s.title}${tail}`;
}

export function registerSchedulingCommands(program: Command, ctx: CliContext): void {
  const inWorkspace = <T>(name: string, cmd: Command, fn: (db: Db, ws: Workspace) => Promise<T>) => {
    const id = ctx.workspaceOf(cmd);
    return ctx.withStore(name, async (db) => fn(db, await requireWorkspace(db, id)));
  };
  const schedule = program.command('schedule').description('scheduled mass messages (定时群发): send later, list, edit or cancel before they start');

  schedule
    .command('send')
    .description('schedule a mass message: checked and estimated now, sent at --at by one server process (siyu serve)')
    .requiredOption('--at <time>', 'when, e.g. "2026-12-12 10:00" (workspace time zone) or an ISO time with offset')
    .option('--filter <file|json>', 'audience filter (a JSON file, or JSON)')
    .option('--segment <name>', 'a saved segment instead of a filter')
    .requiredOption('--content <file>', 'the message text file; may use {name} and {staff}')
    .option('--title <title>', 'a title for the staff task list')
    .option('--purpose <purpose>', 'marketing | service', 'marketing')
    .option('--channel <channel>', 'private_chat | moments | group', 'private_chat')
    .option('--staff <id>', 'schedule as this staff member: only their customers')
    .option('--json', 'print as JSON')
    .action(async (opts: { at: string; filter?: string; segment?: string; content: string; title?: string; purpose: string; channel: string; staff?: string; json?: boolean }, cmd: Command) => {
      if (!['marketing', 'service'].includes(opts.purpose)) throw new SiyuError('bad_request', '--purpose: must be marketing or service');
      if (!['private_chat', 'moments', 'group'].includes(opts.channel)) throw new SiyuError('bad_request', '--channel: must be private_chat, moments or group');
      const filter = opts.filter === undefined ? undefined : filterFrom(opts.filter);
      const content = readText('--content', opts.content);
      const scope: CustomerScope = opts.staff ? { kind: 'staff', staffId: opts.staff } : ALL_CUSTOMERS;
      await inWorkspace('schedule send', cmd, async (db, ws) => {
        const s = await scheduleMassMessage(db, ws.workspaceId, {
          filter, segment: opts.segment, title: opts.title, content, purpose: opts.purpose as 'marketing', channel: opts.channel as 'private_chat',
          sendAt: timeFrom(opts.at, ws.timeZone),
        }, { actor: CLI_ACTOR, scope, now: new Date() });
        if (opts.json) return ctx.json(s);
        ctx.out(`定时群发 scheduled send ${s.scheduleId} at ${formatLocal(ws.timeZone, s.sendAt)} (${ws.timeZone})`);
        ctx.out(`  estimate now: audience ${s.estimate.audience}, recipients ${s.estimate.recipients}, suppressed ${s.estimate.suppressed}, already received ${s.estimate.alreadyReceived}`);
        ctx.out(`  change it with "siyu schedule edit ${s.scheduleId}", or "siyu schedule cancel ${s.scheduleId}", until it starts`);
      });
    });

  schedule
    .command('list')
    .description('scheduled sends by send time')
    .option('--status <status>', `only these (${SCHEDULE_STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print as JSON')
    .action(async (opts: { status?: string; limit: string; json?: boolean }, cmd: Command) => {
      if (opts.status && !(SCHEDULE_STATUSES as readonly string[]).includes(opts.status)) throw new SiyuError('bad_request', `--status: must be one of ${SCHEDULE_STATUSES.join(', ')}`);
      await inWorkspace('schedule list', cmd, async (db, ws) => {
        const items = await listScheduledSends(db, ws.workspaceId, { scope: ALL_CUSTOMERS, status: opts.status as ScheduleStatus | undefined, limit: Number(opts.limit) });
        if (opts.json) return ctx.json({ items });
        if (items.length === 0) return ctx.out('no scheduled sends');
        for (const s of items) ctx.out(formatScheduled(s, ws.timeZone));
      });
    });

  schedule
    .command('show <id>')
    .description('one scheduled send with its content')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await inWorkspace('schedule show', cmd, async (db, ws) => {
        const s = await getScheduledSend(db, ws.workspaceId, idFrom(id), ALL_CUSTOMERS);
        if (opts.json) return ctx.json(s);
        ctx.out(formatScheduled(s, ws.timeZone));
        ctx.out(`  audience ${JSON.stringify(s.audience)}\n  ${s.purpose} via ${s.channel}\n  ${s.content.replaceAll('\n', '\n  ')}`);
      });
    });

  schedule
    .command('edit <id>')
    .description('change a scheduled send that has not started')
    .option('--at <time>', 'a new send time')
    .option('--content <file>', 'a new message text file')
    .option('--title <title>', 'a new title')
    .option('--filter <file|json>', 'a new audience filter')
    .option('--segment <name>', 'a saved segment as the new audience')
    .option('--purpose <purpose>', 'marketing | service')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { at?: string; content?: string; title?: string; filter?: string; segment?: string; purpose?: string; json?: boolean }, cmd: Command) => {
      if (opts.purpose && !['marketing', 'service'].includes(opts.purpose)) throw new SiyuError('bad_request', '--purpose: must be marketing or service');
      await inWorkspace('schedule edit', cmd, async (db, ws) => {
        const change: ScheduleChange = {
          ...(opts.at ? { sendAt: timeFrom(opts.at, ws.timeZone) } : {}), ...(opts.content ? { content: readText('--content', opts.content) } : {}),
          ...(opts.title ? { title: opts.title } : {}), ...(opts.filter ? { filter: filterFrom(opts.filter) } : {}), ...(opts.segment ? { segment: opts.segment } : {}),
          ...(opts.purpose ? { purpose: opts.purpose as 'marketing' } : {}),
        };
        if (Object.keys(change).length === 0) throw new SiyuError('bad_request', 'nothing to change: give --at, --content, --title, --filter, --segment or --purpose');
        const s = await updateScheduledSend(db, ws.workspaceId, idFrom(id), change, { actor: CLI_ACTOR, scope: ALL_CUSTOMERS, now: new Date() });
        if (opts.json) return ctx.json(s);
        ctx.out(formatScheduled(s, ws.timeZone));
        ctx.out(`  estimate now: audience ${s.estimate.audience}, recipients ${s.estimate.recipients}, suppressed ${s.estimate.suppressed}`);
      });
    });

  schedule
    .command('cancel <id>')
    .description('cancel a scheduled send that has not started')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await inWorkspace('schedule cancel', cmd, async (db, ws) => {
        const s = await cancelScheduledSend(db, ws.workspaceId, idFrom(id), { actor: CLI_ACTOR, scope: ALL_CUSTOMERS, now: new Date() });
        if (opts.json) return ctx.json(s);
        ctx.out(formatScheduled(s, ws.timeZone));
      });
    });
}
