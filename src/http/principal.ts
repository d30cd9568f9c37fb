/**
 * Who is calling. Routes ask here for the workspace, the actor to audit and the customer
 * scope to apply, and pass them to the service they call.
 */
import type { Context } from 'hono';
import type { Actor } from '../customers/index.ts';
import { ALL_CUSTOMERS, type CustomerScope } from '../shared/scope.ts';
import { DEFAULT_WORKSPACE } from '../workspaces/index.ts';

export type Role = 'admin' | 'operator' | 'staff';

export interface Principal {
  workspaceId: string;
  /** The staff account's login (or the token's name). */
  userId: string;
  role: Role;
  /** The WeCom userid of a staff member: their customers are the ones they own or follow. */
  staffId: string | undefined;
  /** Whether full phone numbers may be shown. */
  seesPhones: boolean;
}

/** The workspace of the request: the `workspace` query parameter, else the default. */
export function workspaceOf(c: Context): string {
  return c.req.query('workspace') ?? DEFAULT_WORKSPACE;
}

export function actorOf(_c: Context): Actor {
  return { kind: 'api' };
}

export function scopeOf(_c: Context): CustomerScope {
  return ALL_CUSTOMERS;
}
