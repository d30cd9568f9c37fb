/**
 * Outreach on the command line: `siyu tasks`, `siyu send` (群发), `siyu focus`, `siyu policy`.
 * The same service functions as the HTTP API.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseFilter, type AudienceFilter } from '../audiences/index.ts';
import {
  focusList, getContactPolicy, listTasks, sendMassMessage, setTaskStatus, staffStats, updateContactPolicy, TASK_STATUSES,
  type MassMessagePlan, type Task, type TaskStatus, type ContactPolicy,
} from '../outreach/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { formatLocal } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace, type Workspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

const STATUS_ZH: Record<TaskStatus, string> = { pending: '待办', sent: '已发送', skipped: '已跳过', failed: '失败', suppressed: '已拦截', cancelled: '已取消' };
const CLI_ACTOR = { kind: 'staff' as const, id: process.env.USER ?? 'cli' };

function readText(what: string, arg: string): string {
  if (!existsSync(arg)) throw new SiyuError('bad_request', `${what} "${arg}" is not a file that exists`);
  return readFileSync(arg, 'utf8').replace(/^\uFEFF/, '');
}

function filterFrom(arg: string): AudienceFilter {
  const text = /^\s*[{[]/.test(arg) ? arg : readText('--filter', arg);
  const r = parseFilter(text);
  if (!r.ok) throw new SiyuError('validation_failed', `filter: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.filter;
}

export function formatTask(t: Task, tz: string): string {
  const who = t.customerId === null ? '(群发)' : `#${t.customerId} ${t.customerName ?? ''}`.trim();
  const status = `${STATUS_ZH[t.status]} ${t.status}`;
  const extra = t.statusReason ? `  — ${t.statusReason}` : t.deferred ? `  (deferred from ${formatLocal(tz, t.requestedAt)}: quiet hours)` : '';
  return `${String(t.taskId).padStart(6)}  ${formatLocal(tz, t.dueAt)}  ${status.padEnd(16)} ${(t.staffId ?? '-').padEnd(10)} ${t.kind.padEnd(12)} ${who}  ${t.title}${extra}`;
}

export function formatPlan(p: MassMessagePlan, tz: string): string {
  const lines = [
    p.dryRun ? '群发预演 dry run (nothing written)' : `群发 mass message ${p.massMessageId} created`,
    `  audience            ${p.audience}`,
    `  excluded            ${p.excluded.alreadyReceived} already received the same content, ${p.excluded.noStaff} without a staff member`,
    `  suppressed          ${p.suppressed.total}`,
    ...p.suppressed.byReason.map((g) => `    ${g.code.padEnd(18)}${String(g.count).padStart(8)}  ${g.zh} / ${g.en}  e.g. ${g.samples.map((s) => `#${s.customerId} ${s.name}`).join(', ')}`),
    `  recipients          ${p.recipients}${p.deferred ? `  (quiet hours: due ${formatLocal(tz, p.dueAt)})` : ''}`,
    ...p.perStaff.map((s) => `    ${`${s.staffId}${s.staffName ? ` ${s.staffName}` : ''}`.padEnd(18)}${String(s.recipients).padStart(8)}${s.taskId ? `  task ${s.taskId}` : ''}`),
    `  took ${p.seconds.toFixed(2)} s`,
  ];
  return lines.join('\n');
}

function formatPolicy(p: ContactPolicy): string {
  return [
    `marketingMinTrust        = ${p.marketingMinTrust}    (营销内容的最低信任等级 L${p.marketingMinTrust})`,
    `frequencyCap.touches     = ${p.frequencyCap.touches}`,
    `frequencyCap.windowDays  = ${p.frequencyCap.windowDays}    (每 ${p.frequencyCap.windowDays} 天最多 ${p.frequencyCap.touches} 次营销触达)`,
    `quietHours.enabled       = ${p.quietHours.enabled}`,
    `quietHours.start         = ${p.quietHours.start}`,
    `quietHours.end           = ${p.quietHours.end}    (免打扰时段，推迟到结束时)`,
    `massMessagesPerDay       = ${p.massMessagesPerDay}    (企业微信：每位客户每天群发条数)`,
  ].join('\n');
}

export function registerOutreachCommands(program: Command, ctx: CliContext): void {
  const inWorkspace = <T>(name: string, cmd: Command, fn: (db: Db, ws: Workspace) => Promise<T>) => {
    const id = ctx.workspaceOf(cmd);
    return ctx.withStore(name, async (db) => fn(db, await requireWorkspace(db, id)));
  };

  const tasks = program
    .command('tasks')
    .description('staff tasks (待办): list, or mark one done / skipped / failed')
    .option('--staff <id>', 'only this staff member\'s tasks')
    .option('--status <status>', `only tasks in this status (${TASK_STATUSES.join(', ')})`)
    .option('--due <when>', 'today | overdue | open (pending, due by the end of today)')
    .option('--limit <n>', 'at most this many', '50')
    .option('--stats', 'execution per staff member over the last 7 days instead')
    .option('--json', 'print as JSON')
    .action(async (opts: { staff?: string; status?: string; due?: string; limit: string; stats?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.status && !(TASK_STATUSES as readonly string[]).includes(opts.status)) throw new SiyuError('bad_request', `--status: must be one of ${TASK_STATUSES.join(', ')}`);
      if (opts.due && !['today', 'overdue', 'open'].includes(opts.due)) throw new SiyuError('bad_request', '--due: must be today, overdue or open');
      await inWorkspace('tasks', cmd, async (db, ws) => {
        if (opts.stats) {
          const s = await staffStats(db, ws.workspaceId, { now: new Date(), ...(opts.staff ? { staffId: opts.staff } : {}) });
          if (opts.json) return ctx.json(s);
          ctx.out(`执行率 execution ${formatLocal(ws.timeZone, s.from)} – ${formatLocal(ws.timeZone, s.to)}`);
          for (const r of s.staff) {
            ctx.out(`  ${(r.staffId ?? '-').padEnd(12)} ${r.executionRate === null ? '   -  ' : `${(r.executionRate * 100).toFixed(1)}%`.padStart(6)}  sent ${r.sent}, skipped ${r.skipped}, failed ${r.failed}, overdue ${r.overdue}, pending ${r.pending}, suppressed ${r.suppressed}`);
          }
          for (const g of s.suppressed) ctx.out(`  suppressed ${g.code}: ${g.count} (${g.reason})`);
          return;
        }
        const page = await listTasks(db, ws.workspaceId, {
          staffId: opts.staff, status: opts.status as TaskStatus | undefined, due: opts.due as 'today' | undefined,
          limit: Number(opts.limit), scope: ALL_CUSTOMERS, now: new Date(),
        });
        if (opts.json) return ctx.json(page);
        if (page.items.length === 0) return ctx.out('no tasks');
        for (const t of page.items) ctx.out(formatTask(t, ws.timeZone));
        if (page.nextCursor) ctx.out(`… more (raise --limit)`);
      });
    });

  for (const [verb, status, zh] of [['done', 'sent', '已发送'], ['skip', 'skipped', '跳过'], ['fail', 'failed', '失败']] as const) {
    tasks
      .command(`${verb} <id>`)
      .description(`mark a pending task ${status} (${zh})`)
      .option('--note <text>', 'why, or what happened')
      .option('--json', 'print the task as JSON')
      .action(async (id: string, opts: { note?: string; json?: boolean }, cmd: Command) => {
        if (!/^\d+$/.test(id)) throw new SiyuError('bad_request', `task id "${id}" is not a number`);
        await inWorkspace(`tasks ${verb}`, cmd, async (db, ws) => {
          const t = await db.transaction((tx) => setTaskStatus(tx, ws.workspaceId, Number(id), status, CLI_ACTOR, opts.note));
          if (opts.json) ctx.json(t);
          else ctx.out(formatTask(t, ws.timeZone));
        });
      });
  }

  program
    .command('send')
    .description('mass message (群发) to an audience: excludes who already got the same content, applies the contact policy, one task per staff member')
    .option('--filter <file|json>', 'audience filter (a JSON file, or JSON)')
    .option('--segment <name>', 'a saved segment instead of a filter')
    .requiredOption('--content <file>', 'the message text file; may use {name} and {staff}')
    .option('--title <title>', 'a title for the staff task list')
    .option('--purpose <purpose>', 'marketing | service', 'marketing')
    .option('--channel <channel>', 'private_chat | moments | group', 'private_chat')
    .option('--staff <id>', 'send as this staff member: only their customers')
    .option('--dry-run', 'count only; write nothing')
    .option('--json', 'print as JSON')
    .action(async (opts: { filter?: string; segment?: string; content: string; title?: string; purpose: string; channel: string; staff?: string; dryRun?: boolean; json?: boolean }, cmd: Command) => {
      if (!['marketing', 'service'].includes(opts.purpose)) throw new SiyuError('bad_request', '--purpose: must be marketing or service');
      if (!['private_chat', 'moments', 'group'].includes(opts.channel)) throw new SiyuError('bad_request', '--channel: must be private_chat, moments or group');
      const filter = opts.filter === undefined ? undefined : filterFrom(opts.filter);
      const content = readText('--content', opts.content).trim();
      const scope: CustomerScope = opts.staff ? { kind: 'staff', staffId: opts.staff } : ALL_CUSTOMERS;
      await inWorkspace('send', cmd, async (db, ws) => {
        const plan = await sendMassMessage(db, ws.workspaceId, {
          filter, segment: opts.segment, title: opts.title, content, purpose: opts.purpose as 'marketing', channel: opts.channel as 'private_chat',
          dryRun: opts.dryRun === true, actor: CLI_ACTOR, scope, now: new Date(),
        });
        if (opts.json) ctx.json(plan);
        else ctx.out(formatPlan(plan, ws.timeZone));
      });
    });

  program
    .command('focus')
    .description('a staff member\'s focus list for today (80/20): at-risk important customers, super users due for care, L3 ready for a first order')
    .requiredOption('--staff <id>', 'the staff member')
    .option('--limit <n>', 'at most this many', '20')
    .option('--json', 'print as JSON')
    .action(async (opts: { staff: string; limit: string; json?: boolean }, cmd: Command) => {
      await inWorkspace('focus', cmd, async (db, ws) => {
        const list = await focusList(db, ws.workspaceId, opts.staff, new Date(), Number(opts.limit));
        if (opts.json) return ctx.json(list);
        if (list.entries.length === 0) return ctx.out(`nothing pressing for ${opts.staff} today`);
        ctx.out(`今日重点 focus for ${opts.staff}`);
        for (const e of list.entries) {
          ctx.out(`${String(e.rank).padStart(3)}. #${e.customerId} ${e.name ?? ''}  score ${e.score}\n     ${e.reason.zh}\n     ${e.reason.en}\n     → ${e.action.zh} / ${e.action.en}`);
        }
      });
    });

  const policy = program.command('policy').description('the contact policy: minimum trust for marketing, frequency cap, quiet hours, WeCom daily limit');
  policy
    .command('show')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await inWorkspace('policy show', cmd, async (db, ws) => {
        const p = await getContactPolicy(db, ws.workspaceId);
        if (opts.json) ctx.json(p);
        else ctx.out(formatPolicy(p));
      });
    });
  policy
    .command('set')
    .description('change settings: --key quietHours.start=23:00 --key frequencyCap.touches=3')
    .requiredOption('--key <path=value...>', 'a setting and its new value (repeatable)')
    .action(async (opts: { key: string[] }, cmd: Command) => {
      const changes: Record<string, string> = {};
      for (const kv of opts.key) {
        const i = kv.indexOf('=');
        if (i <= 0) throw new SiyuError('bad_request', `--key "${kv}": write it as PATH=VALUE, e.g. quietHours.start=23:00`);
        changes[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
      }
      await inWorkspace('policy set', cmd, async (db, ws) => ctx.out(formatPolicy(await updateContactPolicy(db, ws.workspaceId, changes))));
    });
}
