import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  deleteRule, drainSignals, parseRangeBound, dryRunRule, exportRules, getRule, importRules, listRuleRuns, listRules, replayRule, runTimers, setRuleEnabled,
  type DryRunResult, type Rule,
} from '../automation/index.ts';
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch (err) {
    throw new SiyuError('not_found', `cannot read ${path}: ${(err as Error).message}`);
  }
  try { return JSON.parse(text.replace(/^\uFEFF/, '')); } catch (err) {
    throw new SiyuError('bad_request', `${path} is not valid JSON: ${(err as Error).message}`);
  }
}

const describeTrigger = (r: Rule): string => {
  const t = r.definition.trigger;
  switch (t.kind) {
    case 'event': return `event ${t.event}${t.where ? ' (with a condition)' : ''}`;
    case 'model': return `model ${t.model}${t.from ? ` from ${t.from.join('|')}` : ''}${t.to ? ` to ${t.to.join('|')}` : ''}`;
    case 'tagAdded': return `tag added ${t.tag}`;
    case 'tagRemoved': return `tag removed ${t.tag}`;
    case 'stageEntered': return `stage entered ${t.stage}`;
    case 'stageLeft': return `stage left ${t.stage}`;
    case 'elapsed': return `${t.days} days in ${t.tag}${t.withoutEvent ? ` without ${t.withoutEvent}` : ''}`;
    case 'recurring': return `every ${t.everyDays} days while in ${t.tag}`;
    case 'date': return `${t.daysBefore ? `${t.daysBefore} days before ` : ''}each ${t.field} anniversary, from ${t.hour}:00`;
    case 'holiday': return `${t.daysBefore ? `${t.daysBefore} days before ` : ''}${t.holiday}, from ${t.hour}:00`;
  }
};

export function describeDryRun(r: DryRunResult): string {
  const lines = [
    `rule "${r.rule}" on ${r.window.from.slice(0, 10)} … ${r.window.to.slice(0, 10)}:`,
    `  ${r.triggered} triggering change(s), ${r.customers} customer(s) would fire, ${r.alreadyFired} already fired or not matching`,
    ...r.actions.map((a) => `  action ${a.action + 1} ${a.type}: ${a.affected} customer(s)${a.note ? `  (${a.note})` : ''}`),
  ];
  if (r.sample.length) lines.push(`  e.g. ${r.sample.map((s) => `${s.customerId}${s.name ? ` ${s.name}` : ''}`).join(', ')}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

export function registerRulesCommands(program: Command, ctx: CliContext): void {
  const rules = program
    .command('rules')
    .description('automation rules: WHEN trigger IF filter THEN actions (files you can review and version)')
    .addHelpText('after', '\nA rule file is JSON: one rule, a list, or {"rules": [...]} (what export writes). Schema: GET /api/v1/rules/schema.');
  const cli: Actor = { kind: 'staff', id: 'cli' };

  rules.command('add <file>').description('add the rules of a file, or save new versions of rules with the same names')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => {
      const content = await readJsonFile(file);
      const ws = ctx.workspaceOf(cmd);
      const out = await ctx.withStore('rules add', async (db) => {
        await ctx.ensureWorkspace(db, ws);
        return importRules(db, ws, content, cli);
      });
      ctx.print(opts, out, out.map((r) => `${r.status} rule ${r.rule.ruleId} "${r.rule.name}" v${r.rule.version} (${r.rule.enabled ? 'enabled' : 'disabled'})`).join('\n'));
    });

  rules.command('list').description('every rule').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const list = await ctx.withStore('rules list', (db) => listRules(db, ws));
      ctx.print(opts, list, list.length === 0 ? '(no rules; add one with: siyu rules add FILE)'
        : list.map((r) => `${String(r.ruleId).padStart(4)}  ${r.enabled ? 'on ' : 'off'}  v${r.version}  ${r.name}  — ${describeTrigger(r)} → ${r.definition.actions.map((a) => a.type).join(', ')}`).join('\n'));
    });

  rules.command('show <rule>').description('one rule (id or name) with its versions')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      ctx.json(await ctx.withStore('rules show', (db) => getRule(db, ws, ref)));
    });

  for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
    rules.command(`${name} <rule>`).description(`switch a rule ${enabled ? 'on' : 'off'}`)
      .action(async (ref: string, _opts: unknown, cmd: Command) => {
        const ws = ctx.workspaceOf(cmd);
        const r = await ctx.withStore(`rules ${name}`, (db) => setRuleEnabled(db, ws, ref, enabled));
        ctx.out(`rule ${r.ruleId} "${r.name}" is ${r.enabled ? 'enabled' : 'disabled'}`);
      });
  }

  rules.command('delete <rule>').description('delete a rule')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const r = await ctx.withStore('rules delete', (db) => deleteRule(db, ws, ref));
      ctx.out(`rule ${r.ruleId} "${r.name}" deleted`);
    });

  rules.command('export').description('every rule as one JSON file').option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: { output?: string }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const file = await ctx.withStore('rules export', (db) => exportRules(db, ws));
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (opts.output) {
        await writeFile(opts.output, text, 'utf8');
        ctx.out(`${file.rules.length} rule(s) written to ${opts.output}`);
      } else process.stdout.write(text);
    });

  rules.command('dry-run <file-or-rule>').description('who a rule would fire for on current data, and what it would do — changing nothing')
    .option('--days <n>', 'event triggers: look at the events of the last N days', '30')
    .option('--json', 'print as JSON')
    .action(async (target: string, opts: { days: string; json?: boolean }, cmd: Command) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1) throw new SiyuError('bad_request', `--days "${opts.days}" must be a whole number of days`);
      const ws = ctx.workspaceOf(cmd);
      const input = existsSync(target) ? await readJsonFile(target) : target;
      const r = await ctx.withStore('rules dry-run', (db) => dryRunRule(db, ws, input, { days }));
      ctx.print(opts, r, describeDryRun(r));
    });

  rules.command('replay <rule>').description('re-run a rule over the changes of a date range (what already fired is skipped)')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, workspace time zone) or a date-time')
    .requiredOption('--to <date>', 'last day, or an exclusive date-time')
    .option('--json', 'print as JSON')
    .action(async (ref: string, opts: { from: string; to: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const r = await ctx.withStore('rules replay', async (db) => {
        const { timeZone } = await requireWorkspace(db, ws);
        const range = { from: parseRangeBound(opts.from, timeZone, '--from', false), to: parseRangeBound(opts.to, timeZone, '--to', true) };
        const out = await replayRule(db, ws, ref, range);
        await drainSignals(db, { workspaceId: ws });
        return out;
      });
      ctx.print(opts, r, `rule "${r.rule}": ${r.triggered} change(s), ${r.fired} fired now, ${r.alreadyFired} already fired or not matching, ${r.errors} error(s)`);
    });

  rules.command('runs').description('what rules did: firings, replays, errors, refused cycles and deep cascades')
    .option('--rule <rule>', 'only this rule').option('--status <status>', 'fired | replay | error | cycle | depth_exceeded')
    .option('--limit <n>', 'at most N rows', '50').option('--json', 'print as JSON')
    .action(async (opts: { rule?: string; status?: string; limit: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const runs = await ctx.withStore('rules runs', (db) => listRuleRuns(db, ws, {
        ...(opts.rule ? { rule: opts.rule } : {}), ...(opts.status ? { status: opts.status } : {}), limit: Number(opts.limit),
      }));
      ctx.print(opts, runs, runs.length === 0 ? '(no runs yet)' : runs.map((r) =>
        `${r.at.slice(0, 19).replace('T', ' ')}  ${r.status.padEnd(14)} ${r.rule ?? `rule ${r.ruleId}`}  ${r.customers} customer(s)` +
        `${typeof r.details.message === 'string' ? `  ${r.details.message}` : ''}`).join('\n'));
    });

  rules.command('process').description('process waiting automation signals and due timers now (the server does this by itself)')
    .action(async (_opts: unknown, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const r = await ctx.withStore('rules process', async (db) => {
        const s = await drainSignals(db, { workspaceId: ws });
        const t = await runTimers(db, { now: Date.now(), workspaceId: ws });
        return { ...s, timers: t.fired };
      });
      ctx.out(`${r.processed} signal(s): ${r.fired} firing(s), ${r.refused} refused, ${r.errors} error(s); ${r.timers} timer firing(s)`);
    });
}
