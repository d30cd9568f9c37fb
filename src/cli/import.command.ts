import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { SiyuError } from '../shared/errors.ts';
import {
  CUSTOMER_COLUMNS, DEFAULT_BATCH, ENCODING_CHOICES, MAX_BATCH, ORDER_COLUMNS, formatSummary, importFile, parseEncodingChoice,
  listImportRuns, markInterruptedImports,
  type ImportKind, type ImportProgress,
} from '../imports/index.ts';
import { hasQueuedRecompute, recompute } from '../models/index.ts';
import { formatRecompute } from './demo.command.ts';
import type { CliContext } from './context.ts';

const HELP: Record<ImportKind, { description: string; after: string }> = {
  customers: {
    description: 'import customers from a CSV file (create, link by identity, set profile fields, tag)',
    after: `
Columns (header row required, any order, names case-insensitive):
  ${CUSTOMER_COLUMNS.join(', ')}
A row needs at least one identity: external_user_id, union_id, phone, or buyer_id with platform.
gender: 男/女/未知 or male/female/unknown; added_at: YYYY-MM-DD[ HH:MM[:SS]] in the workspace time zone;
tags: group/tag|group/tag (missing groups and tags are created).
Empty cells leave stored values alone. Encoding: UTF-8 (with or without BOM), GBK or Windows-1252, decided from the file
(rows that do not decode are reported by line); --encoding names it instead.`,
  },
  orders: {
    description: 'import paid orders (and refunds) from a CSV file as order events',
    after: `
Columns (header row required, any order, names case-insensitive):
  ${ORDER_COLUMNS.join(', ')}
A row needs order_id, paid_at, amount and at least one identity (buyer_id goes with platform).
paid_at: a date or date-time, read in the workspace time zone; amounts in yuan (e.g. 128.50);
product_ids separated by |. Importing the same file again changes nothing.
Amounts with floating-point noise from spreadsheets (22.200000000000003) are rounded to the cent and counted;
real sub-cent amounts (22.205) and amounts over ¥100,000,000 are refused; commas only as thousands groups (1,234.50).
Encoding: UTF-8 (with or without BOM), GBK or Windows-1252, decided from the file; --encoding names it instead.`,
  },
  events: {
    description: 'import events from an NDJSON file (one event envelope per line)',
    after: `
Each line is one event as accepted by POST /v1/events: {"id", "type", "occurredAt", "customer", "data", …}.
Events already stored (same id) are counted as unchanged.`,
  },
};

function parseBatch(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) {
    throw new SiyuError('bad_request', `--batch "${text}" must be a whole number from 1 to ${MAX_BATCH}`);
  }
  return n;
}

/** A progress bar on stderr for people at a terminal; nothing for scripts and pipes. */
function progressBar(): { update(p: ImportProgress): void; stop(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) {
        bar.start(Math.max(p.totalBytes, 1), 0, { rows: 0 });
        started = true;
      }
      bar.update(Math.min(p.bytesRead, p.totalBytes), { rows: p.rowsRead.toLocaleString('en-US') });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

export function registerImportCommands(program: Command, ctx: CliContext): void {
  const imp = program
    .command('import')
    .description('import customers, orders or events from files (bad rows go to an error report)');

  imp
    .command('runs')
    .description('the latest import runs: running, done, failed, or interrupted (its process stopped mid-way)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print as JSON')
    .action(async (opts: { limit: string; json?: boolean }, cmd: Command) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new SiyuError('bad_request', `--limit "${opts.limit}" must be a whole number from 1 to 1000`);
      const workspaceId = ctx.workspaceOf(cmd);
      await ctx.withStore('import runs', async (db) => {
        await markInterruptedImports(db);
        const runs = await listImportRuns(db, workspaceId, limit);
        if (opts.json) return ctx.json(runs);
        if (runs.length === 0) return ctx.out('(no import runs)');
        for (const r of runs) {
          ctx.out(`${String(r.importId).padStart(5)}  ${r.startedAt}  ${r.kind.padEnd(9)} ${r.status.padEnd(11)} ` +
            `${r.rowsRead} read, ${r.rowsLanded} landed, ${r.rowsUnchanged} unchanged, ${r.rowsRejected} rejected  ${r.file}` +
            (r.error ? `\n         ${r.error}` : ''));
        }
      });
    });

  for (const kind of ['customers', 'orders', 'events'] as const) {
    imp
      .command(`${kind} <file>`)
      .description(HELP[kind].description)
      .option('--errors <file>', 'where to write the error report (default: <file>.errors.csv)')
      .option('--batch <n>', `rows per transaction (1–${MAX_BATCH})`, String(DEFAULT_BATCH))
      .option('--encoding <name>', `the file's encoding when it is known: ${ENCODING_CHOICES.join(', ')} (default auto: UTF-8, GBK or Windows-1252 decided from the file)`, 'auto')
      .option('--json', 'print the summary as JSON')
      .addHelpText('after', HELP[kind].after)
      .action(async (file: string, opts: { errors?: string; batch: string; encoding: string; json?: boolean }, cmd: Command) => {
        const batchSize = parseBatch(opts.batch);
        const encoding = parseEncodingChoice(opts.encoding);
        const workspaceId = ctx.workspaceOf(cmd);
        await ctx.withStore(`import ${kind}`, async (db) => {
          await ctx.ensureWorkspace(db, workspaceId);
          await markInterruptedImports(db);
          const bar = progressBar();
          try {
            const summary = await importFile(db, {
              kind, path: file, workspaceId, errorsPath: opts.errors, batchSize, encoding, onProgress: bar && ((p) => bar.update(p)),
            });
            bar?.stop();
            // The import queued a recompute (it skipped placing customers batch by batch): run it now.
            const segmentation = (await hasQueuedRecompute(db, workspaceId)) ? await recompute(db, workspaceId) : undefined;
            if (opts.json) ctx.json(segmentation ? { ...summary, recompute: segmentation } : summary);
            else ctx.out(`${formatSummary(summary)}${segmentation ? `\n${formatRecompute(segmentation)}` : ''}`);
          } finally {
            bar?.stop();
          }
        });
      });
  }
}
