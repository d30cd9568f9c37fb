/**
 * One CSV cell, for every CSV the product writes (exports, error reports).
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with
 * = + - @, a tab or a carriage return as a formula, so a customer named
 * `=cmd|' /C calc'!A0` would run on the operator's machine. Such cells get a leading single
 * quote, which spreadsheets show as text. A cell that is just a number (-12.50, +8613800138000)
 * is left alone: it cannot be a formula, and quoting it would break numeric columns and
 * phone numbers. JSON and NDJSON outputs are unchanged.
 * Pure.
 */

const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The cell's text with formula triggers neutralised (not yet quoted). */
export function neutraliseCell(s: string): string {
  return TRIGGER.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** A value as one CSV field: neutralised, then quoted when it holds a separator, quote, line break or edge space. */
export function csvCell(value: unknown): string {
  const raw = value == null ? '' : Array.isArray(value) ? value.join('|') : String(value);
  const s = typeof value === 'number' || typeof value === 'boolean' ? raw : neutraliseCell(raw);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
