import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../customers/index.ts';
import { formatLocal } from '../shared/time.ts';
import {
  dryRunSop, exportSops, getSop, listSops, parseSopFile, runDueSteps, saveSop, setSopEnabled, sopDeliveries, type Sop, type SopDryRun,
} from '../sop/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

const ref = (id: string): string | number => (/^\d{1,15}$/.test(id) ? Number(id) : id);

function describeSop(s: Sop, tz: string): string {
  const lines = [`#${s.sopId} ${s.name}  [${s.enabled ? 'enabled' : 'disabled'}, v${s.version}]  stage ${s.stage.path}`];
  const re = s.definition.reentry;
  lines.push(`  re-entry: ${re?.allowed ? `new round after ${re.coolDownDays ?? 0} day(s)` : 'never (steps already received are not replayed)'}`);
  for (const st of s.definition.steps) {
    const when = `day ${st.offsetDays ?? 0}${st.offsetHours ? ` +${st.offsetHours}h` : ''}${st.window ? ` ${st.window.start}–${st.window.end}` : ''}`;
    lines.push(`  ${st.key.padEnd(12)} ${when.padEnd(20)} ${st.channel}/${st.purpose}${st.couponId ? ` coupon ${st.couponId}` : ''}  ${st.content}`);
  }
  lines.push(`  updated ${formatLocal(tz, s.updatedAt)}`);
  return lines.join('\n');
}

function describeDryRun(r: SopDryRun, tz: string): string {
  const lines = [`SOP "${r.sop}" on stage ${r.stage}: ${r.members} customer(s) in the stage now${r.truncated ? ' (first 200,000)' : ''}`];
  for (const s of r.steps) {
    const why = Object.entries(s.suppressedBy).map(([code, n]) => `${code} ${n}`).join(', ');
    lines.push(`  ${s.key.padEnd(12)} due ${formatLocal(tz, s.dueAt)} for an entry now: ${s.deliveries} task(s)` +
      `${s.deferred ? ` (${s.deferred} deferred by quiet hours)` : ''}, ${s.suppressed} suppressed${why ? ` (${why})` : ''}, ${s.alreadyReceived} already received`);
  }
  for (const x of r.samples) {
    lines.push(`  sample: customer ${x.customerId} ${x.name ?? ''} (staff ${x.staff ?? '-'})`);
    for (const s of x.steps) lines.push(`    ${s.key}: ${s.decision}, ${formatLocal(tz, s.dueAt)} — ${s.content}`);
  }
  return lines.join('\n');
}

export function registerSopCommands(program: Command, ctx: CliContext): void {
  const sops = program
    .command('sops')
    .description('SOPs (标准作业流程): per-stage playbooks of timed steps, each delivered once per customer')
    .addHelpText('after', '\nAn SOP is a JSON file (see examples/sops/). Its stage is a journey stage, written GROUP/TAG (e.g. 购买频次/已购买).');
  const actor = (opts: { by: string }): Actor => ({ kind: 'staff', id: opts.by });

  sops.command('add <files...>').description('add SOPs from files; a file whose name exists makes a new version of it')
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli').option('--json', 'print as JSON')
    .action(async (files: string[], opts: { by: string; json?: boolean }, cmd: Command) => {
      const defs = files.map((f) => parseSopFile(readFileSync(f, 'utf8'), f));
      const saved = await ctx.writing('sops add', cmd, async (db, ws) => {
        const out: { sop: Sop; created: boolean }[] = [];
        for (const d of defs) out.push(await saveSop(db, ws, d, actor(opts)));
        return out;
      });
      ctx.print(opts, saved, saved.map((s) => `${s.created ? 'added' : 'updated'} #${s.sop.sopId} "${s.sop.name}" (v${s.sop.version}, stage ${s.sop.stage.path}, ${s.sop.definition.steps.length} step(s)${s.sop.enabled ? '' : ', disabled'})`).join('\n'));
    });

  sops.command('list').description('every SOP with its stage and state').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('sops list', async (db) => {
        const all = await listSops(db, ws);
        ctx.print(opts, all, all.length === 0 ? 'no SOPs yet (add one: siyu sops add examples/sops/order-care.json)'
          : all.map((s) => `#${s.sopId}  ${s.name}  [${s.enabled ? 'enabled' : 'disabled'}, v${s.version}]  ${s.stage.path}  ${s.definition.steps.length} step(s)`).join('\n'));
      });
    });

  sops.command('show <sop>').description('one SOP (id or name) with its steps and what it has delivered').option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('sops show', async (db) => {
        const { timeZone } = await requireWorkspace(db, ws);
        const sop = await getSop(db, ws, ref(id));
        const report = await sopDeliveries(db, ws, sop.sopId, { limit: 10 });
        const counts = report.steps.map((s) => `  ${s.key.padEnd(12)} ${s.due} delivered, ${s.scheduled} scheduled, ${s.suppressed} suppressed, ${s.cancelled} cancelled${s.removed ? ' (removed step)' : ''}`);
        ctx.print(opts, { sop, deliveries: report }, `${describeSop(sop, timeZone)}\n  customers: ${report.enrollments.open} in it now, ${report.enrollments.total} stays in all\n${counts.join('\n')}`);
      });
    });

  for (const on of [true, false]) {
    sops.command(`${on ? 'enable' : 'disable'} <sop>`)
      .description(on ? 'switch an SOP on for customers entering its stage' : 'switch an SOP off: scheduled steps are cancelled')
      .option('--by <staff>', 'who is making the change (for the audit log)', 'cli').option('--json', 'print as JSON')
      .option('--enroll-current', on ? 'also enroll the customers in the stage now, as if they entered now' : 'ignored')
      .action(async (id: string, opts: { by: string; json?: boolean; enrollCurrent?: boolean }, cmd: Command) => {
        const r = await ctx.writing(`sops ${on ? 'enable' : 'disable'}`, cmd, (db, ws) =>
          setSopEnabled(db, ws, ref(id), on, actor(opts), { enrollCurrent: on && opts.enrollCurrent === true }));
        ctx.print(opts, r, `SOP "${r.sop.name}" ${on ? 'enabled' : 'disabled'}${r.cancelled ? `, ${r.cancelled} scheduled step(s) cancelled` : ''}` +
          `${r.enrollment ? `, ${r.enrollment.enrolled} customer(s) enrolled, ${r.enrollment.delivered.created} task(s) created now` : ''}`);
      });
  }

  sops.command('export [sop]').description('the SOP files (all, or one by id or name) as JSON')
    .option('-o, --output <path>', 'write to a file (one SOP) or a directory (all: one file per SOP)')
    .action(async (id: string | undefined, opts: { output?: string }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('sops export', async (db) => {
        const defs = await exportSops(db, ws, id === undefined ? undefined : ref(id));
        if (!opts.output) return ctx.json(id === undefined ? defs : defs[0]);
        if (id !== undefined || (existsSync(opts.output) === false && opts.output.endsWith('.json'))) {
          writeFileSync(opts.output, `${JSON.stringify(id === undefined ? defs : defs[0], null, 2)}\n`);
          return ctx.out(`wrote ${defs.length} SOP(s) to ${opts.output}`);
        }
        mkdirSync(opts.output, { recursive: true });
        for (const d of defs) writeFileSync(`${opts.output}/${d.name.replace(/[\\/:*?"<>|\s]+/g, '_')}.json`, `${JSON.stringify(d, null, 2)}\n`);
        ctx.out(`wrote ${defs.length} SOP file(s) to ${opts.output}/`);
      });
    });

  sops.command('dry-run <file-or-sop>').description('what an SOP (a file, or a stored one by id or name) would do for the customers in its stage now; changes nothing')
    .option('--samples <n>', 'how many customers to show rendered', '3').option('--json', 'print as JSON')
    .action(async (target: string, opts: { samples: string; json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      const input = existsSync(target) && target.endsWith('.json') ? parseSopFile(readFileSync(target, 'utf8'), target) : ref(target);
      await ctx.withStore('sops dry-run', async (db) => {
        const { timeZone } = await requireWorkspace(db, ws);
        const r = await dryRunSop(db, ws, input, new Date(), { samples: Number(opts.samples) || 0 });
        ctx.print(opts, r, describeDryRun(r, timeZone));
      });
    });

  sops.command('run').description('turn every due step into a task now (the server does this every 30 s)').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ws = ctx.workspaceOf(cmd);
      await ctx.withStore('sops run', async (db) => {
        const total = { claimed: 0, created: 0, duplicates: 0, suppressed: 0, deferred: 0 };
        for (;;) {
          const r = await runDueSteps(db, { now: Date.now(), workspaceId: ws, limit: 1000 });
          for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
          if (r.claimed < 1000) break;
        }
        ctx.print(opts, total, `${total.claimed} due step(s): ${total.created} task(s) created (${total.deferred} deferred), ${total.suppressed} suppressed, ${total.duplicates} already existed`);
      });
    });
}
