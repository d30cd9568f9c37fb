import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkNewPassword, checkScopes, failuresSinceSuccess, hasScope, lockedUntil, LOGIN_LOCKOUT, requiredScope, routeAccess, scopeOfPrincipal,
  seesPhonesByDefault, type Role,
} from './policy.ts';

const min = 60_000;

test('lockout: 5 failures within 15 minutes lock for 15 minutes from the last', () => {
  const t0 = 1_000_000_000_000;
  const cases: [string, number[], number, number | null][] = [
    ['4 failures: open', [4, 3, 2, 1].map((m) => t0 + m * min), t0 + 5 * min, null],
    ['5 in a row: locked', [5, 4, 3, 2, 1].map((m) => t0 + m * min), t0 + 6 * min, t0 + 20 * min],
    ['5 spread over 20 minutes: open', [20, 15, 10, 5, 0].map((m) => t0 + m * min), t0 + 21 * min, null],
    ['locked, time passed: open again', [5, 4, 3, 2, 1].map((m) => t0 + m * min), t0 + 20 * min, null],
  ];
  for (const [name, failures, now, expected] of cases) assert.equal(lockedUntil(failures, now, LOGIN_LOCKOUT), expected, name);
});

test('only failures since the last success or reset count; refused attempts while locked do not extend the lock', () => {
  assert.deepEqual(failuresSinceSuccess([
    { at: 9, outcome: 'failed' }, { at: 8, outcome: 'blocked' }, { at: 7, outcome: 'failed' }, { at: 6, outcome: 'ok' }, { at: 5, outcome: 'failed' },
  ]), [9, 7]);
  assert.deepEqual(failuresSinceSuccess([{ at: 3, outcome: 'reset' }, { at: 2, outcome: 'failed' }]), []);
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
