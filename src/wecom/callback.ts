/**
 * The callback door (spec §1.5, §1.6): verify the signature, decrypt, check the corp id,
 * parse — then store the decrypted message in the durable inbox and answer at once.
 * A refused callback is logged with its WeCom code and changes nothing else.
 */
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { CRYPTO_ERRORS, decryptMessage, verifySignature, WecomCryptoError } from './crypto.ts';
import { getWecomConfig, type WecomConfig } from './config.ts';
import { interpretCallback } from './mapping.ts';
import { parseWecomXml } from './xml.ts';

export interface CallbackQuery {
  msg_signature?: string | undefined;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  echostr?: string | undefined;
}

export type CallbackOutcome =
  | { ok: true; body: string; inboxId?: number; duplicate?: boolean }
  | { ok: false; wecomCode: number; reason: string };

type Listener = (workspaceId: string) => void;
const listeners = new Set<Listener>();

/** The inbox worker subscribes here to start as soon as a callback is stored. */
export function onInboxStored(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function reject(db: Queryable, workspaceId: string, method: string, wecomCode: number, reason: string): Promise<CallbackOutcome> {
  console.warn(`[wecom ${workspaceId}] ${method} callback refused (${wecomCode}): ${reason}`);
  await db.query(
    `INSERT INTO wecom_callback_rejects (workspace_id, method, wecom_code, reason) SELECT $1, $2, $3, $4
     WHERE EXISTS (SELECT 1 FROM workspaces WHERE workspace_id = $1)`,
    [workspaceId, method, wecomCode, reason.slice(0, 500)],
  );
  return { ok: false, wecomCode, reason };
}

async function configOf(db: Queryable, workspaceId: string): Promise<WecomConfig> {
  const config = await getWecomConfig(db, workspaceId);
  if (!config) throw new SiyuError('not_found', `WeCom callbacks are not configured for workspace "${workspaceId}"`);
  return config;
}

function checkParams(q: CallbackQuery, encrypt: string | undefined, config: WecomConfig): string {
  if (!q.msg_signature || !q.timestamp || !q.nonce) {
    throw new WecomCryptoError(CRYPTO_ERRORS.signature, 'msg_signature, timestamp and nonce are all required');
  }
  if (!encrypt) throw new WecomCryptoError(CRYPTO_ERRORS.parse, 'no ciphertext (echostr / Encrypt) in the request');
  if (!verifySignature(config.token, q.timestamp, q.nonce, encrypt, q.msg_signature)) {
    throw new WecomCryptoError(CRYPTO_ERRORS.signature, 'the msg_signature does not match');
  }
  return decryptMessage(config.aesKey, encrypt, config.corpId).message;
}

/** GET: URL verification. The answer is the decrypted echostr, nothing else. */
export async function verifyCallbackUrl(db: Queryable, workspaceId: string, q: CallbackQuery): Promise<CallbackOutcome> {
  const config = await configOf(db, workspaceId);
  try {
    return { ok: true, body: checkParams(q, q.echostr, config) };
  } catch (err) {
    if (err instanceof WecomCryptoError) return reject(db, workspaceId, 'GET', err.wecomCode, err.message);
    throw err;
  }
}

/** POST: an event. Verified and stored (once per dedupe key) before the answer goes out. */
export async function receiveCallback(db: Queryable, workspaceId: string, q: CallbackQuery, body: string): Promise<CallbackOutcome> {
  const config = await configOf(db, workspaceId);
  let plain: string;
  let message: ReturnType<typeof interpretCallback>;
  try {
    const envelope = parseWecomXml(body);
    plain = checkParams(q, envelope.fields.Encrypt, config);
    message = interpretCallback(parseWecomXml(plain));
  } catch (err) {
    if (err instanceof WecomCryptoError) return reject(db, workspaceId, 'POST', err.wecomCode, err.message);
    throw err;
  }
  const [row] = await db.query<{ inbox_id: number; inserted: boolean }>(
    `INSERT INTO wecom_inbox (workspace_id, dedupe_key, event, change_type, xml, status)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, dedupe_key) DO UPDATE SET duplicates = wecom_inbox.duplicates + 1
     RETURNING inbox_id, (xmax = 0) AS inserted`,
    [workspaceId, message.dedupeKey, message.event, message.changeType, plain, message.change.kind === 'ignored' ? 'ignored' : 'pending'],
  );
  if (row!.inserted) for (const l of listeners) l(workspaceId);
  return { ok: true, body: 'success', inboxId: row!.inbox_id, duplicate: !row!.inserted };
}

export interface InboxEntry {
  inboxId: number;
  event: string;
  changeType: string;
  status: string;
  attempts: number;
  duplicates: number;
  receivedAt: string;
  processedAt: string | null;
  result: unknown;
  error: string | null;
}

/** Recent callbacks and refusals, newest first. */
export async function listInbox(db: Queryable, workspaceId: string, limit = 50): Promise<{ callbacks: InboxEntry[]; rejected: { at: string; method: string; wecomCode: number; reason: string }[] }> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT inbox_id, event, change_type, status, attempts, duplicates, received_at, processed_at, result, error
     FROM wecom_inbox WHERE workspace_id = $1 ORDER BY inbox_id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  const rejects = await db.query<{ at: Date; method: string; wecom_code: number; reason: string }>(
    `SELECT at, method, wecom_code, reason FROM wecom_callback_rejects WHERE workspace_id = $1 ORDER BY reject_id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
  return {
    callbacks: rows.map((r) => ({
      inboxId: Number(r.inbox_id), event: r.event as string, changeType: r.change_type as string, status: r.status as string,
      attempts: r.attempts as number, duplicates: r.duplicates as number, receivedAt: iso(r.received_at)!, processedAt: iso(r.processed_at),
      result: r.result ?? null, error: (r.error as string | null) ?? null,
    })),
    rejected: rejects.map((r) => ({ at: iso(r.at)!, method: r.method, wecomCode: r.wecom_code, reason: r.reason })),
  };
}
