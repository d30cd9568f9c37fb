/**
 * The one way the console talks to the API: same-origin fetch with the session cookie,
 * the CSRF header on writes, and one error type carrying the API's {code, message, details}.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

function cookie(name: string): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

const listeners = new Set<() => void>();
/** Called when the API says the session is gone (401), so the shell can show the login page. */
export function onUnauthorized(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Tell the shell the session is gone (also used by the typed client). */
export function notifyUnauthorized(): void { listeners.forEach((fn) => fn()); }

export function url(path: string, query?: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = cookie('siyu_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method, headers, credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: unknown = undefined;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = text; }
  if (!res.ok) {
    const err = (data && typeof data === 'object' ? data : {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && !path.endsWith('/auth/login')) notifyUnauthorized();
    throw new ApiError(res.status, err.code ?? `http_${res.status}`, err.message ?? (typeof data === 'string' && data ? data : res.statusText), err.details);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body?: unknown, query?: Query) => request<T>('PUT', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body?: unknown, query?: Query) => request<T>('PATCH', path, { body: body ?? {}, query }),
  del: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
};

/** For routes other parts of the server may not have yet: null when the route does not exist. */
export async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && /^no route for /.test(e.message)) return null;
    throw e;
  }
}
