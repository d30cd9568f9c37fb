/**
 * Phone numbers are identities, so they are normalised before they are compared:
 * Chinese mobile numbers in any common spelling become +86XXXXXXXXXXX.
 */
export type ParsedPhone = { ok: true; phone: string } | { ok: false; reason: string };

const CN_MOBILE = /^1[3-9]\d{9}$/;

export function normalisePhone(input: string): ParsedPhone {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'is empty' };
  if (!/^[+\d\s\-().]+$/.test(raw)) return { ok: false, reason: `"${input}" contains characters a phone number cannot have` };
  let digits = raw.replace(/[\s\-().]/g, '');
  const international = digits.startsWith('+') || digits.startsWith('00');
  digits = digits.replace(/^\+/, '').replace(/^00/, '');
  if (/\+/.test(digits)) return { ok: false, reason: `"${input}" is not a phone number` };
  if (international || (digits.startsWith('86') && digits.length === 13)) {
    if (digits.startsWith('86')) {
      const national = digits.slice(2);
      if (CN_MOBILE.test(national)) return { ok: true, phone: `+86${national}` };
      if (national.length < 6) return { ok: false, reason: `"${input}" is too short` };
      return { ok: true, phone: `+${digits}` };
    }
    if (digits.length < 6 || digits.length > 15) return { ok: false, reason: `"${input}" is not a valid international number` };
    return { ok: true, phone: `+${digits}` };
  }
  if (CN_MOBILE.test(digits)) return { ok: true, phone: `+86${digits}` };
  return { ok: false, reason: `"${input}" is not a Chinese mobile number (11 digits starting 13–19) nor an international number starting with +` };
}

/** +8613800138000 → 138****8000 (for roles that need not see phone numbers). */
export function maskPhone(phone: string): string {
  const national = phone.startsWith('+86') ? phone.slice(3) : phone;
  if (national.length < 7) return '*'.repeat(national.length);
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}

/**
 * A mainland mobile number as people write it: 13800138000, 138 0013 8000, 138-0013-8000,
 * +86 139 1234 5678, 0086-138…, (+86)138…. The groups are 3-4-4 with one separator used
 * throughout. Digits around it (order ids, card numbers, epoch times) or a decimal part
 * (an amount) mean it is not a phone number.
 */
const PHONE_IN_TEXT = /(?<![\d*]|\d[.,])(?:(?:\+|00)?86[ -]?|\(\+?86\)[ -]?)?(1[3-9]\d)([ -]?)(\d{4})\2(\d{4})(?!\d|[.,]\d)/g;

/** Every mainland mobile number in a text, however spaced, masked (138****8000). */
export function maskPhonesIn(text: string): string {
  return text.replace(PHONE_IN_TEXT, (_m, a: string, _sep: string, b: string, c: string) => maskPhone(`${a}${b}${c}`));
}

/**
 * Every string in a value (object keys too) with its phone numbers masked; numbers, booleans
 * and null are left as they are (an amount in fen or an id is never a phone).
 */
export function maskPhonesDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPhonesIn(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskPhonesDeep(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[maskPhonesIn(k)] = maskPhonesDeep(v);
    return out as T;
  }
  return value;
}
