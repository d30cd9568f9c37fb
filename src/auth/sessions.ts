/**
 * Signing in and out of the console. A session id lives only in an httpOnly cookie and
 * is stored hashed; its CSRF token is derived from it, so a stolen CSRF cookie is useless
 * without the session and the server keeps no second secret.
 */
import { audit } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { addressKey, loginKey, passwordKey, purgeThrottles, reserve, succeeded, type Reservation } from './lockout.ts';
import { IP_LOCKOUT, LOGIN_LOCKOUT, type Principal } from './policy.ts';
import { decoyHash, randomSecret, sha256, verifyPassword } from './secrets.ts';
import { setPassword, toUser, userRowByLogin, type User, type UserRow } from './users.ts';

/** A session ends after this long unused … */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** … and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** Sliding the expiry is a write: do it at most this often per session. */
const SLIDE_EVERY_MS = 60_000;

export const csrfTokenFor = (sessionId: string) => sha256(`csrf:${sessionId}`).slice(0, 43);

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(q: Queryable, user: { workspaceId: string; userId: number }, now: Date): Promise<NewSession> {
  const sessionId = randomSecret(32);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await q.query(
    `INSERT INTO sessions (workspace_id, session_hash, user_id, created_at, last_seen_at, expires_at, absolute_expiry)
     VALUES ($1, $2, $3, $4, $4, $5, $6)`,
    [user.workspaceId, sha256(sessionId), user.userId, now, expiresAt, new Date(now.getTime() + SESSION_MAX_MS)],
  );
  return { sessionId, csrfToken: csrfTokenFor(sessionId), expiresAt };
}

export const principalOfUser = (u: Pick<User, 'workspaceId' | 'login' | 'role' | 'staffId' | 'seesPhones'>): Principal => ({
  kind: 'user', workspaceId: u.workspaceId, userId: u.login, role: u.role, staffId: u.staffId ?? undefined, seesPhones: u.seesPhones,
});

/** The signed-in user of a session id, sliding its expiry; null when unknown, expired or disabled. */
export async function sessionUser(db: Queryable, sessionId: string, now: Date): Promise<{ user: User; principal: Principal } | null> {
  const hash = sha256(sessionId);
  const [row] = await db.query<UserRow & { s_last_seen: Date; s_expires: Date; s_absolute: Date }>(
    `SELECT u.*, s.last_seen_at AS s_last_seen, s.expires_at AS s_expires, s.absolute_expiry AS s_absolute
     FROM sessions s JOIN users u USING (workspace_id, user_id)
     WHERE s.session_hash = $1`,
    [hash],
  );
  if (!row || row.disabled_at !== null) return null;
  const t = now.getTime();
  if (t >= new Date(row.s_expires).getTime() || t >= new Date(row.s_absolute).getTime()) {
    await db.query(`DELETE FROM sessions WHERE session_hash = $1`, [hash]);
    return null;
  }
  if (t - new Date(row.s_last_seen).getTime() >= SLIDE_EVERY_MS) {
    await db.query(
      `UPDATE sessions SET last_seen_at = $2, expires_at = LEAST($3::timestamptz, absolute_expiry) WHERE session_hash = $1`,
      [hash, now, new Date(t + SESSION_IDLE_MS)],
    );
  }
  const user = toUser(row);
  return { user, principal: principalOfUser(user) };
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE session_hash = $1`, [sha256(sessionId)]);
}

function refuseLocked(r: Reservation, now: Date, what: string): never {
  const until = r.throttle.lockedUntil ?? now.getTime() + 60_000;
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  throw new SiyuError('rate_limited', `too many ${what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, { retryAfterSeconds: seconds });
}

export interface LoginInput {
  login: string;
  password: string;
  /** The caller's address ('' when unknown). */
  ip: string;
  now: Date;
}

export interface LoginResult extends NewSession {
  user: User;
}

/**
 * Check a login and password and start a session. A wrong login and a wrong password
 * get the same answer in the same time; 5 failures in 15 minutes lock the login (even
 * one that does not exist) for 15 minutes, 20 lock the address. Each attempt is counted
 * before the password is verified, so parallel guesses get no more tries than serial ones.
 */
export async function login(db: Db, input: LoginInput): Promise<LoginResult> {
  const { now } = input;
  const loginName = input.login.trim();
  const row = await userRowByLogin(db, loginName);
  const ws = row?.workspace_id ?? '';
  const record = (outcome: 'ok' | 'failed' | 'blocked') =>
    db.query(`INSERT INTO login_attempts (workspace_id, login, ip, at, outcome) VALUES ($1, $2, $3, $4, $5)`, [ws, loginName, input.ip, now, outcome]);
  const byIp = input.ip ? await reserve(db, addressKey(input.ip), IP_LOCKOUT, now) : null;
  const byLogin = byIp && !byIp.allowed ? byIp : await reserve(db, loginKey(loginName), LOGIN_LOCKOUT, now);
  for (const r of [byIp, byLogin]) {
    if (r && !r.allowed) {
      await record('blocked');
      refuseLocked(r, now, 'failed sign-ins');
    }
  }
  const ok = await verifyPassword(row?.password_hash ?? (await decoyHash()), input.password);
  if (!row || !ok || row.disabled_at !== null) {
    await record('failed');
    if (row) {
      const { failures, lockedUntil: until } = byLogin.throttle;
      const locks = failures >= LOGIN_LOCKOUT.maxFailures && until !== null;
      await db.query(`UPDATE users SET failed_attempts = $3, locked_until = $4 WHERE workspace_id = $1 AND user_id = $2`,
        [row.workspace_id, row.user_id, failures, locks ? new Date(until) : null]);
      await audit(db, row.workspace_id, { kind: 'system', id: 'auth' }, locks ? 'auth.lockout' : 'auth.login_failed', null,
        { login: row.login, ip: input.ip, failures, ...(locks ? { lockedUntil: new Date(until).toISOString() } : {}) });
    }
    throw new SiyuError('unauthorized', 'wrong login or password');
  }
  return db.transaction(async (tx) => {
    await succeeded(tx, loginKey(loginName), LOGIN_LOCKOUT, 'reset', now);
    if (input.ip) await succeeded(tx, addressKey(input.ip), IP_LOCKOUT, 'refund', now);
    await tx.query(`INSERT INTO login_attempts (workspace_id, login, ip, at, outcome) VALUES ($1, $2, $3, $4, 'ok')`, [ws, loginName, input.ip, now]);
    const [updated] = await tx.query<UserRow>(
      `UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = $3 WHERE workspace_id = $1 AND user_id = $2 RETURNING *`,
      [row.workspace_id, row.user_id, now],
    );
    const user = toUser(updated!);
    const session = await createSession(tx, user, now);
    await audit(tx, user.workspaceId, { kind: 'staff', id: user.login }, 'auth.login', null, { ip: input.ip });
    return { ...session, user };
  });
}

/**
 * A signed-in user changes their own password, proving they know the current one. Wrong
 * guesses of the current password are limited like sign-ins (a stolen session must not
 * become an unlimited password oracle).
 */
export async function changeOwnPassword(
  db: Db, user: { workspaceId: string; login: string }, current: string, next: string, now: Date, sessionId?: string,
): Promise<User> {
  const row = await userRowByLogin(db, user.login);
  if (!row || row.workspace_id !== user.workspaceId) throw new SiyuError('not_found', `user "${user.login}" does not exist`);
  const key = passwordKey(row.workspace_id, row.login);
  const r = await reserve(db, key, LOGIN_LOCKOUT, now);
  if (!r.allowed) refuseLocked(r, now, 'wrong current passwords');
  if (!(await verifyPassword(row.password_hash, current))) {
    await audit(db, row.workspace_id, { kind: 'staff', id: row.login }, 'auth.password_check_failed', null, { login: row.login, failures: r.throttle.failures });
    throw new SiyuError('forbidden', 'currentPassword: the current password is wrong');
  }
  await succeeded(db, key, LOGIN_LOCKOUT, 'reset', now);
  if (current === next) throw new SiyuError('validation_failed', 'newPassword: must differ from the current password');
  const result = await setPassword(db, user.workspaceId, row.user_id, next, { kind: 'staff', id: row.login }, now,
    sessionId === undefined ? {} : { keepSessionHash: sha256(sessionId) });
  return result.user;
}

/** Housekeeping: ended sessions go, login attempts older than 30 days, and attempt counters a day old whose lock has passed. */
export async function purgeAuthRecords(db: Queryable, now: Date): Promise<{ sessions: number; attempts: number }> {
  const sessions = await db.query(`DELETE FROM sessions WHERE expires_at <= $1 OR absolute_expiry <= $1 RETURNING 1`, [now]);
  const attempts = await db.query(`DELETE FROM login_attempts WHERE at < $1 RETURNING 1`, [new Date(now.getTime() - 30 * 24 * 3600_000)]);
  await purgeThrottles(db, now, 24 * 3600_000);
  return { sessions: sessions.length, attempts: attempts.length };
}
