/**
 * Per-workspace WeCom configuration: corp id, callback token, EncodingAESKey, the
 * customer-contact secret (all three sealed at rest) and the API base URL.
 */
import { z } from 'zod';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { decodeAesKey, WecomCryptoError } from './crypto.ts';
import { createWecomClient, DEFAULT_API_BASE, type ClientOptions, type WecomClient } from './client.ts';
import { mask, seal, unseal } from './secrets.ts';

export const wecomConfigSchema = z.object({
  corpId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or -'),
  token: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9]+$/, 'letters and digits, at most 32'),
  aesKey: z.string().trim().length(43, 'the EncodingAESKey has exactly 43 characters'),
  secret: z.string().trim().min(1).max(256),
  apiBase: z.string().url().optional(),
  welcomeMessage: z.string().max(1300).optional().describe('sent to every new contact through its WelcomeCode; {name} = the contact'),
}).meta({ id: 'WecomConfigInput' });

export type WecomConfigInput = z.input<typeof wecomConfigSchema>;

export interface WecomConfig {
  workspaceId: string;
  corpId: string;
  token: string;
  aesKey: string;
  secret: string;
  apiBase: string;
  welcomeMessage: string | null;
}

/** The configuration as shown: the same fields, secrets masked, and where callbacks go. */
export interface WecomConfigView extends WecomConfig {
  callbackPath: string;
  updatedAt: string;
}

export async function setWecomConfig(db: Queryable, workspaceId: string, input: WecomConfigInput): Promise<WecomConfigView> {
  const parsed = wecomConfigSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new SiyuError('validation_failed', `${i.path.join('.') || 'config'}: ${i.message}`);
  }
  const c = parsed.data;
  try {
    decodeAesKey(c.aesKey);
  } catch (err) {
    if (err instanceof WecomCryptoError) throw new SiyuError('validation_failed', `aesKey: ${err.message}`);
    throw err;
  }
  await requireWorkspace(db, workspaceId);
  await db.query(
    `INSERT INTO wecom_config (workspace_id, corp_id, token_sealed, aes_key_sealed, secret_sealed, api_base, welcome_text, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (workspace_id) DO UPDATE SET corp_id = excluded.corp_id, token_sealed = excluded.token_sealed,
       aes_key_sealed = excluded.aes_key_sealed, secret_sealed = excluded.secret_sealed, api_base = excluded.api_base,
       welcome_text = excluded.welcome_text, updated_at = now()`,
    [workspaceId, c.corpId, seal(workspaceId, 'token', c.token), seal(workspaceId, 'aes_key', c.aesKey), seal(workspaceId, 'secret', c.secret), c.apiBase ?? null, c.welcomeMessage?.trim() || null],
  );
  return (await showWecomConfig(db, workspaceId))!;
}

export async function getWecomConfig(db: Queryable, workspaceId: string): Promise<WecomConfig | undefined> {
  const [r] = await db.query<{ corp_id: string; token_sealed: string; aes_key_sealed: string; secret_sealed: string; api_base: string | null; welcome_text: string | null }>(
    `SELECT corp_id, token_sealed, aes_key_sealed, secret_sealed, api_base, welcome_text FROM wecom_config WHERE workspace_id = $1`,
    [workspaceId],
  );
  if (!r) return undefined;
  return {
    workspaceId, corpId: r.corp_id, token: unseal(workspaceId, 'token', r.token_sealed), aesKey: unseal(workspaceId, 'aes_key', r.aes_key_sealed), secret: unseal(workspaceId, 'secret', r.secret_sealed),
    apiBase: r.api_base ?? DEFAULT_API_BASE, welcomeMessage: r.welcome_text,
  };
}

export async function requireWecomConfig(db: Queryable, workspaceId: string): Promise<WecomConfig> {
  const c = await getWecomConfig(db, workspaceId);
  if (!c) {
    throw new SiyuError('conflict', `WeCom is not configured for workspace "${workspaceId}": run "siyu wecom config --corp-id … --token … --aes-key … --secret …" or PUT /api/v1/wecom/config`);
  }
  return c;
}

/** The configuration with its secrets masked, for people. */
export async function showWecomConfig(db: Queryable, workspaceId: string): Promise<WecomConfigView | undefined> {
  const c = await getWecomConfig(db, workspaceId);
  if (!c) return undefined;
  const [r] = await db.query<{ updated_at: Date }>(`SELECT updated_at FROM wecom_config WHERE workspace_id = $1`, [workspaceId]);
  return {
    workspaceId, corpId: c.corpId, token: mask(c.token), aesKey: mask(c.aesKey), secret: mask(c.secret), apiBase: c.apiBase,
    welcomeMessage: c.welcomeMessage, callbackPath: `/api/v1/wecom/callback/${workspaceId}`, updatedAt: new Date(r!.updated_at).toISOString(),
  };
}

/** How API clients are made; tests swap in their own (clock, sleep, time limits). */
export type ClientFactory = (config: WecomConfig) => WecomClient;

export const defaultClientFactory = (extra: Partial<ClientOptions> = {}): ClientFactory => (config) =>
  createWecomClient({ corpId: config.corpId, secret: config.secret, apiBase: config.apiBase, ...extra });
