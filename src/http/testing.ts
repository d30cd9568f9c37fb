/**
 * Calling the API in-process from tests, the way a client would. Every HTTP test goes
 * through here, so authentication is added in one place.
 */
import type { Db } from '../store/db.ts';
import { createApp } from './app.ts';

export interface TestApiOptions {
  now?: () => number;
  workspace?: string;
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
}

export function testApi(db: Db, options: TestApiOptions = {}): TestApi {
  const app = createApp({ db, ...(options.now ? { now: options.now } : {}) });
  const withWorkspace = (path: string) =>
    options.workspace === undefined || /[?&]workspace=/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}workspace=${options.workspace}`;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(withWorkspace(path), init);
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
  };
}
