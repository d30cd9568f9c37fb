import type { Actor } from '../customers/index.ts';
import type { Db } from '../store/db.ts';
import type { RowProblem } from './error-report.ts';

/** What every importer gets: where to write and how to read times. */
export interface ImportContext {
  db: Db;
  workspaceId: string;
  timeZone: string;
  /** The file's base name: the actor id, and the provenance of tags. */
  fileName: string;
  actor: Actor;
  /** Reference clock (ms) for "in the future" checks. */
  now: number;
}

export interface ImportRow<C extends string> {
  line: number;
  values: Record<C, string>;
}

/** What one batch did, counted in rows of the file. */
export interface BatchOutcome {
  landed: number;
  unchanged: number;
  rejected: number;
  /** Amounts of landed rows rounded to the cent (floating-point noise such as 22.200000000000003). */
  rounded?: number;
  problems: RowProblem[];
}

/** A problem with one cell, before the line number is known. */
export type CellProblem = Omit<RowProblem, 'line'>;

/** Where intake's reason ("data.amount: must not be negative") points, and the rest of it. */
export function splitReason(reason: string): { path: string; rest: string } {
  const m = /^([A-Za-z][\w.]*): (.*)$/s.exec(reason);
  return m ? { path: m[1]!, rest: m[2]! } : { path: '', rest: reason };
}
