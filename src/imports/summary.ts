import type { ImportSummary } from './run.ts';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

const ENCODINGS: Record<ImportSummary['encoding'], string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  gbk: 'GBK',
  'windows-1252': 'Windows-1252 / Latin-1',
};

/** The summary in plain words, for people at a terminal. */
export function formatSummary(s: ImportSummary): string {
  const unit = s.kind === 'events' ? 'line' : 'row';
  const lines = [
    `Imported ${s.kind} from ${s.file} (${ENCODINGS[s.encoding]}${s.encodingConfidence < 1 ? `, detected with confidence ${Math.round(s.encodingConfidence * 100)} %` : ''}) into workspace "${s.workspaceId}".`,
    `${plural(s.rowsRead, unit)} read: ${n(s.rowsLanded)} landed, ${n(s.rowsUnchanged)} unchanged (already imported or repeated), ${n(s.rowsRejected)} rejected.`,
  ];
  if (s.amountsRounded > 0) {
    lines.push(`${plural(s.amountsRounded, 'amount')} rounded to the cent (floating-point noise such as 22.200000000000003).`);
  }
  if (s.errorReport) {
    lines.push(`${plural(s.problems, 'problem')} listed in ${s.errorReport} (line, column, value, reason).`);
  } else {
    lines.push('No problems found.');
  }
  if (s.unknownColumns.length > 0) lines.push(`Ignored unknown column${s.unknownColumns.length === 1 ? '' : 's'}: ${s.unknownColumns.join(', ')}.`);
  lines.push(`Took ${(s.elapsedMs / 1000).toFixed(1)} s (${n(s.rowsPerSecond)} ${unit}s/s).`);
  return lines.join('\n');
}
