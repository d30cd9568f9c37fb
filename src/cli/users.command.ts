/**
 * Staff accounts and API tokens from the command line. The CLI runs on the server with
 * the store's files or credentials, so it acts as the local administrator.
 */
import type { Command } from 'commander';
import {
  createToken, createUser, listTokens, listUsers, revokeToken, setPassword, unlockUser, updateUser, ROLES, type Role, type User,
} from '../auth/index.ts';
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db } from '../store/db.ts';
import type { CliContext } from './context.ts';

const local: Actor = { kind: 'system', id: 'cli' };

const describeUser = (u: User) =>
  `${String(u.userId).padStart(4)}  ${u.login.padEnd(20)} ${u.role.padEnd(8)} ${(u.staffId ?? '-').padEnd(14)} phones:${u.seesPhones ? 'shown ' : 'masked'}` +
  `${u.disabled ? '  DISABLED' : ''}${u.lockedUntil ? `  locked until ${u.lockedUntil}` : ''}${u.mustChangePassword ? '  (must change password)' : ''}`;

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new SiyuError('bad_request', `--role "${value}" is not one of ${ROLES.join(', ')}`);
  return value as Role;
}

export function registerUsersCommands(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('staff accounts: admin (everything), operator (all customers, no user management), staff (their own customers)');
  const inWorkspace = <T>(name: string, cmd: Command, fn: (db: Db, ws: string) => Promise<T>) => {
    const ws = ctx.workspaceOf(cmd);
    return ctx.withStore(name, async (db) => {
      await ctx.ensureWorkspace(db, ws);
      return fn(db, ws);
    });
  };

  users.command('add <login>')
    .description('create an account; a one-time password is printed (to be changed at first sign-in) unless --password is given')
    .requiredOption('--role <role>', 'admin, operator or staff')
    .option('--staff-id <id>', 'WeCom userid (required for staff: they see the customers they own or follow)')
    .option('--name <name>', 'display name')
    .option('--password <password>', 'set this password instead of a one-time one')
    .option('--phones <shown|masked>', 'phone numbers shown or masked (default: shown for admin/operator, masked for staff)')
    .action(async (login: string, opts: { role: string; staffId?: string; name?: string; password?: string; phones?: string }, cmd: Command) => {
      if (opts.phones !== undefined && opts.phones !== 'shown' && opts.phones !== 'masked') throw new SiyuError('bad_request', `--phones "${opts.phones}" is not shown or masked`);
      const r = await inWorkspace('users add', cmd, (db, ws) => createUser(db, ws, {
        login, role: role(opts.role), staffId: opts.staffId, name: opts.name, password: opts.password,
        seesPhones: opts.phones === undefined ? undefined : opts.phones === 'shown',
      }, local, new Date()));
      ctx.out(describeUser(r.user));
      if (r.password) ctx.out(`one-time password: ${r.password}   (shown once; to be changed at first sign-in)`);
    });

  users.command('list').description('accounts of the workspace').option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await inWorkspace('users list', cmd, (db, ws) => listUsers(db, ws));
      if (opts.json) ctx.json(list);
      else ctx.out(list.length === 0 ? '(no users)' : list.map(describeUser).join('\n'));
    });

  users.command('passwd <login>').description('reset a password: a one-time password is printed, to be changed at sign-in')
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      const r = await inWorkspace('users passwd', cmd, (db, ws) => setPassword(db, ws, login, undefined, local, new Date()));
      ctx.out(`one-time password for ${r.user.login}: ${r.password}   (shown once; their sessions have ended)`);
    });

  users.command('disable <login>').description('disable an account (kept for the audit trail; its sessions end)')
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      ctx.out(describeUser(await inWorkspace('users disable', cmd, (db, ws) => updateUser(db, ws, login, { disabled: true }, local, new Date()))));
    });

  users.command('enable <login>').description('enable a disabled account')
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      ctx.out(describeUser(await inWorkspace('users enable', cmd, (db, ws) => updateUser(db, ws, login, { disabled: false }, local, new Date()))));
    });

  users.command('unlock <login>').description('lift a sign-in lockout')
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      ctx.out(describeUser(await inWorkspace('users unlock', cmd, (db, ws) => unlockUser(db, ws, login, local, new Date()))));
    });

  const tokens = program.command('tokens').description('API tokens for integrations (send as "Authorization: Bearer <token>")');
  tokens.command('create <name>')
    .description('create a token; it is printed once')
    .requiredOption('--scopes <list>', 'comma-separated: resource:read / resource:write (e.g. events:write,customers:read), phones:read, or admin')
    .option('--expires <date>', 'expiry (ISO 8601 date or date-time)')
    .action(async (name: string, opts: { scopes: string; expires?: string }, cmd: Command) => {
      const expiresAt = opts.expires === undefined ? undefined : new Date(opts.expires);
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new SiyuError('bad_request', `--expires "${opts.expires}" is not a date`);
      const r = await inWorkspace('tokens create', cmd, (db, ws) => createToken(db, ws, { name, scopes: opts.scopes.split(','), expiresAt }, local, new Date()));
      ctx.out(`token ${r.apiToken.tokenId} "${r.apiToken.name}" scopes ${r.apiToken.scopes.join(',')}`);
      ctx.out(r.token);
      ctx.out('(shown once: store it now)');
    });
  tokens.command('list').description('tokens: prefix, scopes, last use, revoked').option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await inWorkspace('tokens list', cmd, (db, ws) => listTokens(db, ws));
      if (opts.json) return ctx.json(list);
      ctx.out(list.length === 0 ? '(no tokens)' : list.map((t) =>
        `${String(t.tokenId).padStart(4)}  ${t.name.padEnd(20)} ${t.prefix}…  ${t.scopes.join(',')}  last used ${t.lastUsedAt ?? 'never'}` +
        `${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}${t.expiresAt ? `  expires ${t.expiresAt}` : ''}`).join('\n'));
    });
  tokens.command('revoke <id>').description('revoke a token at once')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const n = Number(id);
      if (!Number.isSafeInteger(n) || n <= 0) throw new SiyuError('bad_request', `token id "${id}" is not a positive whole number`);
      const t = await inWorkspace('tokens revoke', cmd, (db, ws) => revokeToken(db, ws, n, local, new Date()));
      ctx.out(`token ${t.tokenId} "${t.name}" revoked at ${t.revokedAt}`);
    });
}

