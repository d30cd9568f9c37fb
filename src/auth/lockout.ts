/**
 * Attempt counters in the database, one row per login, address or password check. An
 * attempt is reserved under the row's lock before any password is verified, so guesses
 * sent in parallel (or to several server processes) are counted one by one.
 */
import type { Db, Queryable } from '../store/db.ts';
import { afterSuccess, reserveAttempt, type LockoutPolicy, type Throttle } from './policy.ts';

export type ThrottleKey = `login:${string}` | `ip:${string}` | `password:${string}`;

export const loginKey = (login: string): ThrottleKey => `login:${login.trim().toLowerCase()}`;
export const addressKey = (ip: string): ThrottleKey => `ip:${ip}`;
export const passwordKey = (workspaceId: string, login: string): ThrottleKey => `password:${workspaceId}:${login.toLowerCase()}`;

interface Row { failures: number; window_started_at: Date; locked_until: Date | null }

const toThrottle = (r: Row): Throttle => ({
  failures: r.failures, windowStartedAt: new Date(r.window_started_at).getTime(), lockedUntil: r.locked_until === null ? null : new Date(r.locked_until).getTime(),
});

async function lockedRow(tx: Queryable, key: ThrottleKey, now: Date): Promise<Throttle> {
  await tx.query(
    `INSERT INTO login_throttle (throttle_key, failures, window_started_at) VALUES ($1, 0, $2) ON CONFLICT (throttle_key) DO NOTHING`, [key, now]);
  const [row] = await tx.query<Row>(`SELECT failures, window_started_at, locked_until FROM login_throttle WHERE throttle_key = $1 FOR UPDATE`, [key]);
  return toThrottle(row!);
}

async function store(tx: Queryable, key: ThrottleKey, t: Throttle | null): Promise<void> {
  if (t === null) {
    await tx.query(`DELETE FROM login_throttle WHERE throttle_key = $1`, [key]);
    return;
  }
  await tx.query(`UPDATE login_throttle SET failures = $2, window_started_at = $3, locked_until = $4 WHERE throttle_key = $1`,
    [key, t.failures, new Date(t.windowStartedAt), t.lockedUntil === null ? null : new Date(t.lockedUntil)]);
}

export interface Reservation {
  allowed: boolean;
  /** The counter after this attempt (failures include it until it succeeds). */
  throttle: Throttle;
}

/** Count an attempt before verifying it; refused when the key is over its limit. */
export async function reserve(db: Db, key: ThrottleKey, policy: LockoutPolicy, now: Date): Promise<Reservation> {
  return db.transaction(async (tx) => {
    const fresh = await lockedRow(tx, key, now);
    const r = reserveAttempt(fresh.failures === 0 && fresh.lockedUntil === null ? null : fresh, now.getTime(), policy);
    await store(tx, key, r.next);
    return { allowed: r.allowed, throttle: r.next };
  });
}

/** The reserved attempt was right: a login or password check starts again, an address gets the attempt back. */
export async function succeeded(q: Db | Queryable, key: ThrottleKey, policy: LockoutPolicy, kind: 'reset' | 'refund', now: Date): Promise<void> {
  const run = async (tx: Queryable) => store(tx, key, afterSuccess(await lockedRow(tx, key, now), policy, kind));
  if ('transaction' in q) await q.transaction(run); else await run(q);
}

/** An administrator lifts a login's lockout (its sign-in and password-check counters). */
export async function clearLoginThrottles(q: Queryable, workspaceId: string, login: string): Promise<void> {
  await q.query(`DELETE FROM login_throttle WHERE throttle_key = ANY($1::text[])`, [[loginKey(login), passwordKey(workspaceId, login)]]);
}

/** Housekeeping: counters whose window and lock have both passed say nothing any more. */
export async function purgeThrottles(q: Queryable, now: Date, olderThanMs: number): Promise<number> {
  const rows = await q.query(
    `DELETE FROM login_throttle WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < $2) RETURNING 1`,
    [new Date(now.getTime() - olderThanMs), now]);
  return rows.length;
}
