/**
 * Events as NDJSON (one envelope per line) through the one intake pipeline.
 */
import { ingestEvents } from '../events/index.ts';
import { splitReason, type BatchOutcome, type ImportContext } from './context.ts';
import type { RowProblem } from './error-report.ts';

export interface EventLine {
  line: number;
  text: string;
}

/** The value at a dotted path of the raw item, as text for the error report. */
function valueAt(raw: unknown, path: string): string {
  let cur: unknown = raw;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[key];
  }
  if (cur === undefined) return '';
  return typeof cur === 'string' ? cur : JSON.stringify(cur);
}

export async function importEventBatch(ctx: ImportContext, lines: readonly EventLine[]): Promise<BatchOutcome> {
  const problems: RowProblem[] = [];
  const items: unknown[] = [];
  const itemLines: number[] = [];
  let rejected = 0;
  for (const l of lines) {
    try {
      items.push(JSON.parse(l.text));
      itemLines.push(l.line);
    } catch (err) {
      rejected++;
      problems.push({ line: l.line, column: '', value: l.text, reason: `not valid JSON: ${(err as Error).message}` });
    }
  }
  let landed = 0;
  let unchanged = 0;
  if (items.length > 0) {
    const res = await ingestEvents(ctx.db, ctx.workspaceId, items, {
      source: 'import', actor: ctx.actor, now: ctx.now, place: false, chunkSize: items.length,
    });
    landed = res.accepted.length;
    unchanged = res.duplicates.length;
    rejected += res.rejected.length;
    for (const x of res.rejected) {
      const { path, rest } = splitReason(x.reason);
      problems.push({
        line: itemLines[x.index]!,
        column: path,
        value: path ? valueAt(items[x.index], path) : '',
        reason: path ? rest : x.reason,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { landed, unchanged, rejected, problems };
}
