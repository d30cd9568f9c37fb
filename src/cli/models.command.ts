import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { eventTypeNames } from '../events/index.ts';
import {
  evidenceText, getModelConfig, listRuns, parseModelConfig, recompute, segmentDistribution, setModelConfig,
  type CustomerModels, type Distribution, type ModelConfig, type ModelRun, type RecomputeResult,
} from '../models/index.ts';
import { distributionAsOf } from '../analytics/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { formatLocal, localDate, parseEndOfDay } from '../shared/time.ts';
import type { Db } from '../store/db.ts';
import { SYSTEM_GROUPS, requireWorkspace, type Workspace } from '../workspaces/index.ts';
import type { CliContext } from './context.ts';

// ---- dates ----

/** --as-of YYYY-MM-DD: the end of that day in the workspace zone. */
function asOfOption(date: string, ws: Workspace): number {
  const r = parseEndOfDay(date, ws.timeZone);
  if (!r.ok) throw new SiyuError('bad_request', `--as-of: ${r.reason}`);
  return r.instant;
}

// ---- text layout ----

// East Asian wide characters take two columns in a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const width = (s: string) => [...s].reduce((w, ch) => w + (WIDE.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const n = (v: number) => v.toLocaleString('en');

const TRUST_TAGS = SYSTEM_GROUPS.find((g) => g.key === 'trust')!.tags;
/** "L3" → "L3 认同我的人". */
export const trustLabel = (level: number | string): string =>
  TRUST_TAGS[typeof level === 'number' ? level : Number(level.slice(1))] ?? String(level);

function valueLabel(model: string, value: string): string {
  if (model === 'trust') return trustLabel(value);
  if (value === '(no order)') return '（无订单）no order';
  return value;
}

export function formatRecompute(r: RecomputeResult, timeZone: string): string {
  return `recompute run ${r.runId} ${r.status}: ${n(r.customers)} customers as of ${formatLocal(timeZone, r.asOf)} (${timeZone}), ` +
    `${n(r.moved)} moved, ${r.seconds.toFixed(1)} s`;
}

const SOURCES = { stored: 'stored placements', snapshot: 'daily snapshot (what was known that day)', evaluated: 'evaluated, not stored' } as const;

function formatDistribution(d: Distribution, ws: Workspace, config: ModelConfig, source: keyof typeof SOURCES): string {
  const lines = [
    `客户分布 as of ${formatLocal(ws.timeZone, d.asOf)} (${ws.timeZone}), ${SOURCES[source]}: ${n(d.customers)} customers`,
  ];
  for (const group of SYSTEM_GROUPS) {
    const rows = d.models[group.key];
    lines.push('', `${group.name}  (${group.key})`);
    const path = group.key === 'lifecycle_ecommerce' ? 'ecommerce' : group.key === 'lifecycle_sales' ? 'sales' : undefined;
    if (path && !config.lifecycle.paths.includes(path)) {
      lines.push('  (this workspace does not run this path; see lifecycle.paths in "siyu models config")');
      continue;
    }
    const labels = rows.map((r) => valueLabel(group.key, r.value));
    const w = Math.max(...labels.map(width), 8) + 2;
    const cw = Math.max(...rows.map((r) => n(r.count).length), 5);
    rows.forEach((r, i) => lines.push(`  ${pad(labels[i]!, w)}${n(r.count).padStart(cw)}  ${percent(r.share).padStart(6)}`));
  }
  return lines.join('\n');
}

/** The config as "path = value" lines, the same paths "models config set --key" takes. */
export function flattenConfig(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, Array.isArray(value) ? value.join(',') : String(value));
  }
  return out;
}

function formatRun(r: ModelRun, tz: string): string {
  const size = r.customers === null ? '' : `  ${n(r.customers)} customers, ${n(r.changed ?? 0)} moved`;
  const took = r.startedAt && r.finishedAt ? `  ${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s` : '';
  return `run ${r.runId}  ${r.status.padEnd(7)}  ${r.cause.padEnd(9)}  as of ${formatLocal(tz, r.asOf)}  started ${formatLocal(tz, r.startedAt ?? r.requestedAt)}` +
    `${size}${took}${r.error ? `\n    error: ${r.error}` : ''}`;
}

/** A customer's placements, for "customers show" and the pin commands. */
export function formatCustomerModels(m: CustomerModels | null, tz: string): string {
  if (!m) return '  models: not placed yet (run "siyu recompute")';
  const pinNote = <T>(pinned: T | null, computed: string) => (pinned === null ? '(computed)' : `(pinned; computed ${computed})`);
  const lines = [
    `  models (as of ${formatLocal(tz, m.asOf)}):`,
    `    trust: ${trustLabel(m.trust.level)} ${pinNote(m.trust.pinned, trustLabel(m.trust.computed))}`,
    `      evidence: ${evidenceText(m.trust.evidence) || '-'}`,
    `      goal: ${m.trust.guidance.zh.goal}`,
  ];
  if (m.trust.guidance.zh.avoid.length) lines.push(`      avoid: ${m.trust.guidance.zh.avoid.join('；')}`);
  lines.push(`    lifecycle: 电商 ${m.lifecycle.ecommerce.value ?? '-'} · 高客单 ${m.lifecycle.sales.value ?? '-'}`);
  if (m.rfm) {
    lines.push(`    RFM: R ${m.rfm.r} days · F ${m.rfm.f} orders · M ¥${m.rfm.m} → ${m.rfm.segment}`, `      goal: ${m.rfm.guidance.zh.goal}`);
  } else {
    lines.push('    RFM: no paid order, no segment');
  }
  lines.push(
    `    value tier: ${m.valueTier.tier} ${pinNote(m.valueTier.pinned, m.valueTier.computed)}  ${evidenceText(m.valueTier.evidence)}`,
    `    engagement score: ${m.engagement}`,
  );
  return lines.join('\n');
}

// ---- "models config set --key path=value" ----

/** A value typed on the command line, read in the light of the setting it replaces. */
function parseValue(path: string, raw: string, current: unknown): unknown {
  const text = raw.trim();
  const json = (t: string) => {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      throw new SiyuError('bad_request', `--key ${path}: "${raw}" is not valid JSON`);
    }
  };
  if (Array.isArray(current) && !text.startsWith('[')) {
    const items = text.split(/[,，]/).map((s) => s.trim()).filter((s) => s !== '');
    return typeof current[0] === 'number' ? items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : items;
  }
  if (typeof current === 'string') return text;
  if (/^[[{]/.test(text) || /^(true|false|null)$/.test(text) || (text !== '' && Number.isFinite(Number(text)))) return json(text);
  return text;
}

/** Set `path` in a config object; engagement points are keyed by event types that contain dots ("order.paid"). */
export function setConfigPath(target: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new SiyuError('bad_request', `--key "${assignment}" must be PATH=VALUE (e.g. trust.l2ChatRounds=4)`);
  const path = assignment.slice(0, eq).trim();
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new SiyuError('bad_request', `--key: "${path}" is not a setting path`);
  let obj = target;
  for (let i = 0; i < parts.length;) {
    let j = parts.length;
    while (j > i + 1 && !(parts.slice(i, j).join('.') in obj) && !(eventTypeNames as string[]).includes(parts.slice(i, j).join('.'))) j--;
    const key = parts.slice(i, j).join('.');
    if (j === parts.length) {
      obj[key] = parseValue(path, assignment.slice(eq + 1), obj[key]);
      return;
    }
    const next = obj[key];
    if (next === undefined) obj[key] = {};
    else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      throw new SiyuError('bad_request', `--key: "${parts.slice(0, j).join('.')}" is a single setting, not a group`);
    }
    obj = obj[key] as Record<string, unknown>;
    i = j;
  }
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new SiyuError('bad_request', `cannot read ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SiyuError('bad_request', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SiyuError('bad_request', `${file} must hold a JSON object (the model configuration)`);
  return value as Record<string, unknown>;
}

// ---- commands ----

export function registerModelCommands(program: Command, ctx: CliContext): void {
  const reading = <T>(name: string, cmd: Command, fn: (db: Db, ws: Workspace) => Promise<T>) => {
    const id = ctx.workspaceOf(cmd);
    return ctx.withStore(name, async (db) => fn(db, await requireWorkspace(db, id)));
  };

  program
    .command('recompute')
    .description('full re-segmentation of every customer: trust, lifecycle, RFM, value tier, engagement (what time alone changes)')
    .option('--as-of <date>', 'as of the end of this day (YYYY-MM-DD, workspace time zone); default now')
    .option('--json', 'print the run as JSON')
    .action(async (opts: { asOf?: string; json?: boolean }, cmd: Command) => {
      await reading('recompute', cmd, async (db, ws) => {
        let asOf = Date.now();
        if (opts.asOf !== undefined) {
          asOf = asOfOption(opts.asOf, ws);
          const today = localDate(ws.timeZone, Date.now());
          if (opts.asOf > today) throw new SiyuError('bad_request', `--as-of ${opts.asOf} is after today (${today}); placements are stored only up to today — "siyu segments --as-of" looks ahead without storing`);
        }
        let r: RecomputeResult;
        try {
          r = await recompute(db, ws.workspaceId, { asOf });
        } catch (err) {
          const [run] = await listRuns(db, ws.workspaceId, 1);
          const what = run?.status === 'failed' ? `recompute run ${run.runId} failed` : 'recompute failed';
          if (err instanceof SiyuError) throw new SiyuError(err.code, `${what}: ${err.message}`, err.details);
          throw err;
        }
        if (opts.json) ctx.json(r);
        else ctx.out(formatRecompute(r, ws.timeZone));
      });
    });

  program
    .command('segments')
    .description('each model\'s distribution (count and share): trust levels, lifecycle stages, RFM segments, value tiers')
    .option('--as-of <date>', 'as of the end of this day (YYYY-MM-DD): a past day from its daily snapshot (only customers who existed then, '
      + 'placed on what was known then; missing snapshots are filled from history first), today or later evaluated without storing; default: the stored placements')
    .option('--json', 'print as JSON')
    .action(async (opts: { asOf?: string; json?: boolean }, cmd: Command) => {
      await reading('segments', cmd, async (db, ws) => {
        if (opts.asOf !== undefined) asOfOption(opts.asOf, ws);
        const d = opts.asOf === undefined
          ? { ...(await segmentDistribution(db, ws.workspaceId)), source: 'stored' as const }
          : await distributionAsOf(db, ws.workspaceId, opts.asOf.trim(), Date.now());
        if (opts.json) ctx.json(d);
        else ctx.out(formatDistribution(d, ws, await getModelConfig(db, ws.workspaceId), d.source));
      });
    });

  const models = program.command('models').description('the segmentation models: configuration and recompute runs');

  const config = models
    .command('config')
    .description('print the models\' effective configuration (defaults where the workspace sets nothing)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await reading('models config', cmd, async (db, ws) => {
        const c = await getModelConfig(db, ws.workspaceId);
        if (opts.json) return ctx.json(c);
        ctx.out([...flattenConfig(c)].map(([k, v]) => `${k} = ${v}`).join('\n'));
      });
    });

  config
    .command('set [file]')
    .description('change the configuration from a JSON file (the whole configuration; omitted settings take their defaults) and/or --key PATH=VALUE, then recompute')
    .option('--key <path=value>', 'one setting, e.g. trust.l2ChatRounds=4, rfm.method=quintile, trust.intentKeywords=多少钱,价格 (repeatable)',
      (v: string, all: string[] | undefined) => [...(all ?? []), v])
    .option('--by <staff>', 'who is making the change (for the audit log)', 'cli')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nWithout FILE, --key changes the current configuration. Lists are comma-separated; JSON works for any value (rfm.fixed={"r":30,"f":2,"m":500}).')
    .action(async (file: string | undefined, opts: { key?: string[]; by: string; json?: boolean }, cmd: Command) => {
      const keys = opts.key ?? [];
      if (!file && keys.length === 0) throw new SiyuError('bad_request', 'give a JSON file or at least one --key PATH=VALUE');
      await reading('models config set', cmd, async (db, ws) => {
        const before = await getModelConfig(db, ws.workspaceId);
        const raw: Record<string, unknown> = file ? readConfigFile(file) : structuredClone(before);
        for (const k of keys) setConfigPath(raw, k);
        const after = parseModelConfig(raw);
        const old = flattenConfig(before);
        const next = flattenConfig(after);
        const changes = [...new Set([...old.keys(), ...next.keys()])]
          .filter((k) => old.get(k) !== next.get(k))
          .map((k) => ({ setting: k, from: old.get(k) ?? null, to: next.get(k) ?? null }));
        if (changes.length === 0) {
          if (opts.json) return ctx.json({ changes, config: before, recompute: null });
          return ctx.out('nothing changed; the configuration is as it was');
        }
        const r = await setModelConfig(db, ws.workspaceId, raw, { kind: 'staff', id: opts.by });
        if (opts.json) return ctx.json({ changes, ...r });
        ctx.out([
          ...changes.map((c) => `${c.setting}: ${c.from ?? '(unset)'} → ${c.to ?? '(unset)'}`),
          ...(r.rebuiltInputs ? ['intent keywords or engagement points changed: every customer\'s events were read again'] : []),
          formatRecompute(r.recompute, ws.timeZone),
        ].join('\n'));
      });
    });

  models
    .command('runs')
    .description('recent recompute runs, newest first, with status and error')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print as JSON')
    .action(async (opts: { limit: string; json?: boolean }, cmd: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new SiyuError('bad_request', `--limit "${opts.limit}" must be a whole number from 1 to 500`);
      await reading('models runs', cmd, async (db, ws) => {
        const runs = await listRuns(db, ws.workspaceId, limit);
        if (opts.json) return ctx.json(runs);
        ctx.out(runs.length ? runs.map((r) => formatRun(r, ws.timeZone)).join('\n') : 'no recompute runs yet (run "siyu recompute")');
      });
    });
}
