import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { z } from '@hono/zod-openapi';
import { SiyuError, httpStatusOf } from '../shared/errors.ts';

/** The one error shape of the API. */
export const errorSchema = z
  .object({
    code: z.string().openapi({ example: 'validation_failed' }),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .openapi('Error');

export function errorResponse(c: Context, err: unknown) {
  if (err instanceof SiyuError) {
    // The store is away for a moment (restart, failover): tell clients when to try again.
    if (err.code === 'store_unavailable') c.header('Retry-After', '2');
    return c.json({ code: err.code, message: err.message, details: err.details }, httpStatusOf(err.code) as ContentfulStatusCode);
  }
  // The framework's own refusals (a body the validator cannot read, …) are the client's
  // mistake: answered in the one error shape, not logged as our failure.
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 400 && /json/i.test(err.message) ? 'malformed_json' : err.status === 413 ? 'payload_too_large' : 'bad_request';
    return c.json({ code, message: err.message || 'the request was refused' }, err.status);
  }
  // PostgreSQL's data exceptions (class 22: a number out of range, a date that does not
  // exist, text it cannot store) come from a value of the request that passed validation:
  // the client's to fix, named by the database's own message.
  const sqlState = (err as { code?: unknown } | null)?.code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    return c.json({ code: 'validation_failed', message: `a value of the request cannot be stored or compared: ${(err as Error).message}`, details: { sqlState } }, 422);
  }
  console.error(err);
  return c.json({ code: 'internal_error', message: 'An unexpected error occurred; it has been logged.' }, 500);
}

export const errorResponses = {
  400: { description: 'Bad request', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: errorSchema } } },
  422: { description: 'Validation failed', content: { 'application/json': { schema: errorSchema } } },
} as const;

/** A JSON request body for createRoute (required unless said otherwise). */
export const json = <T extends z.ZodType>(schema: T, required = true) => ({ content: { 'application/json': { schema } }, required });

/** A JSON response for createRoute. */
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** The optional `workspace` query parameter (a signed-in caller works in their own workspace). */
export const workspaceQuery = z.object({ workspace: z.string().optional().openapi({ description: 'Workspace id (default "default"; must be the caller\'s own)' }) });
