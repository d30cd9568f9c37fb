import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ensureFirstAdmin, listUsers, login } from '../auth/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { ensureWorkspace } from '../workspaces/index.ts';
import { ensureDemoStaffAccounts, formatDemoAccounts } from './accounts.ts';

const store = await openTestStore();
after(() => store.close());
const now = new Date('2026-11-20T02:00:00Z');

test('the demo\'s staff get sign-ins with printed one-time passwords; a second run makes none', async () => {
  await ensureWorkspace(store.db, { workspaceId: 'demo-a' });
  await ensureFirstAdmin(store.db, 'demo-a', { now });
  const made = await ensureDemoStaffAccounts(store.db, 'demo-a', { now });
  assert.deepEqual(made.map((a) => [a.login, a.staffId, a.created, a.generated]), [
    ['zhangwei', 'zhangwei', true, true], ['lina', 'lina', true, true], ['wangfang', 'wangfang', true, true], ['liuyang', 'liuyang', true, true],
  ]);
  const users = await listUsers(store.db, 'demo-a');
  assert.deepEqual(users.filter((u) => u.role === 'staff').map((u) => [u.login, u.staffId, u.mustChangePassword]), made.map((a) => [a.login, a.staffId, true]));
  const signIn = await login(store.db, { login: 'lina', password: made[1]!.password!, ip: '127.0.0.1', now });
  assert.equal(signIn.user.login, 'lina', 'the printed password signs in');
  const lines = formatDemoAccounts(made);
  assert.match(lines.join('\n'), /李娜 login "lina"  password \S{8,}/);
  const again = await ensureDemoStaffAccounts(store.db, 'demo-a', { now });
  assert.deepEqual(again.map((a) => a.created), [false, false, false, false]);
  assert.deepEqual(formatDemoAccounts(again), []);
});

test('SIYU_DEMO_PASSWORD sets a known password; a second demo workspace gets suffixed logins', async () => {
  await ensureWorkspace(store.db, { workspaceId: 'demo-b' });
  await ensureFirstAdmin(store.db, 'demo-b', { now });
  const made = await ensureDemoStaffAccounts(store.db, 'demo-b', { password: 'fruit-shop-2026', now });
  assert.deepEqual(made.map((a) => a.login), ['zhangwei-demo-b', 'lina-demo-b', 'wangfang-demo-b', 'liuyang-demo-b']);
  assert.ok(made.every((a) => a.password === 'fruit-shop-2026' && !a.generated));
  assert.equal((await login(store.db, { login: 'wangfang-demo-b', password: 'fruit-shop-2026', ip: '127.0.0.1', now })).user.staffId, 'wangfang');
  assert.match(formatDemoAccounts(made)[0]!, /SIYU_DEMO_PASSWORD/);
});
