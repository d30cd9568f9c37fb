/**
 * The WeCom server API client (spec §4): the access token cached per corp+secret until it
 * expires and refreshed once on 40014/42001, errcodes turned into typed errors, frequency
 * limits (45009 …) backed off, every call bounded in time. The base URL is configurable so
 * tests and demos talk to the fake server.
 */
import { createHash } from 'node:crypto';
import { SiyuError } from '../shared/errors.ts';
import { errorKindOf, retryOf, type ErrorKind } from './backoff.ts';
import type { ExternalContact, FollowUser, GroupMember } from './mapping.ts';

export const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com/cgi-bin/';

export class WecomApiError extends SiyuError {
  readonly errcode: number | 'transport';
  readonly kind: ErrorKind;
  readonly path: string;
  constructor(path: string, errcode: number | 'transport', errmsg: string) {
    super('upstream_failed', `WeCom ${path} failed: ${errcode === 'transport' ? errmsg : `errcode ${errcode} (${errmsg})`}`, { path, errcode, errmsg });
    this.name = 'WecomApiError';
    this.errcode = errcode;
    this.kind = errorKindOf(errcode);
    this.path = path;
  }
}

export interface ClientOptions {
  corpId: string;
  secret: string;
  apiBase?: string | undefined;
  /** Per-request time limit. */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, for logs and tests. */
  onBackoff?: (path: string, errcode: number | 'transport', ms: number) => void;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Tokens are per app secret and must not be fetched per call: one cache for the process. */
const tokens = new Map<string, CachedToken>();
const inflight = new Map<string, Promise<CachedToken>>();

export function clearTokenCache(): void {
  tokens.clear();
}

type Json = Record<string, unknown>;

export interface CallOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
  /** Sending it twice is harmless (reads, mark_tag); creating a task is not. */
  idempotent?: boolean;
}

export interface ContactPage {
  external_contact_list: { external_contact: ExternalContact; follow_info: FollowUser }[];
  next_cursor?: string;
}

export interface CorpTagGroup {
  group_id: string;
  group_name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
  tag: { id: string; name: string; create_time?: number; order?: number; deleted?: boolean }[];
}

export interface GroupChat {
  chat_id: string;
  name?: string;
  owner?: string;
  create_time?: number;
  notice?: string;
  member_list: GroupMember[];
  admin_list?: { userid: string }[];
  member_version?: string;
}

export type WecomClient = ReturnType<typeof createWecomClient>;

/**
 * One file part named "media", as media/upload and media/upload_attachment take it (spec
 * §4.11): filename, filelength and a Content-Type on the part, the boundary in the header.
 */
export class MultipartFile {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
  constructor(filename: string, bytes: Uint8Array, contentType: string) {
    this.filename = filename;
    this.bytes = bytes;
    this.contentType = contentType;
  }
  request(): { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
    const boundary = `----siyu${createHash('sha256').update(this.bytes).digest('hex').slice(0, 24)}`;
    const safeName = this.filename.replace(/["\r\n]/g, '_');
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media";filename="${safeName}"; filelength=${this.bytes.length}\r\n`
      + `Content-Type: ${this.contentType}\r\n\r\n`, 'utf8');
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
    const body = new Uint8Array(head.length + this.bytes.length + tail.length);
    body.set(head, 0);
    body.set(this.bytes, head.length);
    body.set(tail, head.length + this.bytes.length);
    return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
}

/** created_at is a JSON string from media/upload and a number from upload_attachment (spec §4.11): both are read. */
const createdAtOf = (v: unknown): number => Number(v ?? 0);

export function createWecomClient(opts: ClientOptions) {
  const base = (opts.apiBase ?? DEFAULT_API_BASE).replace(/\/?$/, '/');
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const cacheKey = `${base}|${opts.corpId}|${createHash('sha256').update(opts.secret).digest('hex')}`;

  async function http(path: string, method: 'GET' | 'POST', query: Record<string, string>, body: unknown): Promise<Json> {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        ...(method !== 'POST' ? {}
          : body instanceof MultipartFile ? body.request()
          : { body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } }),
      });
    } catch (err) {
      const e = err as Error;
      throw new WecomApiError(path, 'transport', e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${e.message}${e.cause ? ` (${String((e.cause as Error).message ?? e.cause)})` : ''}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WecomApiError(path, 'transport', `HTTP ${res.status}: the answer is not JSON`);
    }
    if (typeof json !== 'object' || json === null) throw new WecomApiError(path, 'transport', 'the answer is not a JSON object');
    return json as Json;
  }

  async function fetchToken(): Promise<CachedToken> {
    const r = await http('gettoken', 'GET', { corpid: opts.corpId, corpsecret: opts.secret }, undefined);
    const errcode = Number(r.errcode ?? 0);
    if (errcode !== 0) throw new WecomApiError('gettoken', errcode, String(r.errmsg ?? ''));
    const expiresIn = Number(r.expires_in ?? 7200);
    // Refresh a little early: a token that expires in flight costs a retry.
    const t = { token: String(r.access_token), expiresAt: now() + Math.max(60, expiresIn - 300) * 1000 };
    tokens.set(cacheKey, t);
    return t;
  }

  async function token(force: boolean): Promise<string> {
    const cached = tokens.get(cacheKey);
    if (!force && cached && cached.expiresAt > now()) return cached.token;
    let p = inflight.get(cacheKey);
    if (!p) {
      p = fetchToken().finally(() => inflight.delete(cacheKey));
      inflight.set(cacheKey, p);
    }
    return (await p).token;
  }

  async function call<T = Json>(path: string, o: CallOptions = {}): Promise<T> {
    const method = o.method ?? (o.body === undefined ? 'GET' : 'POST');
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      let errcode: number | 'transport';
      let errmsg: string;
      try {
        const r = await http(path, method, { ...o.query, access_token: await token(refreshed) }, o.body);
        errcode = Number(r.errcode ?? 0);
        if (errcode === 0) return r as T;
        errmsg = String(r.errmsg ?? '');
      } catch (err) {
        if (!(err instanceof WecomApiError)) throw err;
        if (err.path === 'gettoken' && err.errcode !== 'transport') throw err;
        errcode = err.errcode;
        errmsg = String((err.details as { errmsg: string }).errmsg);
      }
      const r = retryOf(errcode, attempt, refreshed, o.idempotent ?? method === 'GET');
      if (r.action === 'fail') throw new WecomApiError(path, errcode, errmsg);
      if (r.action === 'refresh_token') {
        tokens.delete(cacheKey);
        refreshed = true;
        continue;
      }
      opts.onBackoff?.(path, errcode, r.ms);
      await sleep(r.ms);
      attempt++;
    }
  }

  const post = <T = Json>(path: string, body: unknown, idempotent = true) => call<T>(path, { method: 'POST', body, idempotent });

  return {
    call,
    getFollowUserList: async () => (await call<{ follow_user?: string[] }>('externalcontact/get_follow_user_list')).follow_user ?? [],
    listContacts: async (userid: string) => (await call<{ external_userid?: string[] }>('externalcontact/list', { query: { userid } })).external_userid ?? [],
    /** The contact with all follow users (paged by cursor past 500 followers). */
    async getContact(externalUserId: string): Promise<{ external_contact: ExternalContact; follow_user: FollowUser[] }> {
      let cursor = '';
      const follow: FollowUser[] = [];
      let contact: ExternalContact | undefined;
      for (let page = 0; page < 100; page++) {
        const r = await call<{ external_contact: ExternalContact; follow_user?: FollowUser[]; next_cursor?: string }>('externalcontact/get', {
          query: { external_userid: externalUserId, ...(cursor ? { cursor } : {}) },
        });
        contact = r.external_contact;
        follow.push(...(r.follow_user ?? []));
        if (!r.next_cursor) break;
        cursor = r.next_cursor;
      }
      return { external_contact: contact!, follow_user: follow };
    },
    batchGetByUser: (userids: string[], cursor: string, limit = 100) =>
      post<ContactPage>('externalcontact/batch/get_by_user', { userid_list: userids, cursor, limit }),
    /** Every (contact, follow) pair of the given members, following cursors to the end. */
    async *allContacts(userids: string[]): AsyncGenerator<{ external_contact: ExternalContact; follow_info: FollowUser }> {
      for (let i = 0; i < userids.length; i += 100) {
        const batch = userids.slice(i, i + 100);
        let cursor = '';
        for (;;) {
          const page = await post<ContactPage>('externalcontact/batch/get_by_user', { userid_list: batch, cursor, limit: 100 });
          yield* page.external_contact_list ?? [];
          if (!page.next_cursor) break;
          cursor = page.next_cursor;
        }
      }
    },
    getCorpTagList: async (filter: { tag_id?: string[]; group_id?: string[] } = {}) =>
      (await post<{ tag_group?: CorpTagGroup[] }>('externalcontact/get_corp_tag_list', filter)).tag_group ?? [],
    addCorpTag: async (body: { group_id?: string; group_name?: string; tag: { name: string }[] }) =>
      (await post<{ tag_group: CorpTagGroup }>('externalcontact/add_corp_tag', body, false)).tag_group,
    editCorpTag: (body: { id: string; name?: string }) => post('externalcontact/edit_corp_tag', body),
    delCorpTag: (body: { tag_id?: string[]; group_id?: string[] }) => post('externalcontact/del_corp_tag', body),
    markTag: (body: { userid: string; external_userid: string; add_tag?: string[]; remove_tag?: string[] }) => post('externalcontact/mark_tag', body),
    /** §4.13: write only the fields given; "" clears one. Idempotent: the same values twice leave the same state. */
    remark: (body: { userid: string; external_userid: string; remark?: string; description?: string }) => post('externalcontact/remark', body),
    addContactWay: (body: Record<string, unknown>) => post<{ config_id: string; qr_code?: string }>('externalcontact/add_contact_way', body, false),
    addMsgTemplate: (body: Record<string, unknown>) => post<{ msgid: string; fail_list?: string[] }>('externalcontact/add_msg_template', body, false),
    async groupMsgSendResult(msgid: string, userid: string) {
      const out: { external_userid?: string; chat_id?: string; userid: string; status: number; send_time?: number }[] = [];
      let cursor = '';
      for (;;) {
        const r = await post<{ send_list?: typeof out; next_cursor?: string }>('externalcontact/get_groupmsg_send_result', { msgid, userid, limit: 1000, cursor });
        out.push(...(r.send_list ?? []));
        if (!r.next_cursor) return out;
        cursor = r.next_cursor;
      }
    },
    addMomentTask: (body: Record<string, unknown>) => post<{ jobid: string }>('externalcontact/add_moment_task', body, false),
    getMomentTaskResult: (jobid: string) =>
      call<{ status: number; result?: { errcode?: number; errmsg?: string; moment_id?: string; invalid_sender_list?: { user_list?: string[] } } }>(
        'externalcontact/get_moment_task_result', { query: { jobid } }),
    /** Who of the senders has published a corp Moments post (spec §4.14). */
    async getMomentTask(momentId: string) {
      const out: { userid: string; publish_status: number }[] = [];
      let cursor = '';
      for (;;) {
        const r = await post<{ task_list?: typeof out; next_cursor?: string }>('externalcontact/get_moment_task', { moment_id: momentId, cursor, limit: 1000 });
        out.push(...(r.task_list ?? []));
        if (!r.next_cursor) return out;
        cursor = r.next_cursor;
      }
    },
    /** Likes and comments on one member's copy of a moment: who and when, no comment text (spec §4.14). */
    getMomentComments: (momentId: string, userid: string) =>
      post<{ comment_list?: { external_userid?: string; userid?: string; create_time: number }[]; like_list?: { external_userid?: string; userid?: string; create_time: number }[] }>(
        'externalcontact/get_moment_comments', { moment_id: momentId, userid }),
    /** media/upload: a temporary media_id (3 days) for messages and welcome messages. */
    async uploadMedia(type: 'image' | 'file' | 'video', file: MultipartFile) {
      const r = await call<{ media_id: string; created_at: string | number }>('media/upload', { method: 'POST', query: { type }, body: file, idempotent: true });
      return { mediaId: r.media_id, createdAt: createdAtOf(r.created_at) };
    },
    /** media/upload_attachment with attachment_type 1: a media_id (3 days) for add_moment_task. */
    async uploadMomentAttachment(mediaType: 'image' | 'video', file: MultipartFile) {
      const r = await call<{ media_id: string; created_at: string | number }>('media/upload_attachment', {
        method: 'POST', query: { media_type: mediaType, attachment_type: '1' }, body: file, idempotent: true,
      });
      return { mediaId: r.media_id, createdAt: createdAtOf(r.created_at) };
    },
    sendWelcomeMsg: (body: Record<string, unknown>) => post('externalcontact/send_welcome_msg', body, false),
    async *allGroupChats(): AsyncGenerator<{ chat_id: string; status: number }> {
      let cursor = '';
      for (;;) {
        const r = await post<{ group_chat_list?: { chat_id: string; status: number }[]; next_cursor?: string }>(
          'externalcontact/groupchat/list', { status_filter: 0, cursor, limit: 1000 });
        yield* r.group_chat_list ?? [];
        if (!r.next_cursor) return;
        cursor = r.next_cursor;
      }
    },
    /** groupchat/add_join_way: a group join code; its state comes back on members in groupchat/get (spec §4.12). */
    addJoinWay: (body: { scene: 1 | 2; chat_id_list: string[]; state?: string; remark?: string; auto_create_room?: 0 | 1 }) =>
      post<{ config_id: string }>('externalcontact/groupchat/add_join_way', body, false),
    getJoinWay: async (configId: string) =>
      (await post<{ join_way: { config_id: string; qr_code?: string; state?: string; chat_id_list: string[] } }>('externalcontact/groupchat/get_join_way', { config_id: configId })).join_way,
    getGroupChat: async (chatId: string) => (await post<{ group_chat: GroupChat }>('externalcontact/groupchat/get', { chat_id: chatId, need_name: 1 })).group_chat,
    transferCustomer: (resigned: boolean, body: { handover_userid: string; takeover_userid: string; external_userid: string[] }) =>
      post<{ customer: { external_userid: string; errcode: number }[] }>(
        resigned ? 'externalcontact/resigned/transfer_customer' : 'externalcontact/transfer_customer', body, false),
    transferResult: (resigned: boolean, body: { handover_userid: string; takeover_userid: string; cursor?: string }) =>
      post<{ customer: { external_userid: string; status: number; takeover_time?: number }[]; next_cursor?: string }>(
        resigned ? 'externalcontact/resigned/transfer_result' : 'externalcontact/transfer_result', body),
  };
}
