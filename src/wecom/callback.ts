/**
 * The callback door (spec §1.5, §1.6): verify the signature, decrypt, check the corp id,
 * parse — then store the decrypted message in the durable inbox and answer at once.
 * A refused callback is counted (per minute, with its WeCom code) and changes nothing else;
 * the first refusal of a minute is logged. The timestamp must be within 5 minutes of the
 * server clock, which bounds replays of a captured request.
 */
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { countRefusal, recentRefusals } from '../store/refusals.ts';
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

/** Who sent a callback and when it arrived. */
export interface CallbackContext {
  now?: number;
  /** The sender's address, for the refusal counts. */
  address?: string;
}

/** How far a callback's timestamp may be from the server clock. */
export const CALLBACK_TOLERANCE_SECONDS = 300;

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

async function reject(db: Queryable, workspaceId: string, method: string, wecomCode: number, reason: string, ctx: CallbackContext): Promise<CallbackOutcome> {
  const first = await countRefusal(db, {
    workspaceId, channel: 'wecom', source: method, code: String(wecomCode), reason, address: ctx.address ?? '', at: ctx.now ?? Date.now(),
  });
  if (first) console.warn(`[wecom ${workspaceId}] ${method} callback refused (${wecomCode}): ${reason}${ctx.address ? ` from ${ctx.address}` : ''} (further refusals this minute are only counted)`);
  return { ok: false, wecomCode, reason };
}

async function configOf(db: Queryable, workspaceId: string): Promise<WecomConfig> {
  const config = await getWecomConfig(db, workspaceId);
  if (!config) throw new SiyuError('not_found', `WeCom callbacks are not configured for workspace "${workspaceId}"`);
  return config;
}

function checkParams(q: CallbackQuery, encrypt: string | undefined, config: WecomConfig, now: number): string {
  if (!q.msg_signature || !q.timestamp || !q.nonce) {
    throw new WecomCryptoError(CRYPTO_ERRORS.signature, 'msg_signature, timestamp and nonce are all required');
  }
  if (!/^\d{1,12}$/.test(q.timestamp)) throw new WecomCryptoError(CRYPTO_ERRORS.signature, 'timestamp must be unix seconds');
  if (Math.abs(now / 1000 - Number(q.timestamp)) > CALLBACK_TOLERANCE_SECONDS) {
    throw new WecomCryptoError(CRYPTO_ERRORS.signature, `timestamp is more than ${CALLBACK_TOLERANCE_SECONDS} s away from the server clock`);
  }
  if (!encrypt) throw new WecomCryptoError(CRYPTO_ERRORS.parse, 'no ciphertext (echostr / Encrypt) in the request');
  if (!verifySignature(config.token, q.timestamp, q.nonce, encrypt, q.msg_signature)) {
    throw new WecomCryptoError(CRYPTO_ERRORS.signature, 'the msg_signature does not match');
  }
  return decryptMessage(config.aesKey, encrypt, config.corpId).message;
}

/** GET: URL verification. The answer is the decrypted echostr, nothing else. */
export async function verifyCallbackUrl(db: Queryable, workspaceId: string, q: CallbackQuery, ctx: CallbackContext = {}): Promise<CallbackOutcome> {
  const config = await configOf(db, workspaceId);
  try {
    return { ok: true, body: checkParams(q, q.echostr, config, ctx.now ?? Date.now()) };
  } catch (err) {
    if (err instanceof WecomCryptoError) return reject(db, workspaceId, 'GET', err.wecomCode, err.message, ctx);
    throw err;
  }
}

/** POST: an event. Verified and stored (once per dedupe key) before the answer goes out. */
export async function receiveCallback(db: Queryable, workspaceId: string, q: CallbackQuery, body: string, ctx: CallbackContext = {}): Promise<CallbackOutcome> {
  const config = await configOf(db, workspaceId);
  let plain: string;
  let message: ReturnType<typeof interpretCallback>;
  try {
    const envelope = parseWecomXml(body);
    plain = checkParams(q, envelope.fields.Encrypt, config, ctx.now ?? Date.now());
    message = interpretCallback(parseWecomXml(plain));
  } catch (err) {
    if (err instanceof WecomCryptoError) return reject(db, workspaceId, 'POST', err.wecomCode, err.message, ctx);
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

export interface RefusedCallbacks {
  /** The minute, counted together. */
  at: string;
  method: string;
  wecomCode: number;
  /** How many were refused that minute with this code. */
  requests: number;
  /** The latest reason and sender of the minute. */
  reason: string;
  address: string;
}

/** Recent callbacks and refusals (counted per minute), newest first. */
export async function listInbox(db: Queryable, workspaceId: string, limit = 50): Promise<{ callbacks: InboxEntry[]; rejected: RefusedCallbacks[] }> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT inbox_id, event, change_type, status, attempts, duplicates, received_at, processed_at, result, error
     FROM wecom_inbox WHERE workspace_id = $1 ORDER BY inbox_id DESC LIMIT $2`,
    [workspaceId, limit],
  );
  const rejects = await recentRefusals(db, workspaceId, 'wecom', limit);
  const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
  return {
    callbacks: rows.map((r) => ({
      inboxId: Number(r.inbox_id), event: r.event as string, changeType: r.change_type as string, status: r.status as string,
      attempts: r.attempts as number, duplicates: r.duplicates as number, receivedAt: iso(r.received_at)!, processedAt: iso(r.processed_at),
      result: r.result ?? null, error: (r.error as string | null) ?? null,
    })),
    rejected: rejects.map((r) => ({ at: r.minute, method: r.source, wecomCode: Number(r.code), requests: r.requests, reason: r.reason, address: r.address })),
  };
}
