/** Money is integer fen (分). Never binary floating point past the parse step. */

const DECIMAL = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

export type ParsedMoney = { ok: true; fen: number } | { ok: false; reason: string };

/** Parse a CNY amount given as a decimal string ("12.30") or a number (12.3). */
export function parseAmount(value: unknown): ParsedMoney {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: 'must be a finite number' };
    if (value < 0) return { ok: false, reason: 'must not be negative' };
    // A JS number like 12.3 is not exactly 12.3; go through the shortest round-trip text.
    text = String(value);
    if (/e/i.test(text)) return { ok: false, reason: 'is out of range' };
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.startsWith('-')) return { ok: false, reason: 'must not be negative' };
    if (text.startsWith('¥') || text.startsWith('￥')) text = text.slice(1).trim();
    text = text.replace(/,/g, '');
  } else {
    return { ok: false, reason: 'must be a decimal string or a number' };
  }
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, reason: `"${String(value)}" is not an amount in yuan with at most 2 decimals` };
  const yuan = Number(m[1]);
  const fen = Number((m[2] ?? '').padEnd(2, '0'));
  return { ok: true, fen: yuan * 100 + fen };
}

/** 12345 → "123.45" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
