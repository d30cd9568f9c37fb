/**
 * API tokens for integrations: scoped, revocable, stored as SHA-256 digests. The token
 * itself is shown once, at creation; lists show its first characters.
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { checkScopes, tokenRole, type Principal } from './policy.ts';
import { randomSecret, sha256 } from './secrets.ts';

export const TOKEN_PREFIX = 'siyu_';
const LAST_USED_EVERY_MS = 60_000;

export interface ApiToken {
  tokenId: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  workspace_id: string; token_id: number; name: string; prefix: string; scopes: string[]; created_by: string | null;
  created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
const toToken = (r: TokenRow): ApiToken => ({
  tokenId: Number(r.token_id), name: r.name, prefix: r.prefix, scopes: r.scopes, createdBy: r.created_by,
  createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at), expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at),
});

export async function createToken(
  db: Db, workspaceId: string, input: { name: string; scopes: string[]; expiresAt?: Date | undefined }, actor: Actor, now: Date,
): Promise<{ token: string; apiToken: ApiToken }> {
  const name = input.name.trim();
  if (!/^[\w.@-][\w .@-]{0,63}$/u.test(name)) throw new SiyuError('validation_failed', `name: "${input.name}" must be 1–64 letters, digits, spaces, . _ @ or -`);
  const scopes = [...new Set(input.scopes.map((s) => s.trim()).filter((s) => s !== ''))];
  const ok = checkScopes(scopes);
  if (!ok.ok) throw new SiyuError('validation_failed', `scopes: ${ok.reason}`);
  if (input.expiresAt !== undefined && input.expiresAt.getTime() <= now.getTime()) throw new SiyuError('validation_failed', 'expiresAt: must be in the future');
  const token = `${TOKEN_PREFIX}${randomSecret(32)}`;
  return db.transaction(async (tx) => {
    const [taken] = await tx.query(`SELECT 1 FROM api_tokens WHERE workspace_id = $1 AND name = $2 AND revoked_at IS NULL`, [workspaceId, name]);
    if (taken) throw new SiyuError('conflict', `a live token named "${name}" exists; revoke it first or choose another name`);
    const [row] = await tx.query<TokenRow>(
      `INSERT INTO api_tokens (workspace_id, name, prefix, token_hash, scopes, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING *`,
      [workspaceId, name, token.slice(0, TOKEN_PREFIX.length + 6), sha256(token), scopes, actor.id ?? actor.kind, now, input.expiresAt ?? null],
    );
    const apiToken = toToken(row!);
    await audit(tx, workspaceId, actor, 'auth.token_created', null, { tokenId: apiToken.tokenId, name, scopes });
    return { token, apiToken };
  });
}

export async function listTokens(q: Queryable, workspaceId: string): Promise<ApiToken[]> {
  return (await q.query<TokenRow>(`SELECT * FROM api_tokens WHERE workspace_id = $1 ORDER BY token_id`, [workspaceId])).map(toToken);
}

export async function revokeToken(db: Db, workspaceId: string, tokenId: number, actor: Actor, now: Date): Promise<ApiToken> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<TokenRow>(
      `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE workspace_id = $1 AND token_id = $2 RETURNING *`,
      [workspaceId, tokenId, now],
    );
    if (!row) throw new SiyuError('not_found', `token ${tokenId} does not exist in workspace "${workspaceId}"`);
    await audit(tx, workspaceId, actor, 'auth.token_revoked', null, { tokenId, name: row.name });
    return toToken(row);
  });
}

/** The principal of a bearer token; null when unknown, revoked or expired. */
export async function tokenPrincipal(q: Queryable, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await q.query<TokenRow>(`SELECT * FROM api_tokens WHERE token_hash = $1`, [sha256(token)]);
  if (!row || row.revoked_at !== null) return null;
  if (row.expires_at !== null && new Date(row.expires_at).getTime() <= now.getTime()) return null;
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_EVERY_MS) {
    await q.query(`UPDATE api_tokens SET last_used_at = $3 WHERE workspace_id = $1 AND token_id = $2`, [row.workspace_id, row.token_id, now]);
  }
  const role = tokenRole(row.scopes);
  return {
    kind: 'token', workspaceId: row.workspace_id, userId: row.name, role, staffId: undefined,
    seesPhones: role === 'admin' || row.scopes.includes('phones:read'), scopes: row.scopes,
  };
}
