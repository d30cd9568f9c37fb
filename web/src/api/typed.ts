/**
 * The typed API client, generated from the server's OpenAPI document (schema.d.ts, written by
 * `npm run gen:api`): paths, parameters and answers are checked by the console's typecheck, so
 * a changed response shape fails the build instead of blanking a screen.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError, notifyUnauthorized } from './client.ts';

export type Schemas = components['schemas'];
export type { paths };

function cookie(name: string): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

export const client = createClient<paths>({ baseUrl: typeof location === 'undefined' ? '' : location.origin, credentials: 'same-origin' });
client.use({
  onRequest({ request }) {
    if (request.method !== 'GET') {
      const csrf = cookie('siyu_csrf');
      if (csrf) request.headers.set('x-csrf-token', csrf);
      // The API takes JSON on every write; a write without a body (enable, unlock, sign out) says so too.
      if (!request.headers.has('content-type')) request.headers.set('content-type', 'application/json');
    }
    return request;
  },
  // The server could not be reached at all: the same error as any other, so screens say so in words.
  onError({ error }) {
    return error instanceof Error && error.name === 'AbortError' ? error : new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  },
});

/** The answer of a typed call, or the API's {code, message, details} as an ApiError. */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.response.ok) return r.data as T;
  const err = (r.error && typeof r.error === 'object' ? r.error : {}) as { code?: string; message?: string; details?: unknown };
  if (r.response.status === 401 && !r.response.url.endsWith('/auth/login')) notifyUnauthorized();
  throw new ApiError(r.response.status, err.code ?? `http_${r.response.status}`, err.message ?? r.response.statusText, err.details);
}

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer Rs } ? (Rs extends { 200: infer R } ? JsonOf<R> : Rs extends { 201: infer R } ? JsonOf<R> : never) : never;

/** The JSON a route answers on success (200, else 201), as the server declares it. */
export type Answer<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete' = 'get'> = Ok<paths[P][M]>;
