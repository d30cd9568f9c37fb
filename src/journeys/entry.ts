/**
 * Stage entry conditions are audience filters: the audiences domain validates them and
 * tells which customers match. This file is the one place journeys meets it.
 */
import { audienceFilterSchema, matchCustomers, type AudienceFilter } from './audience-port.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';

export type EntryFilter = AudienceFilter;

/** A filter as given (JSON value) → a checked AudienceFilter; errors name `field` and the place inside. */
export function checkEntryFilter(value: unknown, field: string): AudienceFilter {
  let r;
  try {
    r = audienceFilterSchema.safeParse(value);
  } catch (e) {
    throw new SiyuError('validation_failed', `${field}: ${(e as Error).message}`);
  }
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: [field, ...i.path.map(String)].join('.'), message: i.message }));
  throw new SiyuError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Which of the customers match the filter now. */
export function customersMatching(q: Queryable, ws: string, filter: AudienceFilter, customerIds: readonly number[]): Promise<Set<number>> {
  return matchCustomers(q, ws, filter, customerIds);
}
