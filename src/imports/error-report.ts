/**
 * The error report: one CSV line per problem (line in the input file, column, value,
 * reason), written as problems are found so memory does not grow with the file.
 * UTF-8 with a BOM, so spreadsheet programs open the Chinese text correctly.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvCell } from '../shared/csv.ts';
import { SiyuError } from '../shared/errors.ts';

export interface RowProblem {
  line: number;
  column: string;
  value: string;
  reason: string;
}

export const ERROR_REPORT_HEADER = ['line', 'column', 'value', 'reason'] as const;
const MAX_VALUE = 200;

/** One field of the report: the shared CSV cell, formulas neutralised (a rejected cell may be one). */
export const csvField = (value: string): string => csvCell(value);

const clip = (v: string) => (v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v);

export function errorReportLine(p: RowProblem): string {
  return `${[String(p.line), p.column, clip(p.value), p.reason].map(csvField).join(',')}\r\n`;
}

/** Opened on the first problem: a clean file leaves no report behind. */
export class ErrorReport {
  readonly path: string;
  private out: WriteStream | undefined;
  private failed: Error | undefined;
  count = 0;

  constructor(path: string) {
    this.path = path;
  }

  async write(problems: readonly RowProblem[]): Promise<void> {
    if (problems.length === 0) return;
    if (!this.out) {
      this.out = createWriteStream(this.path, { encoding: 'utf8' });
      this.out.on('error', (err) => {
        this.failed = err;
      });
      this.out.write(`\uFEFF${ERROR_REPORT_HEADER.join(',')}\r\n`);
    }
    if (this.failed) throw this.writeError();
    const text = problems.map(errorReportLine).join('');
    this.count += problems.length;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    const out = this.out;
    if (!out) return;
    if (!this.failed) {
      await new Promise<void>((resolve) => out.end(resolve));
    } else {
      out.destroy();
    }
    if (this.failed) throw this.writeError();
  }

  private writeError(): SiyuError {
    return new SiyuError('bad_request', `cannot write the error report ${this.path}: ${this.failed!.message}`);
  }
}
