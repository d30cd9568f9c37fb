/**
 * The audience filter language: an AND / OR / NOT tree whose leaves are discriminated by
 * `field`. One schema (zod) validates API bodies, CLI files, saved segments and the
 * contracts of other domains, and lands in /openapi.json as `AudienceFilter`.
 * Pure: no store, no clock.
 */
import { z } from '@hono/zod-openapi';
import {
  COMPARE_OPS, COUNT_FIELDS, GENDERS, LIFECYCLE_PATHS, LIST_OPS, MODEL_LIST_FIELDS, MONEY_FIELDS, PROFILE_LIST_FIELDS, TIME_FIELDS, TIME_OPS,
  PREDICTED_FIELDS, PREDICTED_OPS, type PredictedField, REGION_FIELDS, AGE_BANDS, BIRTHDAY_OPS, CUSTOM_OPS, type RegionField,
  type CompareOp, type CountField, type LifecyclePath, type ListOp, type ModelListField, type MoneyField, type ProfileListField,
  type TimeField, type TimeOp,
} from './fields.ts';
import { parseTimestamp } from '../shared/time.ts';
import type { AgeBand } from '../record/values.ts';

/**
 * The size of a filter. A console builds small trees (a few dozen conditions, three or four
 * levels); a hostile or broken client builds 200 × 200 search conditions that tie up the
 * database for minutes, or 5,000 levels that overflow the stack. Bounded before anything
 * recursive runs, with a 422 that names the limit.
 */
export const MAX_DEPTH = 10;
/** Conditions (leaves) in one filter, and in one and/or list. */
export const MAX_CONDITIONS = 500;
export const MAX_LEAVES = 200;
/** Values across all the lists of one filter (in/notIn lists, customer ids). */
export const MAX_VALUES = 20_000;
const MAX_TEXT = 200;
const MAX_LIST = 500;

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = z.string().min(1).max(MAX_TEXT);
const ref = z.union([text, z.number().int().positive()]);
const strList = z.array(text).min(1).max(MAX_LIST);

export type AudienceCondition =
  | { field: 'gender'; op: ListOp; values: ('male' | 'female' | 'unknown')[] }
  | { field: 'tag'; op: 'has' | 'lacks'; tag: string | number }
  | { field: 'tagGroup'; op: 'hasAny' | 'hasNone'; group: string | number }
  | { field: 'stage'; op?: 'is' | 'isNot' | undefined; journey: string | number; stage?: string | number | undefined }
  | { field: 'trustLevel'; op: CompareOp; value: number }
  | { field: 'lifecycle'; path: LifecyclePath; op: ListOp; values: string[] }
  | { field: ModelListField; op: ListOp; values: string[] }
  | { field: 'engagement'; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { field: PredictedField; op: (typeof PREDICTED_OPS)[number]; value: number }
  | { field: CountField; op: CompareOp; value: number }
  | { field: MoneyField; op: CompareOp; value: number | string }
  | { field: TimeField; op: TimeOp; value?: number | string | undefined }
  | { field: ProfileListField | 'follower'; op: ListOp; values: string[] }
  | { field: RegionField; op: ListOp; values: string[] }
  | { field: 'ageBand'; op: ListOp; values: AgeBand[] }
  | { field: 'birthday'; op: (typeof BIRTHDAY_OPS)[number]; value?: number | undefined }
  | { field: 'custom'; key: string; op: (typeof CUSTOM_OPS)[number]; value?: number | string | undefined; values?: string[] | undefined }
  | { field: 'wecomFriend'; value: boolean }
  | { field: 'search'; value: string }
  | { field: 'segment'; op?: 'in' | 'notIn' | undefined; segment: string | number }
  | { field: 'customerId'; op: ListOp; values: number[] };

export type AudienceFilter = { and: AudienceFilter[] } | { or: AudienceFilter[] } | { not: AudienceFilter } | AudienceCondition;

const leaf = z.discriminatedUnion('field', [
  z.object({ field: z.literal('gender'), op: z.enum(LIST_OPS), values: z.array(z.enum(GENDERS)).min(1) }).strict(),
  z.object({ field: z.literal('tag'), op: z.enum(['has', 'lacks']), tag: ref }).strict(),
  z.object({ field: z.literal('tagGroup'), op: z.enum(['hasAny', 'hasNone']), group: ref }).strict(),
  z.object({ field: z.literal('stage'), op: z.enum(['is', 'isNot']).optional(), journey: ref, stage: ref.optional() }).strict(),
  z.object({ field: z.literal('trustLevel'), op: z.enum(COMPARE_OPS), value: z.number().int().min(0).max(5) }).strict(),
  z.object({ field: z.literal('lifecycle'), path: z.enum(keys(LIFECYCLE_PATHS)), op: z.enum(LIST_OPS), values: strList }).strict(),
  z.object({ field: z.enum(keys(MODEL_LIST_FIELDS)), op: z.enum(LIST_OPS), values: strList }).strict(),
  z.object({ field: z.literal('engagement'), op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number().min(0).max(1e12) }).strict(),
  z.object({ field: z.enum(keys(PREDICTED_FIELDS)), op: z.enum(PREDICTED_OPS), value: z.number().min(0).max(1e12) }).strict(),
  z.object({ field: z.enum(keys(COUNT_FIELDS)), op: z.enum(COMPARE_OPS), value: z.number().int().min(0).max(2_000_000_000) }).strict(),
  z.object({ field: z.enum(keys(MONEY_FIELDS)), op: z.enum(COMPARE_OPS), value: z.union([z.number().min(0), z.string().max(20)]) }).strict(),
  z.object({ field: z.enum(keys(TIME_FIELDS)), op: z.enum(TIME_OPS), value: z.union([z.number().min(0).max(36500), z.string().max(40)]).optional() }).strict(),
  z.object({ field: z.enum([...keys(PROFILE_LIST_FIELDS), 'follower']), op: z.enum(LIST_OPS), values: strList }).strict(),
  z.object({ field: z.enum(keys(REGION_FIELDS)), op: z.enum(LIST_OPS), values: strList }).strict(),
  z.object({ field: z.literal('ageBand'), op: z.enum(LIST_OPS), values: z.array(z.enum(AGE_BANDS)).min(1) }).strict(),
  z.object({ field: z.literal('birthday'), op: z.enum(BIRTHDAY_OPS), value: z.number().int().min(0).max(366).optional() }).strict(),
  z.object({
    field: z.literal('custom'), key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), op: z.enum(CUSTOM_OPS),
    value: z.union([z.number().min(-1e12).max(1e12), z.string().max(MAX_TEXT)]).optional(), values: strList.optional(),
  }).strict(),
  z.object({ field: z.literal('wecomFriend'), value: z.boolean() }).strict(),
  z.object({ field: z.literal('search'), value: text }).strict(),
  z.object({ field: z.literal('segment'), op: z.enum(['in', 'notIn']).optional(), segment: ref }).strict(),
  z.object({ field: z.literal('customerId'), op: z.enum(LIST_OPS), values: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
], {
  error: (iss) => {
    const o = iss.input as { field?: unknown } | undefined;
    if (iss.code === 'invalid_union' && o && typeof o === 'object') {
      return o.field === undefined ? 'a condition needs a "field"' : `unknown field ${JSON.stringify(o.field)} (GET /api/v1/audiences/fields lists them)`;
    }
    return undefined;
  },
}).superRefine((c, ctx) => {
  // Semantic checks the shapes cannot say, reported on the key that is wrong.
  for (const issue of leafIssues(c as AudienceCondition)) ctx.addIssue({ code: 'custom', path: [issue.key], message: issue.message });
});

const filterTree: z.ZodType<AudienceFilter> = z
  .lazy(() =>
    z.union([
      z.object({ and: z.array(filterTree).min(1).max(MAX_LEAVES) }).strict(),
      z.object({ or: z.array(filterTree).min(1).max(MAX_LEAVES) }).strict(),
      z.object({ not: filterTree }).strict(),
      leaf,
    ], { error: unionError }),
  )
  .meta({
    id: 'AudienceFilter',
    description: 'AND / OR / NOT tree of conditions; see GET /api/v1/audiences/fields for every field, its operators and values. ' +
      `At most ${MAX_CONDITIONS} conditions, ${MAX_DEPTH} levels and ${MAX_VALUES} listed values.`,
  }) as unknown as z.ZodType<AudienceFilter>;

/**
 * Depth, conditions and values of a raw filter, counted without recursion (the input may be
 * 5,000 levels deep); the first limit it breaks, or undefined.
 */
export function filterSizeProblem(input: unknown): { path: (string | number)[]; message: string } | undefined {
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [{ v: input, depth: 0, path: [] }];
  let conditions = 0;
  let values = 0;
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
    const o = v as Record<string, unknown>;
    const list = Array.isArray(o.and) ? { key: 'and', items: o.and as unknown[] } : Array.isArray(o.or) ? { key: 'or', items: o.or as unknown[] } : undefined;
    if (list || 'not' in o) {
      if (depth >= MAX_DEPTH) return { path, message: `filter is nested more than ${MAX_DEPTH} levels deep (the limit is ${MAX_DEPTH})` };
      if (list) {
        if (list.items.length > MAX_CONDITIONS) return { path: [...path, list.key], message: `has ${list.items.length} entries; the limit is ${MAX_CONDITIONS} conditions in a filter` };
        list.items.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: [...path, list.key, i] }));
      } else stack.push({ v: o.not, depth: depth + 1, path: [...path, 'not'] });
      continue;
    }
    if (++conditions > MAX_CONDITIONS) return { path: [], message: `filter has more than ${MAX_CONDITIONS} conditions (the limit is ${MAX_CONDITIONS})` };
    if (Array.isArray(o.values) && (values += o.values.length) > MAX_VALUES) {
      return { path: [], message: `filter lists more than ${MAX_VALUES} values in all (the limit is ${MAX_VALUES})` };
    }
  }
  return undefined;
}

/** The filter as every route and file reads it: its size bounded first, then its shape (the OpenAPI document shows the shape). */
export const audienceFilterSchema: z.ZodType<AudienceFilter> = z.preprocess((value, ctx) => {
  const problem = filterSizeProblem(value);
  if (problem) ctx.issues.push({ code: 'custom', path: problem.path, message: problem.message, input: value });
  return value;
}, filterTree) as unknown as z.ZodType<AudienceFilter>;

/** A union names no branch when all fail: report the branch the input meant, with its inner paths. */
function unionError(iss: { code?: string; input?: unknown; errors?: { path: PropertyKey[]; message: string }[][] }): string | undefined {
  if (iss.code !== 'invalid_union' || !iss.errors) return undefined;
  const o = iss.input;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'must be an object: {and: […]}, {or: […]}, {not: …} or a condition {field: …}';
  const branch = 'and' in o ? 0 : 'or' in o ? 1 : 'not' in o ? 2 : 3;
  const sub = iss.errors[branch] ?? [];
  return sub.map((i) => (i.path.length ? `${pathText(i.path as (string | number)[])}: ${i.message}` : i.message)).join('; ') || 'is not a valid filter';
}

/** Visit each leaf with its path (["and", 1] …); depth and size are bounded. */
export function walk(f: AudienceFilter, path: (string | number)[], visit: (c: AudienceCondition, path: (string | number)[]) => void, depth = 0): void {
  if (depth > MAX_DEPTH) throw new RangeError(`filter nested deeper than ${MAX_DEPTH} levels at ${pathText(path)}`);
  if ('and' in f) f.and.forEach((x, i) => walk(x, [...path, 'and', i], visit, depth + 1));
  else if ('or' in f) f.or.forEach((x, i) => walk(x, [...path, 'or', i], visit, depth + 1));
  else if ('not' in f) walk(f.not, [...path, 'not'], visit, depth + 1);
  else visit(f, path);
}

/** and[1].tag — how errors name a place in a filter. */
export function pathText(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s || 'filter';
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function leafIssues(c: AudienceCondition): { key: string; message: string }[] {
  const out: { key: string; message: string }[] = [];
  if (c.field === 'lifecycle') {
    const allowed = LIFECYCLE_PATHS[c.path].values as readonly string[];
    for (const v of c.values) if (!allowed.includes(v)) out.push({ key: 'values', message: `"${v}" is not a ${c.path} lifecycle stage (${allowed.join(', ')})` });
  } else if (c.field in MODEL_LIST_FIELDS) {
    const allowed = MODEL_LIST_FIELDS[c.field as ModelListField].values as readonly string[];
    for (const v of (c as { values: string[] }).values) if (!allowed.includes(v)) out.push({ key: 'values', message: `"${v}" is not a ${c.field} (${allowed.join(', ')})` });
  } else if (c.field in PREDICTED_FIELDS) {
    const f = PREDICTED_FIELDS[c.field as PredictedField];
    const v = (c as { value: number }).value;
    if (v > f.max) out.push({ key: 'value', message: `${c.field} is at most ${f.max}` });
  } else if (c.field in TIME_FIELDS) {
    const t = c as { op: TimeOp; value?: number | string };
    if (t.op === 'withinDays' || t.op === 'beforeDays') {
      if (typeof t.value !== 'number') out.push({ key: 'value', message: `${t.op} needs a number of days` });
    } else if (t.op === 'after' || t.op === 'before') {
      if (typeof t.value !== 'string' || !ISO.test(t.value)) {
        out.push({ key: 'value', message: `${t.op} needs a date or date-time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00)` });
      } else {
        // Field by field: 2026-02-30 and 0000-01-01 are refused, not moved to another day.
        const parsed = parseTimestamp(t.value, 'UTC');
        if (!parsed.ok) out.push({ key: 'value', message: parsed.reason });
      }
    } else if (t.value !== undefined) out.push({ key: 'value', message: `${t.op} takes no value` });
  } else if (c.field === 'birthday') {
    if (c.op === 'upcomingDays' && c.value === undefined) out.push({ key: 'value', message: 'upcomingDays needs a number of days (0 = today)' });
    if (c.op !== 'upcomingDays' && c.value !== undefined) out.push({ key: 'value', message: `${c.op} takes no value` });
  } else if (c.field === 'custom') {
    const list = c.op === 'in' || c.op === 'notIn';
    const presence = c.op === 'exists' || c.op === 'missing';
    if (list && (!c.values || c.value !== undefined)) out.push({ key: 'values', message: `${c.op} needs "values" (a list), not "value"` });
    if (!list && !presence && (c.value === undefined || c.values)) out.push({ key: 'value', message: `${c.op} needs "value" (a number, or a date YYYY-MM-DD)` });
    if (presence && (c.value !== undefined || c.values)) out.push({ key: 'value', message: `${c.op} takes no value` });
  }
  return out;
}

/** Parse a filter given as JSON text (query string, CLI argument or file), with errors naming the place. */
export function parseFilter(input: unknown): { ok: true; filter: AudienceFilter } | { ok: false; issues: { path: string; message: string }[] } {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, issues: [{ path: 'filter', message: `is not JSON: ${(e as Error).message}` }] };
    }
  }
  try {
    const r = audienceFilterSchema.safeParse(value);
    if (r.success) return { ok: true, filter: r.data };
    return { ok: false, issues: r.error.issues.map((i) => ({ path: pathText(i.path as (string | number)[]), message: i.message })) };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, issues: [{ path: 'filter', message: e.message }] };
    throw e;
  }
}
