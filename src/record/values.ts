/**
 * The customer record's values, checked once: remark and description within WeCom's limits
 * (externalcontact/remark: remark ≤20, description ≤150 characters, counted as code points),
 * region, birthday, age band, and the workspace's typed custom fields. Pure: no store, no clock.
 */

export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, { zh: string; en: string }> = {
  under_18: { zh: '18 岁以下', en: 'Under 18' },
  '18_24': { zh: '18–24 岁', en: '18–24' },
  '25_34': { zh: '25–34 岁', en: '25–34' },
  '35_44': { zh: '35–44 岁', en: '35–44' },
  '45_54': { zh: '45–54 岁', en: '45–54' },
  '55_64': { zh: '55–64 岁', en: '55–64' },
  '65_plus': { zh: '65 岁及以上', en: '65 and over' },
};

export const FIELD_TYPES = ['text', 'number', 'date', 'single', 'multi'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FOLLOWUP_TYPES = ['call', 'visit', 'chat', 'other'] as const;
export type FollowupType = (typeof FOLLOWUP_TYPES)[number];

/** WeCom externalcontact/remark limits (spec §4.13). */
export const REMARK_MAX = 20;
export const DESCRIPTION_MAX = 150;
export const REGION_MAX = 30;
export const TEXT_VALUE_MAX = 200;
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const codePoints = (s: string) => [...s].length;

export function checkText(text: string, max: number): Checked<string | null> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (codePoints(t) > max) return { ok: false, reason: `is ${codePoints(t)} characters; at most ${max}` };
  return { ok: true, value: t };
}

/** A calendar date YYYY-MM-DD (also 1990/5/3, 1990.05.03) that exists; not after `today`. */
export function checkDate(text: string, opts: { notAfter?: string } = {}): Checked<string> {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return { ok: false, reason: 'is not a date: use YYYY-MM-DD' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return { ok: false, reason: 'is not a day of the calendar' };
  if (y < 1900) return { ok: false, reason: 'is before 1900' };
  const iso = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (opts.notAfter && iso > opts.notAfter) return { ok: false, reason: `is after today (${opts.notAfter})` };
  return { ok: true, value: iso };
}

const AGE_BAND_ALIASES: Record<string, AgeBand> = {
  '<18': 'under_18', '18岁以下': 'under_18', '18-24': '18_24', '25-34': '25_34', '35-44': '35_44', '45-54': '45_54', '55-64': '55_64',
  '65+': '65_plus', '65岁以上': '65_plus', '65岁及以上': '65_plus',
};

export function checkAgeBand(text: string): Checked<AgeBand> {
  const t = text.trim().toLowerCase().replace(/[–—～~]/g, '-').replace(/\s/g, '');
  const v = (AGE_BANDS as readonly string[]).includes(t) ? (t as AgeBand) : AGE_BAND_ALIASES[t];
  return v ? { ok: true, value: v } : { ok: false, reason: `is not an age band: use one of ${AGE_BANDS.join(', ')}` };
}

/** The age band of someone born on `birthday` (YYYY-MM-DD) as of `today` (YYYY-MM-DD). */
export function ageBandOf(birthday: string, today: string): AgeBand {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  if (age < 65) return '55_64';
  return '65_plus';
}

export interface FieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  /** The choices of a single or multi choice field. */
  options: string[];
  position: number;
}

export function checkDefinition(d: { key: string; label: string; type: FieldType; options?: string[] | undefined }): Checked<Omit<FieldDefinition, 'position'>> {
  if (!FIELD_KEY.test(d.key)) return { ok: false, reason: `key "${d.key}" must start with a-z and hold only a-z, 0-9 and _ (at most 40)` };
  const label = d.label.trim();
  if (label === '' || codePoints(label) > 40) return { ok: false, reason: 'label must be 1 to 40 characters' };
  const options = [...new Set((d.options ?? []).map((o) => o.trim()).filter((o) => o !== ''))];
  const choice = d.type === 'single' || d.type === 'multi';
  if (choice && options.length === 0) return { ok: false, reason: `a ${d.type} choice field needs options` };
  if (!choice && options.length > 0) return { ok: false, reason: `a ${d.type} field takes no options` };
  if (options.length > 100) return { ok: false, reason: 'at most 100 options' };
  if (options.some((o) => codePoints(o) > 40 || o.includes('|'))) return { ok: false, reason: 'an option is longer than 40 characters or holds "|"' };
  return { ok: true, value: { key: d.key, label, type: d.type, options } };
}

export type FieldValue = string | number | string[];

/**
 * One custom field's value from what a person typed or an API sent: numbers as numbers,
 * dates as YYYY-MM-DD, multi choices from an array or "a|b". null clears the field.
 */
export function checkFieldValue(def: FieldDefinition, raw: unknown): Checked<FieldValue | null> {
  if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return { ok: true, value: null };
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, reason: 'must be text' };
      const t = checkText(raw, TEXT_VALUE_MAX);
      return t;
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n) || Math.abs(n) > 1e12) return { ok: false, reason: `"${String(raw)}" is not a number` };
      return { ok: true, value: n };
    }
    case 'date':
      if (typeof raw !== 'string') return { ok: false, reason: 'must be a date YYYY-MM-DD' };
      return checkDate(raw);
    case 'single': {
      if (typeof raw !== 'string') return { ok: false, reason: 'must be one of the options' };
      const v = raw.trim();
      return def.options.includes(v) ? { ok: true, value: v } : { ok: false, reason: `"${v}" is not one of ${def.options.join(' / ')}` };
    }
    case 'multi': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split('|') : null;
      if (!list || list.some((x) => typeof x !== 'string')) return { ok: false, reason: 'must be a list of options' };
      const vs = [...new Set((list as string[]).map((x) => x.trim()).filter((x) => x !== ''))];
      const bad = vs.filter((x) => !def.options.includes(x));
      if (bad.length > 0) return { ok: false, reason: `${bad.map((b) => `"${b}"`).join(', ')} not among ${def.options.join(' / ')}` };
      return { ok: true, value: vs };
    }
  }
}

/** Custom field values as one CSV cell / filter text: multi choices joined with "|". */
export const fieldValueText = (v: FieldValue | null | undefined): string =>
  v == null ? '' : Array.isArray(v) ? v.join('|') : String(v);
