/**
 * customers.csv → customer upserts: identities, explicit profile fields, tags.
 */
import { identitiesOf } from '../events/index.ts';
import { normalisePhone } from '../shared/phone.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { CsvSpec } from './csv-header.ts';
import type { BatchOutcome, CellProblem, ImportContext, ImportRow } from './context.ts';
import { upsertCustomers, type CustomerUpsertItem, type Gender } from './customers-upsert.ts';
import type { RowProblem } from './error-report.ts';

export const CUSTOMER_COLUMNS = [
  'external_user_id', 'union_id', 'phone', 'platform', 'buyer_id',
  'name', 'gender', 'owner_staff', 'channel', 'added_at', 'tags',
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
export function customerRowItem(v: Record<CustomerColumn, string>, opts: { timeZone: string; now: number }): CustomerRowResult {
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

export async function importCustomerBatch(ctx: ImportContext, rows: readonly ImportRow<CustomerColumn>[]): Promise<BatchOutcome> {
  const problems: RowProblem[] = [];
  const items: CustomerUpsertItem[] = [];
  const lines: number[] = [];
  let rejected = 0;
  for (const r of rows) {
    const m = customerRowItem(r.values, ctx);
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
