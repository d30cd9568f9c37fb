import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Actor } from '../customers/index.ts';
import {
  createJourney, customerJourneys, getJourney, installTemplate, listJourneys, listTemplates, moveStage, stageCounts, stageHistory, stageStats,
  TEMPLATE_KEYS, type Journey, type JourneyDefinition, type TemplateKey,
} from '../journeys/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS } from '../shared/scope.ts';
import type { CliContext } from './context.ts';

const customerId = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `customer id "${v}" is not a positive whole number`);
  return n;
};

function describe(j: Journey, counts?: Map<number, number>): string {
  const sep = j.ordered ? ' → ' : ' / ';
  const stages = j.stages.map((s) => `${s.name}${counts ? ` (${counts.get(s.stageId) ?? 0})` : ''}${s.entryFilter ? ' [entry condition]' : ''}`);
  return `${j.journeyId}  ${j.name}${j.labelEn ? ` (${j.labelEn})` : ''}  [${j.ordered ? 'ordered' : 'unordered'}]\n    ${stages.join(sep)}`;
}

export function registerJourneyCommands(program: Command, ctx: CliContext): void {
  const journeys = program
    .command('journeys')
    .description('customer journeys (客户旅程): a stage is a tag of the journey\'s single-choice group in 旅程')
    .addHelpText('after', '\nA journey is named by its name or id; a stage by its name or tag id.');

  const by = (opts: { by: string }): Actor => ({ kind: 'staff', id: opts.by });

  journeys.command('list').description('every journey with its stages').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const all = await ctx.reading('journeys list', cmd, (db, ws) => listJourneys(db, ws));
      ctx.print(opts, all, all.length === 0 ? 'no journeys yet; try: siyu journeys templates' : all.map((j) => describe(j)).join('\n'));
    });

  journeys.command('templates').description('the seed templates, and which are installed').option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const all = await ctx.writing('journeys templates', cmd, (db, ws) => listTemplates(db, ws));
      ctx.print(opts, all, all.map((t) => `${t.key.padEnd(20)}${t.name} (${t.labelEn})  ${t.stages.map((s) => s.name).join(t.ordered ? '→' : '/')}${t.journeyId ? '  [installed]' : ''}`).join('\n'));
    });

  journeys.command('install <key>').description(`install a template: ${TEMPLATE_KEYS.join(', ')}`)
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli').option('--json', 'print as JSON')
    .action(async (key: string, opts: { by: string; json?: boolean }, cmd: Command) => {
      if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) throw new SiyuError('bad_request', `unknown template "${key}"; one of ${TEMPLATE_KEYS.join(', ')}`);
      const j = await ctx.writing('journeys install', cmd, (db, ws) => installTemplate(db, ws, key as TemplateKey, by(opts)));
      ctx.print(opts, j, `installed:\n${describe(j)}`);
    });

  journeys.command('create <file>').description('create a custom journey from a JSON file {name, ordered, stages:[{name, entryFilter?}]}')
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli').option('--json', 'print as JSON')
    .action(async (file: string, opts: { by: string; json?: boolean }, cmd: Command) => {
      let def: JourneyDefinition;
      try {
        def = JSON.parse(await readFile(file, 'utf8')) as JourneyDefinition;
      } catch (e) {
        throw new SiyuError('bad_request', `${file}: ${(e as Error).message}`);
      }
      if (typeof def !== 'object' || def === null || !Array.isArray(def.stages)) throw new SiyuError('bad_request', `${file}: expected {name, ordered, stages: [...]}`);
      const j = await ctx.writing('journeys create', cmd, (db, ws) => createJourney(db, ws, { ...def, ordered: def.ordered ?? true }, by(opts)));
      ctx.print(opts, j, `created:\n${describe(j)}`);
    });

  journeys.command('show <journey>').description('a journey, with how many customers stand in each stage').option('--json', 'print as JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.reading('journeys show', cmd, async (db, ws) => {
        const j = await getJourney(db, ws, ref);
        return { journey: j, counts: await stageCounts(db, ws, j, { scope: ALL_CUSTOMERS }) };
      });
      ctx.print(opts, { ...r.journey, counts: Object.fromEntries(r.counts) }, describe(r.journey, r.counts));
    });

  journeys.command('move <customer> <journey> <stage>').description('move a customer to a stage by hand (audited; a reason is required)')
    .requiredOption('--reason <text>', 'why (kept in the audit log and the stage history)')
    .option('--force', 'move even if the customer does not meet the stage\'s entry condition')
    .option('--by <staff>', 'who is moving (for the audit log)', 'cli').option('--json', 'print as JSON')
    .action(async (customer: string, journey: string, stage: string, opts: { reason: string; force?: boolean; by: string; json?: boolean }, cmd: Command) => {
      const r = await ctx.writing('journeys move', cmd, (db, ws) => moveStage(db, ws, {
        customerIds: [customerId(customer)], journey, stage, reason: opts.reason, force: opts.force, source: 'staff', sourceId: opts.by, actor: by(opts),
      }));
      const text = r.moved.length > 0
        ? `customer ${customer} moved to "${r.journey}/${r.stage}"${r.directions[0]?.from ? ` from "${r.directions[0].from}" (${r.directions[0].direction})` : ''}`
        : r.refused.length > 0 ? `refused: ${r.refused[0]!.reason}` : `customer ${customer} is already in "${r.journey}/${r.stage}"`;
      ctx.print(opts, r, text);
      if (r.refused.length > 0) process.exitCode = 1;
    });

  journeys.command('history <customer>').description('where a customer stands, and every stay in every journey').option('--json', 'print as JSON')
    .action(async (customer: string, opts: { json?: boolean }, cmd: Command) => {
      const r = await ctx.reading('journeys history', cmd, async (db, ws) => ({
        positions: await customerJourneys(db, ws, customerId(customer)),
        history: await stageHistory(db, ws, { customerId: customerId(customer) }),
      }));
      const lines = [
        ...r.positions.map((p) => `${p.journey}: ${p.stage} (${p.position}/${p.stages}) since ${p.enteredAt}, ${p.daysInStage} days`),
        r.positions.length === 0 ? 'in no journey now' : '',
        ...r.history.map((h) => `  ${h.enteredAt} → ${h.leftAt ?? 'now'}  ${h.journey}/${h.stage}  ${h.direction}${h.from ? ` from ${h.from}` : ''}  by ${h.source}${h.sourceId ? `:${h.sourceId}` : ''}${h.reason ? `  "${h.reason}"` : ''}`),
      ];
      ctx.print(opts, r, lines.filter((l) => l !== '').join('\n'));
    });

  journeys.command('stats <journey>').description('per stage: customers now, entries, days in stage, conversion to later stages')
    .option('--from <date>', 'entries from (ISO 8601)').option('--to <date>', 'entries before (ISO 8601)').option('--json', 'print as JSON')
    .action(async (ref: string, opts: { from?: string; to?: string; json?: boolean }, cmd: Command) => {
      const date = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        const t = Date.parse(v);
        if (Number.isNaN(t)) throw new SiyuError('bad_request', `--${name}: "${v}" is not a date`);
        return new Date(t);
      };
      const from = date(opts.from, 'from');
      const to = date(opts.to, 'to');
      const s = await ctx.reading('journeys stats', cmd, (db, ws) => stageStats(db, ws, ref, ALL_CUSTOMERS, { ...(from ? { from } : {}), ...(to ? { to } : {}) }));
      const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
      const lines = [`${s.journey}  stage / now / entered / median days / avg days / to a later stage`,
        ...s.stages.map((x) => `  ${x.stage}  ${x.customers}  ${x.entered}  ${x.medianDaysInStage ?? '—'}  ${x.avgDaysInStage ?? '—'}  ${pct(x.conversionToNext)}`)];
      ctx.print(opts, s, lines.join('\n'));
    });
}
