/**
 * customers.csv → customer upserts: identities, explicit profile fields, tags.
 */
import { identitiesOf } from '../events/index.ts';
import { normalisePhone } from '../shared/phone.ts';
import { parseTimestamp, localDate } from '../shared/time.ts';
import { checkAgeBand, checkDate, checkFieldValue, checkText, DESCRIPTION_MAX, REMARK_MAX, listFields, type FieldDefinition, type FieldValue } from '../record/index.ts';
import type { CsvSpec } from './csv-header.ts';
import type { BatchOutcome, CellProblem, ImportContext, ImportRow } from './context.ts';
import { upsertCustomers, type CustomerUpsertItem, type Gender } from './customers-upsert.ts';
import type { RowProblem } from './error-report.ts';

export const CUSTOMER_COLUMNS = [
  'external_user_id', 'union_id', 'phone', 'platform', 'buyer_id',
  'name', 'gender', 'owner_staff', 'channel', 'added_at', 'tags',
  'remark', 'description', 'province', 'city', 'birthday', 'age_band', 'custom_fields',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];

const IDENTITY_COLUMNS = ['external_user_id', 'union_id', 'phone', 'buyer_id'] as const;
const IDENTITY_LABEL = 'external_user_id/union_id/phone/buyer_id';

export const CUSTOMERS_SPEC: CsvSpec<CustomerColumn> = {
  label: 'customers',
  columns: CUSTOMER_COLUMNS,
  required: [],
  check: (present) => {
    if (!IDENTITY_COLUMNS.some((c) => present.has(c))) {
      return `the header needs at least one identity column (${IDENTITY_COLUMNS.join(', ')}) to tell who each customer is`;
    }
    if (present.has('buyer_id') && !present.has('platform')) {
      return 'column "buyer_id" needs a "platform" column beside it: buyer ids are per shop platform';
    }
    return undefined;
  },
};

const GENDERS: Record<string, Gender> = {
  男: 'male', 男性: 'male', 男士: 'male', 先生: 'male', male: 'male', m: 'male', man: 'male', '1': 'male',
  女: 'female', 女性: 'female', 女士: 'female', 小姐: 'female', female: 'female', f: 'female', woman: 'female', '2': 'female',
  未知: 'unknown', 保密: 'unknown', 不详: 'unknown', unknown: 'unknown', u: 'unknown', '0': 'unknown',
};

/** 男/女/male/F/未知 … → male | female | unknown; WeCom's own codes 0/1/2 too. Undefined when unrecognised. */
export function normaliseGender(text: string): Gender | undefined {
  return GENDERS[text.trim().toLowerCase()];
}

const MAX_ID = 200;
const MAX_PLATFORM = 50;
const MAX_TEXT = 100;
const FUTURE_SKEW_MS = 5 * 60_000;

export type CustomerRowResult = { ok: true; item: CustomerUpsertItem } | { ok: false; problems: CellProblem[] };

/** One row of customers.csv as an upsert item, or every problem the row has. Pure. */
export function customerRowItem(v: Record<CustomerColumn, string>, opts: { timeZone: string; now: number; fields?: readonly FieldDefinition[] }): CustomerRowResult {
  const problems: CellProblem[] = [];
  const bad = (column: CustomerColumn | typeof IDENTITY_LABEL, value: string, reason: string) => problems.push({ column, value, reason });

  for (const col of ['external_user_id', 'union_id'] as const) {
    if (v[col].length > MAX_ID) bad(col, v[col], `is longer than ${MAX_ID} characters`);
  }
  if (v.phone !== '') {
    const p = normalisePhone(v.phone);
    if (!p.ok) bad('phone', v.phone, p.reason);
  }
  if (v.platform.length > MAX_PLATFORM) bad('platform', v.platform, `is longer than ${MAX_PLATFORM} characters`);
  if (v.buyer_id !== '' && v.platform === '') bad('buyer_id', v.buyer_id, 'needs a platform: buyer ids are per shop platform');
  if (v.buyer_id.length > MAX_ID) bad('buyer_id', v.buyer_id, `is longer than ${MAX_ID} characters`);
  if (!IDENTITY_COLUMNS.some((c) => v[c] !== '')) {
    bad(IDENTITY_LABEL, '', 'missing identity: give at least one of external_user_id, union_id, phone, or buyer_id with platform');
  }

  const profile: CustomerUpsertItem['profile'] = {};
  for (const [col, key] of [['name', 'name'], ['owner_staff', 'ownerStaff'], ['channel', 'channel']] as const) {
    if (v[col] === '') continue;
    if (v[col].length > MAX_TEXT) bad(col, v[col], `is longer than ${MAX_TEXT} characters`);
    else profile[key] = v[col];
  }
  if (v.gender !== '') {
    const g = normaliseGender(v.gender);
    if (!g) bad('gender', v.gender, 'is not a gender: use 男/女/未知 or male/female/unknown');
    else profile.gender = g;
  }
  if (v.added_at !== '') {
    const t = parseTimestamp(v.added_at, opts.timeZone);
    if (!t.ok) bad('added_at', v.added_at, t.reason);
    else if (t.instant > opts.now + FUTURE_SKEW_MS) bad('added_at', v.added_at, 'is in the future');
    else profile.addedAt = new Date(t.instant);
  }
  for (const [col, key, max] of [['remark', 'remark', REMARK_MAX], ['description', 'description', DESCRIPTION_MAX], ['province', 'province', 30], ['city', 'city', 30]] as const) {
    if (v[col] === '') continue;
    const t = checkText(v[col], max);
    if (!t.ok) bad(col, v[col], t.reason);
    else if (t.value !== null) profile[key] = t.value;
  }
  if (v.birthday !== '') {
    const d = checkDate(v.birthday, { notAfter: localDate(opts.timeZone, opts.now) });
    if (!d.ok) bad('birthday', v.birthday, d.reason);
    else profile.birthday = d.value;
  }
  if (v.age_band !== '') {
    const a = checkAgeBand(v.age_band);
    if (!a.ok) bad('age_band', v.age_band, a.reason);
    else profile.ageBand = a.value;
  }
  if (v.custom_fields !== '') {
    const custom = customFieldsCell(v.custom_fields, opts.fields ?? []);
    if (!custom.ok) bad('custom_fields', v.custom_fields, custom.reason);
    else profile.custom = custom.value;
  }
  if (problems.length > 0) return { ok: false, problems };

  const ids = identitiesOf({
    ...(v.external_user_id ? { externalUserId: v.external_user_id } : {}),
    ...(v.union_id ? { unionId: v.union_id } : {}),
    ...(v.phone ? { phone: v.phone } : {}),
    ...(v.buyer_id ? { platformIds: { [v.platform]: v.buyer_id } } : {}),
  });
  if (!ids.ok) return { ok: false, problems: [{ column: IDENTITY_LABEL, value: '', reason: ids.reason }] };
  const tags = v.tags === '' ? [] : [...new Set(v.tags.split('|').map((t) => t.trim()).filter((t) => t !== ''))];
  return { ok: true, item: { identities: ids.identities, profile, tags } };
}

/**
 * The custom_fields cell: "key=value" pairs separated by ";", multi choices as a|b (the
 * export writes the same). Every value is checked against the workspace's field definitions.
 */
export function customFieldsCell(cell: string, fields: readonly FieldDefinition[]): { ok: true; value: Record<string, FieldValue> } | { ok: false; reason: string } {
  const out: Record<string, FieldValue> = {};
  const reasons: string[] = [];
  for (const part of cell.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) { reasons.push(`"${part}" is not key=value`); continue; }
    const key = part.slice(0, eq).trim();
    const def = fields.find((f) => f.key === key);
    if (!def) { reasons.push(`"${key}" is not a custom field of this workspace`); continue; }
    const c = checkFieldValue(def, part.slice(eq + 1).trim());
    if (!c.ok) reasons.push(`${key}: ${c.reason}`);
    else if (c.value !== null) out[key] = c.value;
  }
  return reasons.length > 0 ? { ok: false, reason: reasons.join('; ') } : { ok: true, value: out };
}

export async function importCustomerBatch(ctx: ImportContext, rows: readonly ImportRow<CustomerColumn>[]): Promise<BatchOutcome> {
  const problems: RowProblem[] = [];
  const fields = rows.some((r) => r.values.custom_fields !== '') ? await listFields(ctx.db, ctx.workspaceId) : [];
  const items: CustomerUpsertItem[] = [];
  const lines: number[] = [];
  let rejected = 0;
  for (const r of rows) {
    const m = customerRowItem(r.values, { timeZone: ctx.timeZone, now: ctx.now, fields });
    if (!m.ok) {
      rejected++;
      for (const p of m.problems) problems.push({ line: r.line, ...p });
    } else {
      items.push(m.item);
      lines.push(r.line);
    }
  }
  const res = await upsertCustomers(ctx.db, ctx.workspaceId, items, { actor: ctx.actor, sourceId: ctx.fileName });
  for (const p of res.tagProblems) problems.push({ line: lines[p.item]!, column: 'tags', value: p.path, reason: p.reason });
  problems.sort((a, b) => a.line - b.line);
  const landed = res.items.filter((i) => i.changed).length;
  return { landed, unchanged: res.items.length - landed, rejected, problems };
}
