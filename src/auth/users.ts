/**
 * Staff accounts: who they are, their role, and whether they may see phone numbers.
 * Every change is audited; the last working admin cannot be removed or demoted.
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { clearLoginThrottles } from './lockout.ts';
import { LOGIN, ROLES, checkNewPassword, seesPhonesByDefault, type Role } from './policy.ts';
import { generatePassword, hashPassword } from './secrets.ts';

export interface User {
  userId: number;
  workspaceId: string;
  login: string;
  name: string;
  role: Role;
  staffId: string | null;
  seesPhones: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserRow {
  workspace_id: string; user_id: number; login: string; name: string; role: Role; staff_id: string | null;
  sees_phones: boolean; password_hash: string; must_change_password: boolean; disabled_at: Date | null;
  failed_attempts: number; locked_until: Date | null; last_login_at: Date | null; created_at: Date;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function toUser(r: UserRow): User {
  return {
    userId: Number(r.user_id), workspaceId: r.workspace_id, login: r.login, name: r.name, role: r.role, staffId: r.staff_id,
    seesPhones: r.sees_phones, mustChangePassword: r.must_change_password, disabled: r.disabled_at !== null,
    failedAttempts: r.failed_attempts, lockedUntil: iso(r.locked_until), lastLoginAt: iso(r.last_login_at), createdAt: iso(r.created_at)!,
  };
}

export async function userRowByLogin(q: Queryable, login: string): Promise<UserRow | undefined> {
  const [row] = await q.query<UserRow>(`SELECT * FROM users WHERE lower(login) = lower($1)`, [login]);
  return row;
}

/** A user of the workspace by login or numeric id. */
export async function userRow(q: Queryable, workspaceId: string, ref: string | number): Promise<UserRow> {
  const byId = typeof ref === 'number' || /^\d+$/.test(ref);
  const [row] = await q.query<UserRow>(
    byId ? `SELECT * FROM users WHERE workspace_id = $1 AND user_id = $2::bigint` : `SELECT * FROM users WHERE workspace_id = $1 AND lower(login) = lower($2::text)`,
    [workspaceId, String(ref)],
  );
  if (!row) throw new SiyuError('not_found', `user "${ref}" does not exist in workspace "${workspaceId}"`);
  return row;
}

export interface NewUser {
  login: string;
  name?: string | undefined;
  role: Role;
  staffId?: string | null | undefined;
  seesPhones?: boolean | undefined;
  /** Omitted: a one-time password is generated and must be changed at first login. */
  password?: string | undefined;
  mustChangePassword?: boolean | undefined;
}

function checkRoleFields(role: string, staffId: string | null | undefined): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new SiyuError('validation_failed', `role: "${role}" is not one of ${ROLES.join(', ')}`);
  if (role === 'staff' && !staffId) throw new SiyuError('validation_failed', 'staffId: a staff account needs the WeCom userid of the staff member (their customers are the ones they own or follow)');
}

export async function createUser(db: Db, workspaceId: string, input: NewUser, actor: Actor, now: Date): Promise<{ user: User; password: string | undefined }> {
  if (!LOGIN.test(input.login)) throw new SiyuError('validation_failed', `login: "${input.login}" must be 2–64 letters, digits, . _ @ or -`);
  checkRoleFields(input.role, input.staffId);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  if (input.password !== undefined) {
    const ok = checkNewPassword(password, input.login);
    if (!ok.ok) throw new SiyuError('validation_failed', `password: ${ok.reason}`);
  }
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await userRowByLogin(tx, input.login)) throw new SiyuError('conflict', `login "${input.login}" is taken`);
    const [row] = await tx.query<UserRow>(
      `INSERT INTO users (workspace_id, login, name, role, staff_id, sees_phones, password_hash, must_change_password, created_at, password_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
      [workspaceId, input.login, input.name ?? input.login, input.role, input.staffId ?? null,
        input.seesPhones ?? seesPhonesByDefault(input.role), passwordHash, input.mustChangePassword ?? generated !== undefined, now],
    );
    const user = toUser(row!);
    await audit(tx, workspaceId, actor, 'auth.user_created', null, { login: user.login, role: user.role, staffId: user.staffId, seesPhones: user.seesPhones });
    return { user, password: generated };
  });
}

export async function listUsers(q: Queryable, workspaceId: string): Promise<User[]> {
  return (await q.query<UserRow>(`SELECT * FROM users WHERE workspace_id = $1 ORDER BY user_id`, [workspaceId])).map(toUser);
}

export async function getUser(q: Queryable, workspaceId: string, ref: string | number): Promise<User> {
  return toUser(await userRow(q, workspaceId, ref));
}

/** Refuse a change that would leave the workspace without an enabled admin. */
async function keepAnAdmin(tx: Queryable, workspaceId: string, userId: number, what: string): Promise<void> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE workspace_id = $1 AND role = 'admin' AND disabled_at IS NULL AND user_id <> $2::bigint`,
    [workspaceId, userId],
  );
  if (row!.n === 0) throw new SiyuError('conflict', `cannot ${what}: it is the last enabled admin of workspace "${workspaceId}"`);
}

export interface UserPatch {
  name?: string | undefined;
  role?: Role | undefined;
  staffId?: string | null | undefined;
  seesPhones?: boolean | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(db: Db, workspaceId: string, ref: string | number, patch: UserPatch, actor: Actor, now: Date): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await userRow(tx, workspaceId, ref);
    const role = patch.role ?? before.role;
    const staffId = patch.staffId === undefined ? before.staff_id : patch.staffId;
    checkRoleFields(role, staffId);
    const demoted = before.role === 'admin' && role !== 'admin';
    const disabling = patch.disabled === true && before.disabled_at === null;
    if (before.role === 'admin' && before.disabled_at === null && (demoted || disabling)) await keepAnAdmin(tx, workspaceId, before.user_id, disabling ? `disable "${before.login}"` : `change the role of "${before.login}"`);
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET name = $3, role = $4, staff_id = $5, sees_phones = $6,
              disabled_at = CASE WHEN $7::boolean IS NULL THEN disabled_at WHEN $7::boolean THEN COALESCE(disabled_at, $8::timestamptz) ELSE NULL END
       WHERE workspace_id = $1 AND user_id = $2 RETURNING *`,
      [workspaceId, before.user_id, patch.name ?? before.name, role, staffId,
        patch.seesPhones ?? (patch.role !== undefined && patch.role !== before.role ? seesPhonesByDefault(role) : before.sees_phones),
        patch.disabled ?? null, now],
    );
    // A disabled account, or one whose powers changed, signs in again.
    if (disabling || role !== before.role || staffId !== before.staff_id) {
      await tx.query(`DELETE FROM sessions WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, before.user_id]);
    }
    const user = toUser(row!);
    await audit(tx, workspaceId, actor, disabling ? 'auth.user_disabled' : 'auth.user_updated', null, { login: user.login, changes: patch });
    return user;
  });
}

export const disableUser = (db: Db, workspaceId: string, ref: string | number, actor: Actor, now: Date) =>
  updateUser(db, workspaceId, ref, { disabled: true }, actor, now);

/**
 * Set a password (an administrator's reset, or the user's own change). Without a password
 * a one-time one is generated and must be changed at the next login. Other sessions end.
 */
export async function setPassword(
  db: Db, workspaceId: string, ref: string | number, password: string | undefined, actor: Actor, now: Date,
  opts: { keepSessionHash?: string } = {},
): Promise<{ user: User; password: string | undefined }> {
  const generated = password === undefined ? generatePassword() : undefined;
  const before = await userRow(db, workspaceId, ref);
  if (password !== undefined) {
    const ok = checkNewPassword(password, before.login);
    if (!ok.ok) throw new SiyuError('validation_failed', `password: ${ok.reason}`);
  }
  const passwordHash = await hashPassword(password ?? generated!);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET password_hash = $3, must_change_password = $4, password_changed_at = $5, failed_attempts = 0, locked_until = NULL
       WHERE workspace_id = $1 AND user_id = $2 RETURNING *`,
      [workspaceId, before.user_id, passwordHash, generated !== undefined, now],
    );
    await clearLoginThrottles(tx, workspaceId, before.login);
    await tx.query(
      `DELETE FROM sessions WHERE workspace_id = $1 AND user_id = $2 AND session_hash <> $3::text`,
      [workspaceId, before.user_id, opts.keepSessionHash ?? ''],
    );
    await audit(tx, workspaceId, actor, 'auth.password_changed', null, { login: before.login, reset: generated !== undefined });
    return { user: toUser(row!), password: generated };
  });
}

/** Lift a lockout by hand: the counters start again (the attempt log records the reset). */
export async function unlockUser(db: Db, workspaceId: string, ref: string | number, actor: Actor, now: Date): Promise<User> {
  return db.transaction(async (tx) => {
    const row = await userRow(tx, workspaceId, ref);
    await tx.query(`INSERT INTO login_attempts (workspace_id, login, ip, at, outcome) VALUES ($1, $2, '', $3, 'reset')`, [workspaceId, row.login, now]);
    await clearLoginThrottles(tx, workspaceId, row.login);
    const [updated] = await tx.query<UserRow>(
      `UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE workspace_id = $1 AND user_id = $2 RETURNING *`, [workspaceId, row.user_id]);
    await audit(tx, workspaceId, actor, 'auth.user_unlocked', null, { login: row.login });
    return toUser(updated!);
  });
}

/**
 * First start: a workspace without users gets an admin `admin`, with the password from
 * SIYU_ADMIN_PASSWORD or a one-time one to print (changed at first login either way).
 */
export async function ensureFirstAdmin(db: Db, workspaceId: string, opts: { password?: string | undefined; now: Date }): Promise<{ created: false } | { created: true; login: string; password: string; generated: boolean }> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE workspace_id = $1`, [workspaceId]);
  if (row!.n > 0) return { created: false };
  const login = (await userRowByLogin(db, 'admin')) ? `admin-${workspaceId}` : 'admin';
  const r = await createUser(db, workspaceId, { login, name: '管理员 Administrator', role: 'admin', password: opts.password, mustChangePassword: opts.password === undefined },
    { kind: 'system', id: 'first-start' }, opts.now);
  return { created: true, login, password: opts.password ?? r.password!, generated: opts.password === undefined };
}
