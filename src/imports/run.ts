/**
 * One import run: open and decode the file, check the header, stream rows in batches
 * to the importer of the file's kind, write the error report as it goes, and record
 * the run in import_runs. Batches commit one by one, so a run killed half way is
 * completed by running it again: what landed comes back as duplicates.
 */
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import { SiyuError } from '../shared/errors.ts';
import { textProblem } from '../shared/text.ts';
import type { Db } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import type { BatchOutcome, ImportContext, ImportRow } from './context.ts';
import { readHeader, rowValues, type CsvHeader, type CsvSpec } from './csv-header.ts';
import { CUSTOMERS_SPEC, importCustomerBatch } from './customers.ts';
import { ErrorReport, type RowProblem } from './error-report.ts';
import { importEventBatch, type EventLine } from './events.ts';
import { ORDERS_SPEC, importOrderBatch } from './orders.ts';
import { csvRecords, ndjsonLines, openTextSource, type CsvSkip, type EncodingChoice, type FileEncoding, type TextSource } from './reading.ts';

export const IMPORT_KINDS = ['customers', 'orders', 'events'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const DEFAULT_BATCH = 2000;

export const ENCODING_NAMES: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8',
  gbk: 'GBK',
  'windows-1252': 'Windows-1252 (Latin-1)',
};
export const MAX_BATCH = 20_000;

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

export interface ImportOptions {
  kind: ImportKind;
  path: string;
  workspaceId: string;
  /** Where rejected rows are listed; default `<path>.errors.csv`. */
  errorsPath?: string | undefined;
  /** Rows per transaction. */
  batchSize?: number | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** Reference clock (ms) for "in the future" checks; default now. */
  now?: number | undefined;
  /** The file's encoding when the caller knows it (--encoding); default: decided from the file. */
  encoding?: EncodingChoice | undefined;
}

export interface ImportSummary {
  importId: number;
  kind: ImportKind;
  workspaceId: string;
  file: string;
  encoding: FileEncoding;
  /** How sure the encoding decision is (0–1; 1 when named or marked by a BOM). */
  encodingConfidence: number;
  /** Data rows (or NDJSON lines) read, header excluded. */
  rowsRead: number;
  /** Rows that changed something: new events, customers, profile fields or tags. */
  rowsLanded: number;
  /** Rows already imported before (or repeated in the file): nothing to change. */
  rowsUnchanged: number;
  rowsRejected: number;
  /** Amounts of landed rows carrying floating-point noise (22.200000000000003), rounded to the cent. */
  amountsRounded: number;
  /** Lines in the error report (a row can have several problems; tags can fail on landed rows). */
  problems: number;
  unknownColumns: string[];
  elapsedMs: number;
  rowsPerSecond: number;
  /** The error report's path, when there was anything to report. */
  errorReport: string | null;
}

type Counts = Pick<ImportSummary, 'rowsRead' | 'rowsLanded' | 'rowsUnchanged' | 'rowsRejected' | 'amountsRounded'>;

interface Batch<T> {
  rows: T[];
  /** Rows rejected while reading (broken CSV, wrong field count), in this batch's stretch of the file. */
  early: RowProblem[];
  earlyRejected: number;
}

export async function importFile(db: Db, opts: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
    throw new SiyuError('bad_request', `batch size must be a whole number from 1 to ${MAX_BATCH}, not ${batchSize}`);
  }
  const ws = await requireWorkspace(db, opts.workspaceId);
  const file = resolve(opts.path);
  const reportPath = opts.errorsPath ? resolve(opts.errorsPath) : `${file}.errors.csv`;
  if (reportPath === file) throw new SiyuError('bad_request', `the error report cannot be the file being imported (${file})`);
  const [run] = await db.query<{ import_id: number }>(
    `INSERT INTO import_runs (workspace_id, kind, file_name, status, owner, heartbeat_at) VALUES ($1, $2, $3, 'running', $4, now()) RETURNING import_id`,
    [ws.workspaceId, opts.kind, file, RUN_OWNER],
  );
  const importId = run!.import_id;
  const ctx: ImportContext = {
    db,
    workspaceId: ws.workspaceId,
    timeZone: ws.timeZone,
    fileName: basename(file),
    actor: { kind: 'import', id: basename(file) },
    now: opts.now ?? Date.now(),
  };
  const report = new ErrorReport(reportPath);
  const counts: Counts = { rowsRead: 0, rowsLanded: 0, rowsUnchanged: 0, rowsRejected: 0, amountsRounded: 0 };
  let source: TextSource | undefined;
  let unknownColumns: string[] = [];

  const record = (status: 'running' | 'done' | 'failed', error: string | null = null) =>
    db.query(
      `UPDATE import_runs SET status = $3, rows_read = $4, rows_ok = $5, rows_duplicate = $6, rows_rejected = $7,
         error = $8, finished_at = CASE WHEN $3 = 'running' THEN NULL ELSE now() END, heartbeat_at = now()
       WHERE workspace_id = $1 AND import_id = $2`,
      [ws.workspaceId, importId, status, counts.rowsRead, counts.rowsLanded, counts.rowsUnchanged, counts.rowsRejected, error],
    );

  // The next batch is read and parsed while the previous one is in the database.
  let inflight: Promise<void> | undefined;
  const submit = async <T>(batch: Batch<T>, importer: (rows: T[]) => Promise<BatchOutcome>) => {
    await inflight;
    inflight = (async () => {
      const out = batch.rows.length > 0 ? await importer(batch.rows) : { landed: 0, unchanged: 0, rejected: 0, problems: [] };
      counts.rowsLanded += out.landed;
      counts.rowsUnchanged += out.unchanged;
      counts.amountsRounded += out.rounded ?? 0;
      counts.rowsRejected += out.rejected + batch.earlyRejected;
      counts.rowsRead += batch.rows.length + batch.earlyRejected;
      await report.write(batch.early.length === 0 ? out.problems : [...batch.early, ...out.problems].sort((a, b) => a.line - b.line));
      await record('running');
      opts.onProgress?.({ bytesRead: source?.bytesRead() ?? 0, totalBytes: source?.size ?? 0, rowsRead: counts.rowsRead });
    })();
    // Awaited before the next batch or at the end; this only keeps the rejection from counting as unhandled meanwhile.
    inflight.catch(() => undefined);
  };

  try {
    source = await openTextSource(file, opts.kind === 'events' ? 'one JSON event per line' : 'a header row followed by data rows', opts.encoding ?? 'auto');
    if (opts.kind === 'events') {
      await readEvents(source, ctx.fileName, batchSize, (b) => submit(b, (rows) => importEventBatch(ctx, rows)));
    } else if (opts.kind === 'orders') {
      unknownColumns = await readCsv(source, ctx.fileName, ORDERS_SPEC, batchSize, (b) => submit(b, (rows) => importOrderBatch(ctx, rows)));
    } else {
      unknownColumns = await readCsv(source, ctx.fileName, CUSTOMERS_SPEC, batchSize, (b) => submit(b, (rows) => importCustomerBatch(ctx, rows)));
    }
    await inflight;
    await report.close();
    await record('done');
  } catch (err) {
    await inflight?.catch(() => undefined);
    source?.stream.destroy();
    await report.close().catch(() => undefined);
    await record('failed', err instanceof Error ? err.message : String(err)).catch(() => undefined);
    throw err;
  }
  const elapsedMs = performance.now() - started;
  return {
    importId,
    kind: opts.kind,
    workspaceId: ws.workspaceId,
    file,
    encoding: source.encoding,
    encodingConfidence: Math.round(source.confidence * 100) / 100,
    ...counts,
    problems: report.count,
    unknownColumns,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: elapsedMs > 0 ? Math.round((counts.rowsRead * 1000) / elapsedMs) : 0,
    errorReport: report.count > 0 ? report.path : null,
  };
}

/** Who carries an import run: this host and process. */
const RUN_OWNER = `${hostname()}:${process.pid}`;
/** A run on another host with no heartbeat for this long is taken as stopped (a batch takes seconds). */
export const STALE_RUN_MS = 15 * 60_000;

export interface ImportRun {
  importId: number;
  workspaceId: string;
  kind: ImportKind;
  file: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  rowsRead: number;
  rowsLanded: number;
  rowsUnchanged: number;
  rowsRejected: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs still marked running whose process is gone become `interrupted` (rows already
 * committed stay; running the same file again completes it). A run's process is gone when
 * it ran on this host and its pid is dead, or — on another host — when its heartbeat is
 * older than STALE_RUN_MS. Called when a server or an import starts. Returns the runs marked.
 */
export async function markInterruptedImports(db: Db, now = Date.now()): Promise<number[]> {
  const running = await db.query<{ workspace_id: string; import_id: number; owner: string | null; heartbeat_at: Date | null; started_at: Date }>(
    `SELECT workspace_id, import_id, owner, heartbeat_at, started_at FROM import_runs WHERE status = 'running'`,
  );
  const host = hostname();
  const gone = running.filter((r) => {
    if (r.owner === RUN_OWNER) return false;
    const [ownerHost, pid] = r.owner ? [r.owner.slice(0, r.owner.lastIndexOf(':')), Number(r.owner.slice(r.owner.lastIndexOf(':') + 1))] : [undefined, NaN];
    if (ownerHost === host && Number.isInteger(pid)) return !processAlive(pid);
    return now - (r.heartbeat_at ?? r.started_at).getTime() > STALE_RUN_MS;
  });
  if (gone.length === 0) return [];
  await db.query(
    `UPDATE import_runs r SET status = 'interrupted', finished_at = now(),
       error = 'the process running this import (' || coalesce(r.owner, 'unknown') || ') stopped before it finished; '
            || 'rows of committed batches are kept; import the same file again to complete it'
     FROM unnest($1::text[], $2::bigint[]) AS g(workspace_id, import_id)
     WHERE r.workspace_id = g.workspace_id AND r.import_id = g.import_id AND r.status = 'running'`,
    [gone.map((r) => r.workspace_id), gone.map((r) => r.import_id)],
  );
  return gone.map((r) => r.import_id);
}

/** The latest import runs of a workspace, newest first. */
export async function listImportRuns(db: Db, workspaceId: string, limit = 50): Promise<ImportRun[]> {
  const rows = await db.query<Record<string, any>>(
    `SELECT import_id, workspace_id, kind, file_name, status, rows_read, rows_ok, rows_duplicate, rows_rejected, error, started_at, finished_at
     FROM import_runs WHERE workspace_id = $1 ORDER BY import_id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  return rows.map((r) => ({
    importId: r.import_id, workspaceId: r.workspace_id, kind: r.kind, file: r.file_name, status: r.status,
    rowsRead: r.rows_read, rowsLanded: r.rows_ok, rowsUnchanged: r.rows_duplicate, rowsRejected: r.rows_rejected,
    error: r.error, startedAt: (r.started_at as Date).toISOString(), finishedAt: r.finished_at ? (r.finished_at as Date).toISOString() : null,
  }));
}

async function readCsv<C extends string>(
  source: TextSource,
  fileName: string,
  spec: CsvSpec<C>,
  batchSize: number,
  submit: (b: Batch<ImportRow<C>>) => Promise<void>,
): Promise<string[]> {
  let header: CsvHeader<C> | undefined;
  let batch: Batch<ImportRow<C>> = { rows: [], early: [], earlyRejected: 0 };
  const rejectEarly = (p: RowProblem) => {
    batch.early.push(p);
    batch.earlyRejected++;
  };
  const skipped: CsvSkip[] = [];
  const undecodable = `is not valid ${ENCODING_NAMES[source.encoding]} (does the file mix encodings? name it with --encoding)`;
  for await (const rec of csvRecords(source.stream, (s) => skipped.push(s))) {
    for (const s of skipped.splice(0)) rejectEarly({ line: s.line, column: '', value: '', reason: s.reason });
    if (!header) {
      header = readHeader(spec, rec.fields, fileName);
      continue;
    }
    if (rec.fields.length !== header.width) {
      rejectEarly({
        line: rec.line, column: '', value: rec.fields.join(','),
        reason: `has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}; the header has ${header.width}`,
      });
    } else if (rec.fields.some((f) => f.includes('\uFFFD'))) {
      // Bytes the decoder could not read: the row is reported, never landed garbled.
      const f = rec.fields.findIndex((x) => x.includes('\uFFFD'));
      rejectEarly({ line: rec.line, column: header.names[f] ?? '', value: rec.fields[f]!, reason: undecodable });
    } else if (rec.fields.some((f) => textProblem(f) !== undefined)) {
      // A NUL would make PostgreSQL refuse the whole batch this row travels in.
      const f = rec.fields.findIndex((x) => textProblem(x) !== undefined);
      rejectEarly({ line: rec.line, column: header.names[f] ?? '', value: rec.fields[f]!.replace(/\u0000/g, '\\0'), reason: textProblem(rec.fields[f]!)! });
    } else {
      batch.rows.push({ line: rec.line, values: rowValues(header, spec.columns, rec.fields) });
    }
    if (batch.rows.length + batch.earlyRejected >= batchSize) {
      await submit(batch);
      batch = { rows: [], early: [], earlyRejected: 0 };
    }
  }
  for (const s of skipped.splice(0)) rejectEarly({ line: s.line, column: '', value: '', reason: s.reason });
  if (!header) throw new SiyuError('validation_failed', `${fileName}: the file has no header row (${spec.label} columns: ${spec.columns.join(', ')})`);
  if (batch.rows.length + batch.earlyRejected > 0) await submit(batch);
  return header.unknown;
}

async function readEvents(source: TextSource, fileName: string, batchSize: number, submit: (b: Batch<EventLine>) => Promise<void>): Promise<void> {
  let batch: EventLine[] = [];
  let any = false;
  let early: RowProblem[] = [];
  const undecodable = `is not valid ${ENCODING_NAMES[source.encoding]} (does the file mix encodings? name it with --encoding)`;
  for await (const l of ndjsonLines(source.stream)) {
    any = true;
    if (l.text.includes('\uFFFD')) early.push({ line: l.line, column: '', value: l.text, reason: `the line ${undecodable}` });
    else batch.push(l);
    if (batch.length + early.length >= batchSize) {
      await submit({ rows: batch, early, earlyRejected: early.length });
      batch = [];
      early = [];
    }
  }
  if (!any) throw new SiyuError('validation_failed', `${fileName}: no events in the file: expected one JSON event per line`);
  if (batch.length + early.length > 0) await submit({ rows: batch, early, earlyRejected: early.length });
}
