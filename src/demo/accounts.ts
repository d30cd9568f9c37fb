/**
 * Sign-in accounts for the demo's staff, so a first start can be tried as the people the
 * demo is about (a staff member sees their own customers, tasks and focus list) and not only
 * as the admin. Login = the staff member's WeCom userid (zhangwei, lina …); the password is
 * SIYU_DEMO_PASSWORD when set, else a one-time password printed once, like the admin's.
 */
import { createUser, listUsers } from '../auth/index.ts';
import type { Db } from '../store/db.ts';
import { STAFF } from './catalogue.ts';

export interface DemoAccount {
  login: string;
  staffId: string;
  name: string;
  /** The password to print: one-time (changed at first sign-in) or the given one; null when the account already existed. */
  password: string | null;
  generated: boolean;
  created: boolean;
}

export async function ensureDemoStaffAccounts(db: Db, ws: string, opts: { password?: string | undefined; now: Date }): Promise<DemoAccount[]> {
  const users = await listUsers(db, ws);
  const out: DemoAccount[] = [];
  for (const s of STAFF) {
    const have = users.find((u) => u.staffId === s.staffId);
    if (have) {
      out.push({ login: have.login, staffId: s.staffId, name: s.name, password: null, generated: false, created: false });
      continue;
    }
    // Logins are unique across workspaces: a second demo workspace gets suffixed ones.
    const taken = (await db.query(`SELECT 1 FROM users WHERE lower(login) = lower($1)`, [s.staffId])).length > 0;
    const login = taken ? `${s.staffId}-${ws}`.slice(0, 64) : s.staffId;
    const r = await createUser(db, ws, {
      login, name: s.name, role: 'staff', staffId: s.staffId, password: opts.password, mustChangePassword: opts.password === undefined,
    }, { kind: 'system', id: 'demo' }, opts.now);
    out.push({ login, staffId: s.staffId, name: s.name, password: opts.password ?? r.password!, generated: opts.password === undefined, created: true });
  }
  return out;
}

/** The lines a command prints about them. */
export function formatDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  const made = accounts.filter((a) => a.created);
  if (made.length === 0) return [];
  return [
    `  demo staff sign-ins (role staff: their own customers and tasks)${made[0]!.generated ? ', one-time passwords (change at first sign-in)' : ', password from SIYU_DEMO_PASSWORD'}:`,
    ...made.map((a) => `    ${a.name} login "${a.login}"${a.generated ? `  password ${a.password}` : ''}`),
  ];
}
