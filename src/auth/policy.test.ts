import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterSuccess, checkNewPassword, checkScopes, hasScope, IP_LOCKOUT, LOGIN_LOCKOUT, reserveAttempt, requiredScope, routeAccess, scopeOfPrincipal,
  seesPhonesByDefault, type Role, type Throttle,
} from './policy.ts';

const min = 60_000;

/** Reserve attempts at these minutes (from nothing); what each was told and the counter after. */
function attempts(minutes: number[], policy = LOGIN_LOCKOUT) {
  const t0 = 1_000_000_000_000;
  let state: Throttle | null = null;
  const allowed: boolean[] = [];
  for (const m of minutes) {
    const r = reserveAttempt(state, t0 + m * min, policy);
    allowed.push(r.allowed);
    state = r.next;
  }
  return { allowed, state: state!, t0 };
}

test('lockout: each attempt is counted before it is checked; the 5th in 15 minutes locks for 15 minutes, the 6th is refused', () => {
  const cases: [string, number[], boolean[], number | null][] = [
    ['4 attempts: open', [1, 2, 3, 4], [true, true, true, true], null],
    ['5 in a row: the 5th is still checked and locks from then', [1, 2, 3, 4, 5], [true, true, true, true, true], 20],
    ['the 6th, at once (a parallel guess): refused', [1, 1, 1, 1, 1, 1], [true, true, true, true, true, false], 16],
    ['refused attempts do not extend the lock', [1, 2, 3, 4, 5, 6, 19], [true, true, true, true, true, false, false], 20],
    ['the lock passed: counting starts again', [1, 2, 3, 4, 5, 20], [true, true, true, true, true, true], null],
    ['5 spread over 20 minutes: the window started again', [0, 5, 10, 15, 20], [true, true, true, true, true], null],
  ];
  for (const [name, minutes, allowed, lockedAt] of cases) {
    const r = attempts(minutes);
    assert.deepEqual(r.allowed, allowed, name);
    assert.equal(r.state.lockedUntil, lockedAt === null ? null : r.t0 + lockedAt * min, name);
  }
});

test('a success resets a login, but only refunds its own attempt to an address', () => {
  const login = attempts([1, 2, 3, 4, 5]).state;
  assert.equal(afterSuccess(login, LOGIN_LOCKOUT, 'reset'), null);
  const address = attempts(Array.from({ length: 20 }, () => 1), IP_LOCKOUT).state;
  assert.ok(address.lockedUntil !== null);
  const refunded = afterSuccess(address, IP_LOCKOUT, 'refund')!;
  assert.deepEqual([refunded.failures, refunded.lockedUntil], [19, null]);
  // 19 failures, a success, one more failure: the address is locked (it used to start again).
  const next = reserveAttempt(refunded, address.windowStartedAt + 2 * min, IP_LOCKOUT);
  assert.deepEqual([next.allowed, next.next.failures, next.next.lockedUntil !== null], [true, 20, true]);
  assert.equal(reserveAttempt(next.next, address.windowStartedAt + 3 * min, IP_LOCKOUT).allowed, false);
});

test('token scopes: write implies read, admin implies everything; the scope follows the path', () => {
  const cases: [string[], string, boolean][] = [
    [['events:write'], 'events:write', true],
    [['events:write'], 'events:read', true],
    [['customers:read'], 'customers:write', false],
    [['customers:read'], 'events:write', false],
    [['admin'], 'users:write', true],
  ];
  for (const [scopes, needed, expected] of cases) assert.equal(hasScope(scopes, needed), expected, `${scopes} ${needed}`);
  assert.equal(requiredScope('POST', '/api/v1/events'), 'events:write');
  assert.equal(requiredScope('GET', '/api/v1/customers/12'), 'customers:read');
  assert.equal(requiredScope('GET', '/healthz'), null);
  assert.equal(requiredScope('POST', '/api/v1/customers/search'), 'customers:read');
  assert.equal(requiredScope('POST', '/api/v1/audiences/count'), 'audiences:read');
  assert.deepEqual(checkScopes(['events:write', 'admin']), { ok: true });
  assert.equal(checkScopes([]).ok, false);
  assert.match((checkScopes(['everything']) as { reason: string }).reason, /"everything"/);
});

test('route access by role', () => {
  const cases: [Role, string, string, boolean][] = [
    ['admin', 'POST', '/api/v1/users', true],
    ['operator', 'GET', '/api/v1/users', false],
    ['operator', 'POST', '/api/v1/tokens', false],
    ['operator', 'PUT', '/api/v1/models/config', true],
    ['staff', 'PUT', '/api/v1/models/config', false],
    ['staff', 'GET', '/api/v1/models/config', true],
    ['staff', 'POST', '/api/v1/rules', false],
    ['staff', 'POST', '/api/v1/tags/categories', false],
    ['staff', 'POST', '/api/v1/customers/12/tags', true],
    ['staff', 'GET', '/api/v1/customers/12', true],
    ['staff', 'POST', '/api/v1/recompute', false],
    ['staff', 'PATCH', '/api/v1/tasks/3', true],
    ['staff', 'POST', '/api/v1/journeys/1/moves', true],
    ['staff', 'POST', '/api/v1/journeys/1/customers', false],
    ['staff', 'POST', '/api/v1/journeys/1/moves/undo', false],
    ['staff', 'POST', '/api/v1/journeys', false],
    ['operator', 'GET', '/api/v1/userstats', true],
  ];
  for (const [role, method, path, expected] of cases) assert.equal(routeAccess(role, method, path).ok, expected, `${role} ${method} ${path}`);
});

test('roles: phones shown by default to admins and operators; staff are scoped to their own customers', () => {
  assert.deepEqual([seesPhonesByDefault('admin'), seesPhonesByDefault('operator'), seesPhonesByDefault('staff')], [true, true, false]);
  assert.deepEqual(scopeOfPrincipal({ role: 'staff', staffId: 'zhangsan' }), { kind: 'staff', staffId: 'zhangsan' });
  assert.deepEqual(scopeOfPrincipal({ role: 'operator', staffId: undefined }), { kind: 'all' });
});

test('new passwords: long enough, not the login, not repetitive', () => {
  assert.deepEqual(checkNewPassword('correct horse battery', 'zhangsan'), { ok: true });
  assert.match((checkNewPassword('short', 'x') as { reason: string }).reason, /at least 10/);
  assert.match((checkNewPassword('zhangsan-2026', 'zhangsan') as { reason: string }).reason, /login/);
  assert.match((checkNewPassword('aaaaaaaaaaaa', 'x') as { reason: string }).reason, /repetitive/);
});
