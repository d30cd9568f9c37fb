/**
 * A fake WeCom for tests and demos: a real local HTTP server that answers the server API
 * with the documented shapes and errcodes (missing/invalid/expired tokens, frequency
 * limits on demand, paging by cursor) and sends correctly encrypted, signed callbacks to
 * Siyu. It keeps everything in memory.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { encryptMessage, signature } from '../crypto.ts';
import { buildEnvelope, buildMessageXml } from '../xml.ts';
import type { CorpTagGroup, GroupChat } from '../client.ts';
import type { ExternalContact, FollowUser } from '../mapping.ts';

export interface FakeWecomOptions {
  corpId?: string;
  secret?: string;
  token?: string;
  aesKey?: string;
  port?: number;
  /** Where callbacks go, e.g. http://127.0.0.1:3000/api/v1/wecom/callback/default */
  callbackUrl?: string;
  /** batch/get_by_user: the largest page the fake hands out. */
  maxPage?: number;
  now?: () => number;
}

interface Template {
  msgid: string;
  sender: string;
  externalUserIds: string[];
  /** Group mass messages: the groups it goes to (the status map is keyed by chat_id then). */
  chatIds?: string[];
  content: string;
  status: Map<string, number>;
  sendTime: number | undefined;
}

export interface FakeCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  errcode: number;
}

const randomKey = (): string => randomBytes(32).toString('base64').slice(0, 43).replace(/[+/]/g, 'A');

export class FakeWecom {
  readonly corpId: string;
  readonly secret: string;
  readonly token: string;
  readonly aesKey: string;
  callbackUrl: string | undefined;
  url = '';
  /** Each API answer waits this long (chaos tests: a kill lands mid-way through a batch of calls). */
  latencyMs = 0;
  maxPage: number;
  readonly calls: FakeCall[] = [];
  readonly users = new Set<string>();
  readonly contacts = new Map<string, { contact: ExternalContact; follows: Map<string, FollowUser> }>();
  readonly tagGroups: CorpTagGroup[] = [];
  readonly chats = new Map<string, GroupChat>();
  readonly contactWays = new Map<string, Record<string, unknown>>();
  readonly joinWays = new Map<string, Record<string, unknown>>();
  readonly templates = new Map<string, Template>();
  readonly moments = new Map<string, Record<string, unknown>>();
  /** Corp Moments by moment_id: who may post, who did, and the likes/comments on each member's copy. */
  readonly momentPosts = new Map<string, { jobid: string; senders: string[]; published: Set<string>;
    likes: { userid: string; external_userid?: string; member?: string; create_time: number }[];
    comments: { userid: string; external_userid?: string; member?: string; create_time: number }[] }>();
  /** Temporary media by media_id: from media/upload ('message') or upload_attachment ('moment'). */
  readonly media = new Map<string, { scope: 'message' | 'moment'; type: string; filename: string; size: number; createdAt: number }>();
  readonly transfers: { handover: string; takeover: string; externalUserId: string; status: number }[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly failures: { path: string; errcode: number; times: number }[] = [];
  private server: Server | undefined;
  private seq = 0;
  private readonly now: () => number;

  constructor(opts: FakeWecomOptions = {}) {
    this.corpId = opts.corpId ?? `wwfake${randomBytes(5).toString('hex')}`;
    this.secret = opts.secret ?? randomBytes(16).toString('hex');
    this.token = opts.token ?? randomBytes(8).toString('hex');
    this.aesKey = opts.aesKey ?? randomKey();
    this.callbackUrl = opts.callbackUrl;
    this.maxPage = opts.maxPage ?? 100;
    this.now = opts.now ?? Date.now;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const addr = this.server.address() as { port: number };
    this.url = `http://${host}:${addr.port}/cgi-bin/`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
  }

  // ---- controls for tests and demos ----

  /** Every issued access token stops working (→ 42001 on the next call). */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 0);
  }

  /** The next `times` calls of `path` answer with `errcode` (e.g. 45009). */
  failNext(path: string, errcode: number, times = 1): void {
    this.failures.push({ path, errcode, times });
  }

  clearFailures(): void {
    this.failures.splice(0, this.failures.length);
  }

  callsOf(path: string): FakeCall[] {
    return this.calls.filter((c) => c.path === path && c.errcode === 0);
  }

  nextId(prefix: string): string {
    return `${prefix}${(++this.seq).toString().padStart(6, '0')}`;
  }

  addUser(userid: string): void {
    this.users.add(userid);
  }

  /** A customer becomes a contact of a member in WeCom's own state (no callback). */
  addContact(c: { externalUserId: string; userId: string; name?: string; gender?: number; unionid?: string; state?: string; createtime?: number; mobiles?: string[]; tagIds?: string[] }): FollowUser {
    this.addUser(c.userId);
    const entry = this.contacts.get(c.externalUserId) ?? {
      contact: { external_userid: c.externalUserId, name: c.name ?? c.externalUserId, type: 1, gender: c.gender ?? 0, ...(c.unionid ? { unionid: c.unionid } : {}) },
      follows: new Map<string, FollowUser>(),
    };
    const follow: FollowUser = {
      userid: c.userId, remark: '', description: '', createtime: c.createtime ?? Math.floor(this.now() / 1000),
      tags: [], tag_id: [...(c.tagIds ?? [])], remark_mobiles: c.mobiles ?? [], add_way: c.state ? 1 : 0, state: c.state ?? '',
    };
    entry.follows.set(c.userId, follow);
    this.contacts.set(c.externalUserId, entry);
    return follow;
  }

  removeFollow(externalUserId: string, userId: string): void {
    const e = this.contacts.get(externalUserId);
    e?.follows.delete(userId);
    if (e && e.follows.size === 0) this.contacts.delete(externalUserId);
  }

  addTagGroup(groupName: string, tagNames: string[]): CorpTagGroup {
    let g = this.tagGroups.find((x) => x.group_name === groupName);
    if (!g) {
      g = { group_id: this.nextId('etg'), group_name: groupName, create_time: Math.floor(this.now() / 1000), order: 0, tag: [] };
      this.tagGroups.push(g);
    }
    for (const name of tagNames) {
      if (!g.tag.some((t) => t.name === name)) g.tag.push({ id: this.nextId('et'), name, create_time: Math.floor(this.now() / 1000), order: 0 });
    }
    return g;
  }

  tagIdOf(groupName: string, tagName: string): string | undefined {
    return this.tagGroups.find((g) => g.group_name === groupName)?.tag.find((t) => t.name === tagName)?.id;
  }

  /** The member confirms a mass message in the client: it goes out to every recipient. */
  confirmMassMessage(msgid: string, status = 1): void {
    const t = this.templates.get(msgid);
    if (!t) throw new Error(`no mass message ${msgid}`);
    t.sendTime = Math.floor(this.now() / 1000);
    for (const id of t.status.keys()) t.status.set(id, t.chatIds ? (this.chats.has(id) ? status : 2) : this.contacts.get(id)?.follows.has(t.sender) ? status : 2);
  }

  /** A customer group as WeCom holds it (no callback). */
  addChat(c: { chatId: string; name: string; owner: string; createTime?: number; members?: { userid: string; type: 1 | 2; join_time?: number; state?: string }[] }): void {
    this.addUser(c.owner);
    this.chats.set(c.chatId, {
      chat_id: c.chatId, name: c.name, owner: c.owner, create_time: c.createTime ?? Math.floor(this.now() / 1000),
      member_list: (c.members ?? [{ userid: c.owner, type: 1 }]).map((m) => ({ ...m, join_time: m.join_time ?? Math.floor(this.now() / 1000), join_scene: m.state ? 3 : 1 })) as GroupChat['member_list'],
    });
  }

  /** A member posts the corp moment from the client. */
  publishMoment(momentId: string, userid: string): void {
    const m = this.momentPosts.get(momentId);
    if (!m || !m.senders.includes(userid)) throw new Error(`${userid} is not a sender of ${momentId}`);
    m.published.add(userid);
  }

  /** A customer (or a colleague, with member) likes or comments on a member's copy of a moment. */
  momentReaction(momentId: string, userid: string, kind: 'like' | 'comment', who: { externalUserId?: string; member?: string }): void {
    const m = this.momentPosts.get(momentId);
    if (!m) throw new Error(`no moment ${momentId}`);
    const item = { userid, ...(who.externalUserId ? { external_userid: who.externalUserId } : { member: who.member }), create_time: Math.floor(this.now() / 1000) };
    (kind === 'like' ? m.likes : m.comments).push(item);
  }

  /** An encrypted, signed callback: the query parameters and the POST body WeCom would send. */
  signedCallback(fields: Record<string, string | number | string[] | undefined>, tamper?: 'signature' | 'corp'): { query: Record<string, string>; body: string } {
    const xml = buildMessageXml({ ToUserName: this.corpId, FromUserName: 'sys', CreateTime: Math.floor(this.now() / 1000), MsgType: 'event', ...fields });
    const encrypt = encryptMessage(this.aesKey, xml, tamper === 'corp' ? 'wwsomeoneelse' : this.corpId, randomBytes(16));
    // Signed at the wall clock's time, as the server under test checks it against its own.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    let sig = signature(this.token, timestamp, nonce, encrypt);
    if (tamper === 'signature') sig = sig.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    return { query: { msg_signature: sig, timestamp, nonce }, body: buildEnvelope(this.corpId, encrypt, '1000002') };
  }

  /** Encrypt, sign and POST a callback message to Siyu, as WeCom does. */
  async sendCallback(fields: Record<string, string | number | string[] | undefined>, opts: { url?: string; tamper?: 'signature' | 'corp' } = {}): Promise<{ status: number; text: string }> {
    const url = opts.url ?? this.callbackUrl;
    if (!url) throw new Error('the fake WeCom has no callback URL');
    const { query, body } = this.signedCallback(fields, opts.tamper);
    const res = await fetch(`${url}?${new URLSearchParams(query)}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
    return { status: res.status, text: await res.text() };
  }

  /** The GET with echostr WeCom sends when an admin saves the callback URL. */
  async verifyUrl(url = this.callbackUrl): Promise<{ status: number; text: string; expected: string }> {
    const expected = String(BigInt.asUintN(63, BigInt(`0x${randomBytes(8).toString('hex')}`)));
    const echostr = encryptMessage(this.aesKey, expected, this.corpId, randomBytes(16));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(4).toString('hex');
    const sig = signature(this.token, timestamp, nonce, echostr);
    const res = await fetch(`${url}?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}`);
    return { status: res.status, text: await res.text(), expected };
  }

  /** A customer scans a member's channel code: WeCom's state changes, then the callback. */
  async customerAdds(c: { externalUserId: string; userId: string; name?: string; gender?: number; unionid?: string; state?: string; mobiles?: string[] }): Promise<{ status: number; text: string }> {
    const follow = this.addContact(c);
    return this.sendCallback({
      Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: c.userId, ExternalUserID: c.externalUserId,
      State: c.state, WelcomeCode: `WELCOME${this.nextId('')}`, CreateTime: follow.createtime!,
    });
  }

  // ---- the HTTP side ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/cgi-bin\//, '');
    const query = Object.fromEntries(url.searchParams);
    let body: Record<string, unknown> | undefined;
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('multipart/form-data')) {
        body = { _multipart: parseMultipart(type, Buffer.concat(chunks)) };
      } else {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          return this.send(res, { path, query, body, errcode: 47001 }, { errcode: 47001, errmsg: 'data format error, hint: Warning: wrong json format.' });
        }
      }
    }
    if (url.pathname.startsWith('/_fake/')) return this.control(url.pathname.slice(7), body ?? {}, res);
    const call: FakeCall = { path, query, body, errcode: 0 };
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    let answer: Record<string, unknown>;
    try {
      answer = this.answer(path, query, body ?? {});
    } catch (err) {
      answer = err instanceof FakeError ? { errcode: err.errcode, errmsg: err.message } : { errcode: -1, errmsg: String(err) };
    }
    call.errcode = Number(answer.errcode ?? 0);
    this.send(res, call, { errcode: 0, errmsg: 'ok', ...answer });
  }

  /** Demo controls: make customers add staff, members confirm mass messages, look at the state. */
  private async control(action: string, b: Record<string, unknown>, res: ServerResponse): Promise<void> {
    let out: unknown;
    try {
      if (action === 'add') {
        out = await this.customerAdds({
          externalUserId: String(b.externalUserId ?? this.nextId('wmfake')), userId: String(b.userId ?? [...this.users][0] ?? 'zhangsan'),
          ...(b.name ? { name: String(b.name) } : {}), ...(b.state ? { state: String(b.state) } : {}), ...(b.gender ? { gender: Number(b.gender) } : {}),
        });
      } else if (action === 'confirm') {
        for (const id of b.msgid ? [String(b.msgid)] : [...this.templates.keys()]) this.confirmMassMessage(id);
        out = { confirmed: true };
      } else if (action === 'state') {
        out = {
          users: [...this.users], contacts: [...this.contacts].map(([id, e]) => ({ id, name: e.contact.name, follows: [...e.follows.values()] })),
          tagGroups: this.tagGroups, contactWays: [...this.contactWays.values()],
          massMessages: [...this.templates.values()].map((t) => ({ ...t, status: Object.fromEntries(t.status) })),
        };
      } else out = { error: `unknown control ${action}` };
    } catch (err) {
      out = { error: String(err) };
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(out));
  }

  private send(res: ServerResponse, call: FakeCall, answer: Record<string, unknown>): void {
    this.calls.push(call);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  }

  private answer(path: string, q: Record<string, string>, b: Record<string, unknown>): Record<string, unknown> {
    const failure = this.failures.find((f) => f.path === path && f.times > 0);
    if (failure) {
      failure.times--;
      fail(failure.errcode, failure.errcode === 45009 ? 'api freq out of limit' : 'injected failure');
    }
    if (path === 'gettoken') {
      if (q.corpid !== this.corpId) fail(40013, 'invalid corpid');
      if (q.corpsecret !== this.secret) fail(40001, 'invalid credential');
      const token = randomBytes(24).toString('hex');
      this.tokens.set(token, this.now() + 7200_000);
      return { access_token: token, expires_in: 7200 };
    }
    const t = q.access_token;
    if (!t) fail(41001, 'access_token missing');
    const expires = this.tokens.get(t!);
    if (expires === undefined) fail(40014, 'invalid access_token');
    if (expires! <= this.now()) fail(42001, 'access_token expired');
    const handler = this.routes[path];
    if (!handler) fail(48001, `api forbidden: ${path}`);
    return handler!(q, b);
  }

  private readonly routes: Record<string, (q: Record<string, string>, b: Record<string, unknown>) => Record<string, unknown>> = {
    'externalcontact/get_follow_user_list': () => ({ follow_user: [...this.users] }),
    'externalcontact/list': (q) => ({
      external_userid: [...this.contacts].filter(([, e]) => e.follows.has(q.userid ?? '')).map(([id]) => id),
    }),
    'externalcontact/get': (q) => {
      const e = this.contacts.get(q.external_userid ?? '');
      if (!e) fail(40096, 'invalid external userid');
      return { external_contact: e!.contact, follow_user: [...e!.follows.values()].map((f) => this.withTagNames(f)) };
    },
    'externalcontact/batch/get_by_user': (_q, b) => {
      const users = (b.userid_list as string[] | undefined) ?? [];
      if (users.length === 0 || users.length > 100) fail(40058, 'userid_list must hold 1..100 userids');
      const limit = Math.min(Number(b.limit ?? 50), this.maxPage);
      const all: { external_contact: ExternalContact; follow_info: FollowUser }[] = [];
      for (const [, e] of this.contacts) {
        for (const u of users) {
          const f = e.follows.get(u);
          if (f) all.push({ external_contact: e.contact, follow_info: { ...f, tags: undefined } as FollowUser });
        }
      }
      const start = Number(b.cursor || 0);
      const page = all.slice(start, start + limit);
      return { external_contact_list: page, next_cursor: start + limit < all.length ? String(start + limit) : '' };
    },
    'externalcontact/get_corp_tag_list': (_q, b) => {
      const groupIds = (b.group_id as string[] | undefined) ?? [];
      const tagIds = (b.tag_id as string[] | undefined) ?? [];
      let groups = this.tagGroups;
      if (groupIds.length > 0) groups = groups.filter((g) => groupIds.includes(g.group_id));
      else if (tagIds.length > 0) groups = groups.map((g) => ({ ...g, tag: g.tag.filter((t) => tagIds.includes(t.id)) })).filter((g) => g.tag.length > 0);
      return { tag_group: groups };
    },
    'externalcontact/add_corp_tag': (_q, b) => {
      const tags = (b.tag as { name: string }[] | undefined) ?? [];
      if (tags.length === 0) fail(40071, 'empty groups cannot be created');
      let g = b.group_id ? this.tagGroups.find((x) => x.group_id === b.group_id) : this.tagGroups.find((x) => x.group_name === b.group_name);
      if (b.group_id && !g) fail(40068, 'invalid tag group id');
      g ??= this.addTagGroup(String(b.group_name), []);
      const created: CorpTagGroup['tag'] = [];
      for (const { name } of tags) {
        if (g.tag.some((t) => t.name === name)) fail(40071, `tag name "${name}" already exists`);
        const tag = { id: this.nextId('et'), name, create_time: Math.floor(this.now() / 1000), order: 0 };
        g.tag.push(tag);
        created.push(tag);
      }
      return { tag_group: { ...g, tag: created } };
    },
    'externalcontact/edit_corp_tag': (_q, b) => {
      const g = this.tagGroups.find((x) => x.group_id === b.id);
      const t = this.tagGroups.flatMap((x) => x.tag).find((x) => x.id === b.id);
      if (!g && !t) fail(40068, 'invalid tag id');
      if (b.name) (g ? (g.group_name = String(b.name)) : (t!.name = String(b.name)));
      return {};
    },
    'externalcontact/del_corp_tag': (_q, b) => {
      const tagIds = (b.tag_id as string[] | undefined) ?? [];
      const groupIds = (b.group_id as string[] | undefined) ?? [];
      if (tagIds.length === 0 && groupIds.length === 0) fail(40068, 'tag_id and group_id are both empty');
      for (const g of this.tagGroups) g.tag = g.tag.filter((t) => !tagIds.includes(t.id));
      const keep = this.tagGroups.filter((g) => !groupIds.includes(g.group_id) && g.tag.length > 0);
      this.tagGroups.splice(0, this.tagGroups.length, ...keep);
      return {};
    },
    'externalcontact/mark_tag': (_q, b) => {
      const f = this.contacts.get(String(b.external_userid))?.follows.get(String(b.userid));
      if (!f) fail(84061, 'not external contact of this member');
      const add = (b.add_tag as string[] | undefined) ?? [];
      const remove = (b.remove_tag as string[] | undefined) ?? [];
      if (add.length === 0 && remove.length === 0) fail(40068, 'add_tag and remove_tag are both empty');
      const known = new Set(this.tagGroups.flatMap((g) => g.tag.map((t) => t.id)));
      for (const id of [...add, ...remove]) if (!known.has(id)) fail(40068, `invalid tag id ${id}`);
      f!.tag_id = [...new Set([...(f!.tag_id ?? []).filter((id) => !remove.includes(id)), ...add])];
      return {};
    },
    // §4.13: an absent field is unchanged, "" clears it; remark ≤20 and description ≤150
    // code points (the real server's counting unit is unconfirmed); not all fields empty.
    'externalcontact/remark': (_q, b) => {
      const userid = typeof b.userid === 'string' ? b.userid : '';
      const ext = typeof b.external_userid === 'string' ? b.external_userid : '';
      if (!userid) fail(40003, 'invalid userid');
      if (!ext) fail(40096, 'invalid external userid');
      if (!this.users.has(userid)) fail(60011, 'no privilege to access/modify contact/party/agent');
      const e = this.contacts.get(ext);
      if (!e) fail(40096, 'invalid external userid');
      const f = e!.follows.get(userid);
      if (!f) fail(84061, 'not external contact');
      const fields = ['remark', 'description', 'remark_company', 'remark_mobiles', 'remark_pic_mediaid'] as const;
      const given = fields.filter((k) => b[k] !== undefined);
      const filled = given.filter((k) => (Array.isArray(b[k]) ? (b[k] as string[]).some((x) => x !== '') : b[k] !== ''));
      if (filled.length === 0 && given.length === 0) fail(40058, 'remark, description, remark_company, remark_mobiles and remark_pic_mediaid cannot all be empty');
      const text = (k: 'remark' | 'description' | 'remark_company', max: number) => {
        if (b[k] === undefined) return undefined;
        if (typeof b[k] !== 'string') fail(40058, `${k} must be a string`);
        if ([...(b[k] as string)].length > max) fail(40058, `${k} exceeds ${max} characters`);
        return b[k] as string;
      };
      const remark = text('remark', 20);
      const description = text('description', 150);
      const company = text('remark_company', 20);
      if (remark !== undefined) f!.remark = remark;
      if (description !== undefined) f!.description = description;
      if (company !== undefined && e!.contact.type === 1) (f as FollowUser & { remark_corp_name?: string }).remark_corp_name = company;
      if (b.remark_mobiles !== undefined) {
        const m = b.remark_mobiles;
        f!.remark_mobiles = m === '' || (Array.isArray(m) && m.every((x) => x === '')) ? [] : (m as string[]);
      }
      return {};
    },
    'externalcontact/add_contact_way': (_q, b) => {
      if (b.type !== 1 && b.type !== 2) fail(40001, 'type must be 1 or 2');
      if (b.type === 1 && ((b.user as string[] | undefined)?.length ?? 0) !== 1) fail(40001, 'type 1 needs exactly one user');
      if (typeof b.state === 'string' && b.state.length > 30) fail(40058, 'state is longer than 30 characters');
      const config_id = this.nextId('cfg');
      const qr_code = `https://wework.qpic.cn/fake/${config_id}.png`;
      this.contactWays.set(config_id, { ...b, config_id, qr_code });
      return { config_id, ...(b.scene === 2 ? { qr_code } : {}) };
    },
    'media/upload': (q, b) => {
      const type = q.type ?? '';
      if (!['image', 'voice', 'video', 'file'].includes(type)) fail(40005, 'invalid media type');
      const f = this.filePart(b);
      // Limits of doc 90253 (spec §4.11), MB read as 10^6 bytes.
      if (type === 'image' && !isJpegOrPng(f.bytes)) fail(40004, 'invalid media file type: image must be JPG or PNG');
      const max = { image: 10_000_000, voice: 2_000_000, video: 10_000_000, file: 20_000_000 }[type as 'image']!;
      if (f.bytes.length > max) fail(45001, 'media file size exceeds the limit');
      const media_id = `3${randomBytes(24).toString('hex')}`;
      const createdAt = Math.floor(this.now() / 1000);
      this.media.set(media_id, { scope: 'message', type, filename: f.filename, size: f.bytes.length, createdAt });
      return { type, media_id, created_at: String(createdAt) }; // a JSON string, as the doc's example
    },
    'media/upload_attachment': (q, b) => {
      const mediaType = q.media_type ?? '';
      const attachmentType = q.attachment_type ?? '';
      if (!['image', 'video', 'file'].includes(mediaType)) fail(40005, 'invalid media type');
      if (attachmentType !== '1' && attachmentType !== '2') fail(40058, 'invalid attachment_type');
      if ((attachmentType === '1' && mediaType === 'file') || (attachmentType === '2' && mediaType !== 'image')) fail(41072, 'attachment used in the wrong scene');
      const f = this.filePart(b);
      if (mediaType === 'image' && !isJpegOrPng(f.bytes)) fail(40004, 'invalid media file type: image must be JPG or PNG');
      if (f.bytes.length > 10_000_000) fail(41080, 'attachment too large');
      const media_id = `WWCISP_${randomBytes(20).toString('hex')}`;
      const createdAt = Math.floor(this.now() / 1000);
      this.media.set(media_id, { scope: 'moment', type: mediaType, filename: f.filename, size: f.bytes.length, createdAt });
      return { type: mediaType, media_id, created_at: createdAt }; // a JSON number here (doc 95098)
    },
    'externalcontact/add_msg_template': (_q, b) => {
      this.checkAttachments(b.attachments, 'message');
      if (b.chat_type === 'group') return this.groupTemplate(b);
      const ids = (b.external_userid as string[] | undefined) ?? [];
      const sender = String(b.sender ?? '');
      const content = String((b.text as { content?: string } | undefined)?.content ?? '');
      if (!content && !b.attachments) fail(41048, 'text and attachments are both empty');
      if (ids.length > 10_000) fail(40058, 'too many external_userid');
      const fail_list = ids.filter((id) => !this.contacts.get(id)?.follows.has(sender));
      const msgid = this.nextId('msg');
      const ok = ids.filter((id) => !fail_list.includes(id));
      this.templates.set(msgid, { msgid, sender, externalUserIds: ok, content, status: new Map(ok.map((id) => [id, 0])), sendTime: undefined });
      return { msgid, fail_list };
    },
    'externalcontact/get_groupmsg_task': (_q, b) => {
      const t = this.templates.get(String(b.msgid));
      if (!t) fail(41059, 'invalid msgid');
      return { task_list: [{ userid: t!.sender, status: t!.sendTime ? 2 : 0, ...(t!.sendTime ? { send_time: t!.sendTime } : {}) }], next_cursor: '' };
    },
    'externalcontact/get_groupmsg_send_result': (_q, b) => {
      const t = this.templates.get(String(b.msgid));
      if (!t) fail(41059, 'invalid msgid');
      if (b.userid !== t!.sender) return { send_list: [], next_cursor: '' };
      // Group mass messages: only sent records are returned (spec §4.5).
      if (t!.chatIds) {
        const sent = [...t!.status].filter(([, s]) => s === 1).map(([chat_id]) => ({ chat_id, userid: t!.sender, status: 1, send_time: t!.sendTime }));
        return { send_list: sent, next_cursor: '' };
      }
      const list = [...t!.status].map(([external_userid, status]) => ({
        external_userid, userid: t!.sender, status, ...(status === 1 ? { send_time: t!.sendTime } : {}),
      }));
      const limit = Number(b.limit ?? 500);
      const start = Number(b.cursor || 0);
      return { send_list: list.slice(start, start + limit), next_cursor: start + limit < list.length ? String(start + limit) : '' };
    },
    'externalcontact/add_moment_task': (_q, b) => {
      const content = String((b.text as { content?: string } | undefined)?.content ?? '');
      const attachments = (b.attachments as { msgtype?: string }[] | undefined) ?? [];
      if (!content && attachments.length === 0) fail(41048, 'text and attachments are both empty');
      if ([...content].length > 2000 || Buffer.byteLength(content) > 4000) fail(40058, 'text.content is longer than 2000 characters');
      const kinds = new Set(attachments.map((a) => a.msgtype));
      if (kinds.size > 1 || (kinds.has('image') && attachments.length > 9) || ((kinds.has('video') || kinds.has('link')) && attachments.length > 1)) {
        fail(41064, 'attachments: up to 9 images, or one video, or one link');
      }
      this.checkAttachments(attachments, 'moment');
      const jobid = this.nextId('job');
      this.moments.set(jobid, b);
      const senders = ((b.visible_range as { sender_list?: { user_list?: string[] } } | undefined)?.sender_list?.user_list ?? []).map(String);
      this.momentPosts.set(`moment${jobid}`, { jobid, senders: senders.filter((u) => this.users.has(u)), published: new Set(), likes: [], comments: [] });
      return { jobid };
    },
    'externalcontact/get_moment_task_result': (q) => {
      const b = this.moments.get(q.jobid ?? '');
      if (!b) fail(40058, 'invalid jobid');
      const senders = ((b!.visible_range as { sender_list?: { user_list?: string[] } } | undefined)?.sender_list?.user_list ?? []).map(String);
      return {
        status: 3, type: 'add_moment_task',
        result: { errcode: 0, errmsg: 'ok', moment_id: `moment${q.jobid}`, invalid_sender_list: { user_list: senders.filter((u) => !this.users.has(u)) } },
      };
    },
    'externalcontact/get_moment_task': (_q, b) => {
      if (!b.moment_id) fail(41059, 'missing moment_id');
      const m = this.momentPosts.get(String(b.moment_id));
      if (!m) fail(41060, 'invalid moment_id');
      return { task_list: m!.senders.map((userid) => ({ userid, publish_status: m!.published.has(userid) ? 1 : 0 })), next_cursor: '' };
    },
    'externalcontact/get_moment_comments': (_q, b) => {
      if (!b.moment_id) fail(41059, 'missing moment_id');
      const m = this.momentPosts.get(String(b.moment_id));
      if (!m) fail(41060, 'invalid moment_id');
      const userid = String(b.userid ?? '');
      if (!m!.senders.includes(userid)) fail(41061, 'this userid did not post this moment');
      if (!m!.published.has(userid)) fail(41062, 'the corp moment has not been posted by this userid yet');
      const shape = (x: { external_userid?: string; member?: string; create_time: number }) =>
        (x.external_userid ? { external_userid: x.external_userid, create_time: x.create_time } : { userid: x.member, create_time: x.create_time });
      return { comment_list: m!.comments.filter((c) => c.userid === userid).map(shape), like_list: m!.likes.filter((c) => c.userid === userid).map(shape) };
    },
    'externalcontact/send_welcome_msg': (_q, b) => {
      if (!String(b.welcome_code ?? '').startsWith('WELCOME')) fail(41050, 'invalid welcome_code');
      return {};
    },
    'externalcontact/groupchat/list': (_q, b) => {
      const limit = Number(b.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) fail(40058, 'limit must be 1..1000');
      const all = [...this.chats.keys()].map((chat_id) => ({ chat_id, status: 0 }));
      const start = Number(b.cursor || 0);
      return { group_chat_list: all.slice(start, start + limit), next_cursor: start + limit < all.length ? String(start + limit) : '' };
    },
    'externalcontact/groupchat/add_join_way': (_q, b) => {
      if (b.scene !== 1 && b.scene !== 2) fail(40058, 'scene must be 1 or 2');
      const chats = ((b.chat_id_list as string[] | undefined) ?? []).map(String);
      if (chats.length === 0) fail(40058, 'chat_id_list is required');
      if (chats.length > 5) fail(41091, 'a join way can be linked to at most 5 groups');
      for (const c of chats) if (!this.chats.has(c)) fail(40050, `chatid not found: ${c}`);
      if (typeof b.state === 'string' && [...b.state].length > 30) fail(40058, 'state is longer than 30 characters');
      const config_id = this.nextId('jw');
      // The remark is cut at 30 characters, not refused (doc 92229).
      const remark = typeof b.remark === 'string' ? [...b.remark].slice(0, 30).join('') : undefined;
      this.joinWays.set(config_id, {
        config_id, scene: b.scene, ...(remark === undefined ? {} : { remark }), auto_create_room: b.auto_create_room ?? 1, chat_id_list: chats,
        ...(b.state ? { state: b.state } : {}), qr_code: `https://p.qpic.cn/wwhead/fake/${config_id}/0`,
      });
      return { config_id }; // no qr_code here: read it with get_join_way
    },
    'externalcontact/groupchat/get_join_way': (_q, b) => {
      const w = this.joinWays.get(String(b.config_id ?? ''));
      if (!w) fail(40058, 'invalid config_id'); // the doc names no errcode for an unknown config_id
      return { join_way: w };
    },
    'externalcontact/groupchat/del_join_way': (_q, b) => {
      if (!this.joinWays.delete(String(b.config_id ?? ''))) fail(40058, 'invalid config_id');
      return {};
    },
    'externalcontact/groupchat/get': (_q, b) => {
      const c = this.chats.get(String(b.chat_id));
      if (!c) fail(40050, 'chatid not found');
      return { group_chat: c };
    },
    'externalcontact/transfer_customer': (_q, b) => this.transfer(b),
    'externalcontact/resigned/transfer_customer': (_q, b) => this.transfer(b),
    'externalcontact/transfer_result': (_q, b) => this.transferStatus(b),
    'externalcontact/resigned/transfer_result': (_q, b) => this.transferStatus(b),
  };

  /** add_msg_template with chat_type group (spec §4.5): sender required, chat_id_list ≤2,000, only the sender's groups. */
  private groupTemplate(b: Record<string, unknown>): Record<string, unknown> {
    const sender = String(b.sender ?? '');
    if (!sender) fail(40058, 'sender is required for chat_type group');
    const chats = ((b.chat_id_list as string[] | undefined) ?? []).map(String);
    if (chats.length > 2000) fail(40058, 'chat_id_list holds more than 2000 chats');
    const content = String((b.text as { content?: string } | undefined)?.content ?? '');
    if (!content && !b.attachments) fail(41048, 'text and attachments are both empty');
    const targets = chats.length > 0 ? chats : [...this.chats.values()].filter((c) => c.owner === sender).map((c) => c.chat_id);
    const fail_list = targets.filter((id) => this.chats.get(id)?.owner !== sender);
    const ok = targets.filter((id) => !fail_list.includes(id));
    if (ok.length === 0) fail(41048, 'no group to send to');
    const msgid = this.nextId('msg');
    this.templates.set(msgid, { msgid, sender, externalUserIds: [], chatIds: ok, content, status: new Map(ok.map((id) => [id, 0])), sendTime: undefined });
    return { msgid, fail_list };
  }

  private filePart(b: Record<string, unknown>): { filename: string; bytes: Buffer } {
    const parts = b._multipart as { name: string; filename: string; bytes: Buffer }[] | undefined;
    // Every checked client names the part "media" (spec §4.11); another name reaches WeCom as no file.
    const f = parts?.find((p) => p.name === 'media' && p.filename);
    if (!f || f.bytes.length === 0) fail(44001, 'empty media data');
    if (f!.bytes.length <= 5) fail(40006, 'invalid file size: a file must be larger than 5 bytes');
    return f!;
  }

  /** Attachments of add_msg_template / add_moment_task: types known, each object matching its msgtype, media_ids live. */
  private checkAttachments(raw: unknown, scope: 'message' | 'moment'): void {
    const list = (raw as Record<string, Record<string, unknown> | string>[] | undefined) ?? [];
    if (list.length > 9) fail(41064, 'too many attachments');
    const allowed = scope === 'message' ? ['image', 'link', 'miniprogram', 'video', 'file'] : ['image', 'video', 'link'];
    for (const a of list) {
      const type = String(a.msgtype ?? '');
      const obj = a[type] as Record<string, unknown> | undefined;
      if (!allowed.includes(type) || !obj || typeof obj !== 'object') fail(41065, `invalid attachment type ${type}`);
      const ids = scope === 'message'
        ? [type === 'miniprogram' ? obj!.pic_media_id : type === 'link' ? undefined : obj!.media_id]
        : [obj!.media_id];
      if (type === 'link' && (!obj!.title || !obj!.url)) fail(40058, 'link.title and link.url are required');
      if (type === 'miniprogram' && (!obj!.title || !obj!.appid || !obj!.page)) fail(40058, 'miniprogram.title, appid and page are required');
      for (const id of ids) {
        if (id === undefined && type === 'link' && scope === 'message') continue;
        if (type === 'image' && scope === 'message' && !id && obj!.pic_url) continue;
        const m = this.media.get(String(id ?? ''));
        if (!m || m.scope !== scope) fail(40007, 'invalid media_id');
        if (m!.createdAt * 1000 + 3 * 86_400_000 <= this.now()) fail(40145, 'media_id expired');
      }
    }
  }

  private transfer(b: Record<string, unknown>): Record<string, unknown> {
    const ids = (b.external_userid as string[] | undefined) ?? [];
    if (ids.length > 100) fail(40058, 'at most 100 external_userid');
    return {
      customer: ids.map((id) => {
        const e = this.contacts.get(id);
        if (!e?.follows.has(String(b.handover_userid))) return { external_userid: id, errcode: 40096 };
        this.transfers.push({ handover: String(b.handover_userid), takeover: String(b.takeover_userid), externalUserId: id, status: 2 });
        return { external_userid: id, errcode: 0 };
      }),
    };
  }

  private transferStatus(b: Record<string, unknown>): Record<string, unknown> {
    return {
      customer: this.transfers
        .filter((t) => t.handover === b.handover_userid && t.takeover === b.takeover_userid)
        .map((t) => ({ external_userid: t.externalUserId, status: t.status })),
      next_cursor: '',
    };
  }

  /** Complete pending transfers (WeCom does it after 24 h): the contact moves to the taker. */
  completeTransfers(): void {
    for (const t of this.transfers.filter((x) => x.status === 2)) {
      const e = this.contacts.get(t.externalUserId);
      const f = e?.follows.get(t.handover);
      if (e && f) {
        e.follows.delete(t.handover);
        e.follows.set(t.takeover, { ...f, userid: t.takeover, createtime: Math.floor(this.now() / 1000) });
        this.addUser(t.takeover);
      }
      t.status = 1;
    }
  }

  private withTagNames(f: FollowUser): FollowUser {
    const tags = (f.tag_id ?? []).flatMap((id) => {
      const g = this.tagGroups.find((x) => x.tag.some((t) => t.id === id));
      const t = g?.tag.find((x) => x.id === id);
      return g && t ? [{ group_name: g.group_name, tag_name: t.name, tag_id: id, type: 1 }] : [];
    });
    const { tag_id: _, ...rest } = f;
    return { ...rest, tags };
  }
}

class FakeError extends Error {
  readonly errcode: number;
  constructor(errcode: number, message: string) {
    super(message);
    this.errcode = errcode;
  }
}

const isJpegOrPng = (b: Buffer) => (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) || b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

/** The parts of a multipart/form-data body; a missing boundary (a hand-set header) gives none. */
function parseMultipart(contentType: string, raw: Buffer): { name: string; filename: string; bytes: Buffer }[] {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return [];
  const delim = Buffer.from(`--${boundary}`);
  const parts: { name: string; filename: string; bytes: Buffer }[] = [];
  let at = raw.indexOf(delim);
  while (at >= 0) {
    const start = at + delim.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delim, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2); // after CRLF, before CRLF--
    const headEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headEnd).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1] ?? '', filename: /filename="([^"]*)"/.exec(head)?.[1] ?? '', bytes: Buffer.from(part.subarray(headEnd + 4)),
    });
    at = next;
  }
  return parts;
}

function fail(errcode: number, message: string): never {
  throw new FakeError(errcode, message);
}
