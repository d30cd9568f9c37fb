/**
 * What every API call shares: the one error type carrying the API's {code, message, details},
 * and the shell's "session gone" signal. The calls themselves go through the typed client
 * (typed.ts), generated from the server's OpenAPI document.
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

const listeners = new Set<() => void>();
/** Called when the API says the session is gone (401), so the shell can show the login page. */
export function onUnauthorized(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Tell the shell the session is gone (also used by the typed client). */
export function notifyUnauthorized(): void { listeners.forEach((fn) => fn()); }

/** For routes other parts of the server may not have yet: null when the route does not exist. */
export async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && /^no route for /.test(e.message)) return null;
    throw e;
  }
}
