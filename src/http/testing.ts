/**
 * Calling the API in-process from tests, the way a client would. Every HTTP test goes
 * through here, so authentication is added in one place: on first use a user with the
 * asked role is created (an admin by default) and signed in with a console session, and
 * writes carry the CSRF header the console would send.
 */
import { randomBytes } from 'node:crypto';
import { createSession, createUser, createToken, type Role } from '../auth/index.ts';
import type { Db } from '../store/db.ts';
import { ensureWorkspace, getWorkspace, DEFAULT_WORKSPACE } from '../workspaces/index.ts';
import { createApp } from './app.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './principal.ts';

export interface TestUser {
  role: Role;
  /** WeCom userid (required for staff). */
  staffId?: string;
  seesPhones?: boolean;
  login?: string;
}

export interface TestApiOptions {
  now?: () => number;
  workspace?: string;
  /** Who calls: a user of this role (default admin), an API token with these scopes, or nobody. */
  as?: TestUser | { token: string[] } | 'anonymous';
  /** The socket address the requests come from (none by default, as in-process). */
  remoteAddress?: string;
}

export interface TestResponse {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

export interface TestApi {
  app: ReturnType<typeof createApp>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  get(path: string): Promise<TestResponse>;
  post(path: string, body?: unknown): Promise<TestResponse>;
  put(path: string, body?: unknown): Promise<TestResponse>;
  patch(path: string, body?: unknown): Promise<TestResponse>;
  delete(path: string): Promise<TestResponse>;
  /** Another caller on the same app. */
  as(who: TestApiOptions['as'], remoteAddress?: string): TestApi;
  /** The login (or token name) the calls are made as, once the first call has signed in. */
  readonly login: Promise<string | undefined>;
}

type Credentials = { headers: Record<string, string>; csrf?: string; login?: string };

async function signIn(db: Db, workspace: string, who: NonNullable<TestApiOptions['as']>, now: Date): Promise<Credentials> {
  if (who === 'anonymous') return { headers: {} };
  if (!(await getWorkspace(db, workspace))) await ensureWorkspace(db, { workspaceId: workspace });
  const suffix = randomBytes(4).toString('hex');
  if ('token' in who) {
    const r = await createToken(db, workspace, { name: `test-${suffix}`, scopes: who.token }, { kind: 'system', id: 'test' }, now);
    return { headers: { authorization: `Bearer ${r.token}` }, login: r.apiToken.name };
  }
  const login = who.login ?? `t-${who.role}${who.staffId ? `-${who.staffId}` : ''}-${suffix}`.slice(0, 64);
  const { user } = await createUser(db, workspace, {
    login, role: who.role, staffId: who.staffId, seesPhones: who.seesPhones, password: `pw-${randomBytes(12).toString('hex')}`,
  }, { kind: 'system', id: 'test' }, now);
  const s = await createSession(db, user, now);
  return { headers: { cookie: `${SESSION_COOKIE}=${s.sessionId}; ${CSRF_COOKIE}=${s.csrfToken}` }, csrf: s.csrfToken, login };
}

function client(db: Db, app: ReturnType<typeof createApp>, options: TestApiOptions): TestApi {
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const clock = () => new Date(options.now?.() ?? Date.now());
  let credentials: Promise<Credentials> | undefined;
  const creds = () => (credentials ??= signIn(db, workspace, options.as ?? { role: 'admin' }, clock()));
  const withWorkspace = (path: string) =>
    options.workspace === undefined || /[?&]workspace=/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}workspace=${options.workspace}`;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const c = await creds();
    const auth: Record<string, string> = { ...c.headers };
    if (c.csrf && !['GET', 'HEAD', 'OPTIONS'].includes(method)) auth[CSRF_HEADER] = c.csrf;
    const init: RequestInit = { method, headers: { ...auth, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const env = options.remoteAddress === undefined ? undefined : { incoming: { socket: { remoteAddress: options.remoteAddress } } };
    const res = await app.request(withWorkspace(path), init, env);
    const text = await res.text();
    let json: unknown = undefined;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, json, text, headers: res.headers };
  }
  return {
    app,
    call,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    put: (p, b) => call('PUT', p, b ?? {}),
    patch: (p, b) => call('PATCH', p, b ?? {}),
    delete: (p) => call('DELETE', p),
    as: (who, remoteAddress = options.remoteAddress) => client(db, app, { ...options, as: who, ...(remoteAddress === undefined ? {} : { remoteAddress }) }),
    get login() { return creds().then((c) => c.login); },
  };
}

export function testApi(db: Db, options: TestApiOptions & { trustedProxies?: string } = {}): TestApi {
  const app = createApp({ db, ...(options.now ? { now: options.now } : {}), ...(options.trustedProxies === undefined ? {} : { trustedProxies: options.trustedProxies }) });
  return client(db, app, options);
}
