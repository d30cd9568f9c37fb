/**
 * Who may do what, decided from plain data: roles, token scopes, lockouts, the routes
 * each role may write. No I/O and no clock — `now` comes in as a number.
 */
import type { CustomerScope } from '../shared/scope.ts';

export const ROLES = ['admin', 'operator', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  kind: 'user' | 'token';
  workspaceId: string;
  /** The staff account's login (or the token's name). */
  userId: string;
  role: Role;
  /** The WeCom userid of a staff member: their customers are the ones they own or follow. */
  staffId: string | undefined;
  /** Whether full phone numbers may be shown. */
  seesPhones: boolean;
  /** A token's scopes; a user's role decides instead. */
  scopes?: readonly string[];
}

/** Admins and operators see phone numbers unless configured otherwise; staff do not. */
export const seesPhonesByDefault = (role: Role): boolean => role !== 'staff';

export function scopeOfPrincipal(p: Pick<Principal, 'role' | 'staffId'>): CustomerScope {
  return p.role === 'staff' ? { kind: 'staff', staffId: p.staffId ?? '' } : { kind: 'all' };
}

// ---------------------------------------------------------------- token scopes

/** `resource:read` / `resource:write` (resource = the path segment after /api/v1/), `phones:read`, or `admin`. */
export const TOKEN_SCOPE = /^(admin|[a-z][a-z-]*:(read|write))$/;

export function checkScopes(scopes: readonly string[]): { ok: true } | { ok: false; reason: string } {
  if (scopes.length === 0) return { ok: false, reason: 'a token needs at least one scope (e.g. events:write, customers:read, admin)' };
  const bad = scopes.filter((s) => !TOKEN_SCOPE.test(s));
  if (bad.length > 0) return { ok: false, reason: `scope ${bad.map((s) => `"${s}"`).join(', ')} is not resource:read, resource:write or admin` };
  return { ok: true };
}

/** The scope a token needs for a request: resource from the path, read for GET/HEAD, else write. */
export function requiredScope(method: string, path: string): string | null {
  const m = /^\/api\/v1\/([a-z][a-z-]*)/.exec(path);
  if (!m) return null;
  const read = method === 'GET' || method === 'HEAD' || READING_POSTS.some((r) => r.test(path));
  return `${m[1]}:${read ? 'read' : 'write'}`;
}

/** POSTs that only read (a filter too long for a URL, a count, a dry run). */
const READING_POSTS = [/^\/api\/v1\/analytics\/funnel$/, /^\/api\/v1\/customers\/search$/, /^\/api\/v1\/audiences\/(count|preview)$/, /\/dry-run$/];

/** write implies read; admin implies everything. */
export function hasScope(scopes: readonly string[], needed: string): boolean {
  if (scopes.includes('admin') || scopes.includes(needed)) return true;
  const [resource, access] = needed.split(':');
  return access === 'read' && scopes.includes(`${resource}:write`);
}

/** A token acts as an admin with the admin scope, else as an operator limited by its scopes. */
export const tokenRole = (scopes: readonly string[]): Role => (scopes.includes('admin') ? 'admin' : 'operator');

// ---------------------------------------------------------------- route access by role

interface Rule {
  /** Path prefix (after which comes "/", "?" or the end). */
  prefix: string;
  /** Methods the rule covers: 'write' = every method but GET/HEAD. */
  methods: 'all' | 'write';
  roles: readonly Role[];
  why: string;
}

const MANAGERS: readonly Role[] = ['admin', 'operator'];

/**
 * Route groups only some roles may use. Staff read and write their own customers and
 * tasks (the scope holds them to those); configuration and people are for managers.
 */
export const ACCESS_RULES: readonly Rule[] = [
  { prefix: '/api/v1/users', methods: 'all', roles: ['admin'], why: 'managing users is for admins' },
  { prefix: '/api/v1/tokens', methods: 'all', roles: ['admin'], why: 'managing API tokens is for admins' },
  { prefix: '/api/v1/audit', methods: 'all', roles: ['admin'], why: 'the audit log is for admins' },
  { prefix: '/api/v1/settings', methods: 'all', roles: ['admin'], why: 'workspace settings are for admins' },
  { prefix: '/api/v1/models/config', methods: 'write', roles: MANAGERS, why: 'model configuration is for admins and operators' },
  { prefix: '/api/v1/recompute', methods: 'write', roles: MANAGERS, why: 're-segmenting everyone is for admins and operators' },
  { prefix: '/api/v1/merges', methods: 'write', roles: MANAGERS, why: 'undoing merges is for admins and operators' },
  { prefix: '/api/v1/tags', methods: 'write', roles: MANAGERS, why: 'the tag taxonomy is maintained by admins and operators' },
  { prefix: '/api/v1/rules', methods: 'all', roles: MANAGERS, why: 'automation rules are configured by admins and operators' },
  { prefix: '/api/v1/sops', methods: 'write', roles: MANAGERS, why: 'SOPs are configured by admins and operators' },
  { prefix: '/api/v1/policy', methods: 'write', roles: MANAGERS, why: 'the contact policy is configured by admins and operators' },
  { prefix: '/api/v1/contact-policy', methods: 'write', roles: MANAGERS, why: 'the contact policy is configured by admins and operators' },
  { prefix: '/api/v1/coupons', methods: 'write', roles: MANAGERS, why: 'coupons are defined by admins and operators' },
  { prefix: '/api/v1/custom-fields', methods: 'write', roles: MANAGERS, why: 'custom customer fields are defined by admins and operators' },
  { prefix: '/api/v1/holidays', methods: 'write', roles: MANAGERS, why: 'the workspace calendar is kept by admins and operators' },
  { prefix: '/api/v1/journeys', methods: 'write', roles: MANAGERS, why: 'journeys are configured by admins and operators' },
  { prefix: '/api/v1/materials', methods: 'write', roles: MANAGERS, why: 'the material library is maintained by admins and operators' },
  { prefix: '/api/v1/moments', methods: 'write', roles: MANAGERS, why: 'Moments posts are planned by admins and operators' },
  { prefix: '/api/v1/groups', methods: 'write', roles: MANAGERS, why: 'customer groups are run by admins and operators' },
  // Connection settings, sync, transfers and the raw callback inbox (all customers' data).
  { prefix: '/api/v1/wecom', methods: 'all', roles: MANAGERS, why: 'the WeCom connection is managed by admins and operators' },
  { prefix: '/api/v1/shop', methods: 'all', roles: MANAGERS, why: 'shop sources and deliveries are managed by admins and operators' },
  { prefix: '/api/v1/analytics/costs', methods: 'all', roles: MANAGERS, why: 'acquisition costs are the business\'s figures, for admins and operators' },
  { prefix: '/api/v1/analytics/roi', methods: 'all', roles: MANAGERS, why: 'ROI weighs the business\'s costs, for admins and operators' },
  { prefix: '/api/v1/analytics/churn-reasons', methods: 'write', roles: MANAGERS, why: 'the list of churn reasons is configured by admins and operators' },
  { prefix: '/api/v1/analytics/content-items', methods: 'write', roles: MANAGERS, why: 'the content list is kept by admins and operators' },
  { prefix: '/api/v1/events', methods: 'write', roles: MANAGERS, why: 'sending events is for integrations, admins and operators' },
];

/**
 * Journey stage moves of a customer are a staff member's work on their own customer,
 * not configuration: they stay open to staff (moveStage is given the caller's scope, and
 * a customer outside it is answered as one that does not exist). Exactly this route: a
 * new route under a journey is for managers until it is added here.
 */
const STAFF_WRITES = [/^\/api\/v1\/journeys\/[^/]+\/moves$/];

const matches = (prefix: string, path: string) =>
  path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);

export function routeAccess(role: Role, method: string, path: string): { ok: true } | { ok: false; reason: string } {
  const write = method !== 'GET' && method !== 'HEAD';
  if (write && role === 'staff' && STAFF_WRITES.some((r) => r.test(path))) return { ok: true };
  for (const rule of ACCESS_RULES) {
    if (!matches(rule.prefix, path)) continue;
    if (rule.methods === 'write' && !write) continue;
    if (!rule.roles.includes(role)) return { ok: false, reason: rule.why };
  }
  return { ok: true };
}

// ---------------------------------------------------------------- lockout

export interface LockoutPolicy {
  /** This many failures in a row … */
  maxFailures: number;
  /** … within this window … */
  windowMs: number;
  /** … lock for this long. */
  lockMs: number;
}

export const LOGIN_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** An address trying many logins is slowed down as a whole (password spraying). */
export const IP_LOCKOUT: LockoutPolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * The attempt counter of one login, address or password check. Each attempt is counted
 * *before* the password is verified (a reservation, under a row lock), so guesses sent in
 * parallel are numbered one by one and the (maxFailures + 1)th is refused unverified.
 */
export interface Throttle {
  failures: number;
  windowStartedAt: number;
  lockedUntil: number | null;
}

/**
 * Count one more attempt at `now`. Allowed while it is one of the first `maxFailures` of
 * the window; the one that reaches the limit locks for `lockMs` from now (a success may
 * still lift it, see `afterSuccess`). A window that has passed, with no lock running,
 * starts again; refused attempts count but do not extend the lock.
 */
export function reserveAttempt(state: Throttle | null, now: number, policy: LockoutPolicy): { allowed: boolean; next: Throttle } {
  const expired = state === null
    || (state.lockedUntil !== null ? state.lockedUntil <= now : now - state.windowStartedAt >= policy.windowMs);
  const failures = expired ? 1 : state.failures + 1;
  const windowStartedAt = expired ? now : state.windowStartedAt;
  const lockedUntil = failures === policy.maxFailures ? now + policy.lockMs : expired ? null : state.lockedUntil;
  return { allowed: failures <= policy.maxFailures, next: { failures, windowStartedAt, lockedUntil } };
}

/**
 * A reserved attempt proved the password. A login or a password check starts again from
 * nothing; an address only gets that one attempt back (one user's success there must not
 * wipe out the failures of guesses at other logins).
 */
export function afterSuccess(state: Throttle, policy: LockoutPolicy, kind: 'reset' | 'refund'): Throttle | null {
  if (kind === 'reset') return null;
  const failures = Math.max(0, state.failures - 1);
  return { ...state, failures, lockedUntil: failures < policy.maxFailures ? null : state.lockedUntil };
}

// ---------------------------------------------------------------- passwords

export const MIN_PASSWORD_LENGTH = 10;

export function checkNewPassword(password: string, login: string): { ok: true } | { ok: false; reason: string } {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: `must be at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.toLowerCase().includes(login.toLowerCase())) return { ok: false, reason: 'must not contain the login' };
  if (new Set(password).size < 4) return { ok: false, reason: 'is too repetitive' };
  return { ok: true };
}

export const LOGIN = /^[a-z0-9][a-z0-9._@-]{1,63}$/i;
