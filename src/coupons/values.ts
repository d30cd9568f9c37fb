/**
 * Coupons, the pure part: a definition checked once, when an issued coupon lapses and when
 * its reminder falls due (N days before, at 10:00 in the workspace's zone, never before it
 * was issued). No store, no clock.
 */
import { parseAmount } from '../shared/money.ts';
import { localDate, localToInstant } from '../shared/time.ts';

export const COUPON_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
export const ISSUE_SOURCES = ['task', 'sop', 'rule', 'staff', 'api'] as const;
export type IssueSource = (typeof ISSUE_SOURCES)[number];
export const REMINDER_HOUR = 10;
const DAY_MS = 86_400_000;

export interface CouponInput {
  couponId: string;
  name: string;
  /** Yuan, as text or number. */
  value: string | number;
  minSpend?: string | number | undefined;
  validDays: number;
  /** Remind this many days before it lapses; absent: no reminder. */
  remindDays?: number | null | undefined;
}

export interface CouponDefinition {
  couponId: string;
  name: string;
  valueFen: number;
  minSpendFen: number;
  validDays: number;
  remindDays: number | null;
}

export function checkCoupon(c: CouponInput): { ok: true; value: CouponDefinition } | { ok: false; reason: string } {
  const problems: string[] = [];
  if (!COUPON_ID.test(c.couponId)) problems.push(`couponId: "${c.couponId}" must be letters, digits, _ . - (at most 100)`);
  const name = c.name.trim();
  if (name === '' || [...name].length > 50) problems.push('name: must be 1 to 50 characters');
  const value = parseAmount(c.value);
  if (!value.ok) problems.push(`value: ${value.reason}`);
  else if (value.fen <= 0) problems.push('value: must be more than 0');
  const min = c.minSpend === undefined ? { ok: true as const, fen: 0 } : parseAmount(c.minSpend);
  if (!min.ok) problems.push(`minSpend: ${min.reason}`);
  if (!Number.isInteger(c.validDays) || c.validDays < 1 || c.validDays > 3650) problems.push('validDays: a whole number of days from 1 to 3650');
  const remind = c.remindDays ?? null;
  if (remind !== null && (!Number.isInteger(remind) || remind < 0 || remind >= c.validDays)) problems.push('remindDays: a whole number of days, less than validDays');
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    value: { couponId: c.couponId, name, valueFen: (value as { fen: number }).fen, minSpendFen: (min as { fen: number }).fen, validDays: c.validDays, remindDays: remind },
  };
}

/** A coupon issued at `issuedAt` lapses at the end of its last valid day in the zone. */
export function expiresAt(issuedAt: number, validDays: number, timeZone: string): number {
  const [y, m, d] = localDate(timeZone, issuedAt).split('-').map(Number) as [number, number, number];
  return localToInstant(timeZone, y, m, d + validDays);
}

/** The reminder's due time, or undefined when there is none or it would fall before the issue. */
export function reminderAt(issuedAt: number, expires: number, remindDays: number | null, timeZone: string): number | undefined {
  if (remindDays === null) return undefined;
  const [y, m, d] = localDate(timeZone, expires - 1).split('-').map(Number) as [number, number, number];
  // Issued after 10:00 on the reminder's own day: reminded at once.
  const at = Math.max(localToInstant(timeZone, y, m, d - remindDays, REMINDER_HOUR), issuedAt);
  return at < expires ? at : undefined;
}

export const daysLeft = (expires: number, now: number) => Math.max(0, Math.ceil((expires - now) / DAY_MS));
