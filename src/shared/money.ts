/**
 * Money is integer fen (分). Never binary floating point past the parse step.
 * Every amount the product reads (events, imports, shop updates, filters) is parsed here.
 * Pure.
 */

/**
 * The most one amount (an order, a refund, an item price) may be: ¥100,000,000.
 * Far above any retail order, and small enough that a customer's lifetime totals stay
 * exact in bigint fen (and in a JS number) for billions of orders. Larger values are
 * typing or unit mistakes, refused with a reason instead of overflowing a total.
 */
export const MAX_AMOUNT_FEN = 100_000_000 * 100;

/**
 * Spreadsheet and pandas exports write 22.2 as 22.200000000000003: binary floating-point
 * noise. A value within a millionth of a cent of a whole cent is that noise, not a price;
 * 22.205 is a real sub-cent amount and is refused.
 */
const NOISE_CENTS = 1e-6;

/** Plain digits, or digits grouped by thousands with commas ("1,234,567.50"); at most 13 integer digits. */
const PLAIN = /^(\d{1,13})(?:\.(\d+))?$/;
const GROUPED = /^(\d{1,3}(?:,\d{3}){1,4})(?:\.(\d+))?$/;

export type ParsedMoney = { ok: true; fen: number; rounded?: true } | { ok: false; reason: string };

export interface AmountOptions {
  /** Round values within a millionth of a cent of a whole cent (import files); default false. */
  roundFloatNoise?: boolean;
  /** The largest amount accepted, in fen; default MAX_AMOUNT_FEN. */
  maxFen?: number;
}

const yuanText = (fen: number) => `¥${Math.trunc(fen / 100).toLocaleString('en-US')}`;

/**
 * Parse a CNY amount given as a decimal string ("12.30", "¥1,299.00") or a number (12.3).
 * Commas are accepted only as well-formed thousands groups: "1,2,3" is refused, not read as 123.
 */
export function parseAmount(value: unknown, opts: AmountOptions = {}): ParsedMoney {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: 'must be a finite number' };
    if (value < 0) return { ok: false, reason: 'must not be negative' };
    // A JS number like 12.3 is not exactly 12.3; go through the shortest round-trip text.
    text = String(value);
    if (/e/i.test(text)) return { ok: false, reason: value < 1 ? `${text} is less than a cent` : 'is out of range' };
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.startsWith('-')) return { ok: false, reason: 'must not be negative' };
    if (text.startsWith('¥') || text.startsWith('￥')) text = text.slice(1).trim();
  } else {
    return { ok: false, reason: 'must be a decimal string or a number' };
  }
  const m = PLAIN.exec(text) ?? GROUPED.exec(text);
  if (!m) {
    const why = text.includes(',') ? ' (commas may only group thousands, as in 1,234.50)' : '';
    return { ok: false, reason: `"${String(value)}" is not an amount in yuan with at most 2 decimals${why}` };
  }
  const yuan = Number(m[1]!.replace(/,/g, ''));
  const decimals = m[2] ?? '';
  let fen = yuan * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
  let rounded = false;
  if (decimals.length > 2) {
    const rest = decimals.slice(2);
    // The part beyond the cents, as a fraction of a cent.
    const fraction = Number(`0.${rest}`);
    const noise = opts.roundFloatNoise === true && (fraction <= NOISE_CENTS || fraction >= 1 - NOISE_CENTS);
    if (!noise && !/^0+$/.test(rest)) {
      return { ok: false, reason: `"${String(value)}" is not an amount in yuan with at most 2 decimals` };
    }
    if (noise && !/^0+$/.test(rest)) {
      if (fraction >= 1 - NOISE_CENTS) fen += 1;
      rounded = true;
    }
  }
  const max = opts.maxFen ?? MAX_AMOUNT_FEN;
  if (fen > max) return { ok: false, reason: `${yuanText(fen)} is more than ${yuanText(max)}, the most one amount may be` };
  return rounded ? { ok: true, fen, rounded: true } : { ok: true, fen };
}

/** 12345 → "123.45" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
