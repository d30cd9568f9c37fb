/**
 * Import file headers: names trimmed and case-insensitive, any order, unknown columns
 * noted (not fatal), a missing required column fatal before anything is written.
 */
import { SiyuError } from '../shared/errors.ts';

export interface CsvSpec<C extends string> {
  /** What the file holds, for messages: "orders". */
  label: string;
  columns: readonly C[];
  required: readonly C[];
  /** Further header rules (e.g. "at least one identity column"); returns the problem. */
  check?: (present: ReadonlySet<C>) => string | undefined;
}

export interface CsvHeader<C extends string> {
  index: ReadonlyMap<C, number>;
  present: ReadonlySet<C>;
  unknown: string[];
  /** The header's names as written (trimmed), by position. */
  names: string[];
  width: number;
}

/** `fileName` names the file in messages. */
export function readHeader<C extends string>(spec: CsvSpec<C>, fields: readonly string[], fileName: string): CsvHeader<C> {
  const known = new Set<string>(spec.columns);
  const index = new Map<C, number>();
  const unknown: string[] = [];
  fields.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim().toLowerCase();
    if (name === '') {
      unknown.push(`(unnamed column ${i + 1})`);
    } else if (known.has(name)) {
      if (index.has(name as C)) throw new SiyuError('validation_failed', `${fileName}: column "${name}" appears twice in the header`);
      index.set(name as C, i);
    } else {
      unknown.push(raw.trim());
    }
  });
  const missing = spec.required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const found = fields.map((f) => f.trim()).join(', ');
    throw new SiyuError(
      'validation_failed',
      `${fileName}: the header has no column ${missing.map((m) => `"${m}"`).join(', ')} (${spec.label} files need ${spec.required.join(', ')}; this header has ${found || 'nothing'})`,
    );
  }
  const present = new Set(index.keys());
  const problem = spec.check?.(present);
  if (problem) throw new SiyuError('validation_failed', `${fileName}: ${problem}`);
  return { index, present, unknown, names: fields.map((f) => f.replace(/^\uFEFF/, '').trim()), width: fields.length };
}

/** A row's cells by column name, trimmed; absent columns read as empty. */
export function rowValues<C extends string>(header: CsvHeader<C>, columns: readonly C[], fields: readonly string[]): Record<C, string> {
  const out = {} as Record<C, string>;
  for (const c of columns) {
    const i = header.index.get(c);
    out[c] = i === undefined ? '' : (fields[i] ?? '').trim();
  }
  return out;
}
