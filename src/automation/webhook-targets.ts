/**
 * Where outbound webhooks may go. A rule's webhook posts customer data from inside the
 * network Siyu runs in, so by default only the public internet is a target: loopback,
 * private, link-local and other special ranges are refused — by the URL's literal address,
 * by every address its name resolves to at delivery time (the connection goes to the
 * address that was checked), and redirects are never followed. An admin may allow
 * internal receivers by name or range (settings.webhookTargets).
 */
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { audit, type Actor } from '../customers/index.ts';
import { isPublicAddress, parseAddressList, plainAddress } from '../shared/addresses.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';

/** Host names (exact) and addresses or CIDR ranges an admin has allowed. */
export interface WebhookTargets {
  allowed: string[];
}

const HOST = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/i;
const MAX_ENTRIES = 100;

export interface TargetPolicy {
  /** Why the address may not be a target for this host, or null when it may. */
  refusal(host: string, address: string): string | null;
}

export function targetPolicy(targets: WebhookTargets): TargetPolicy {
  const names = new Set(targets.allowed.filter((e) => !plainAddress(e.split('/')[0]!)).map((e) => e.toLowerCase().replace(/\.$/, '')));
  const ranges = parseAddressList(targets.allowed.filter((e) => plainAddress(e.split('/')[0]!)).join(','), 'webhookTargets');
  return {
    refusal(host, address) {
      const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
      if (names.has(name) || ranges.has(address) || isPublicAddress(address)) return null;
      return `${address}${plainAddress(name) ? '' : ` (the address of ${name})`} is not a public internet address; `
        + 'an admin can allow it: PUT /api/v1/settings/webhook-targets';
    },
  };
}

/** Check a list before it is stored: each entry a host name, an address or a CIDR range. */
export function checkWebhookTargets(input: unknown): WebhookTargets {
  if (!Array.isArray(input) || input.some((e) => typeof e !== 'string')) throw new SiyuError('validation_failed', 'allowed: must be a list of host names, addresses or CIDR ranges');
  const allowed = [...new Set((input as string[]).map((e) => e.trim()).filter(Boolean))];
  if (allowed.length > MAX_ENTRIES) throw new SiyuError('validation_failed', `allowed: at most ${MAX_ENTRIES} entries`);
  const problems = allowed.flatMap((e, i) => {
    if (plainAddress(e.split('/')[0]!)) {
      try { parseAddressList(e, `allowed[${i}]`); return []; } catch (err) { return [(err as Error).message]; }
    }
    return HOST.test(e) ? [] : [`allowed[${i}]: "${e.slice(0, 100)}" is not a host name, an address or a CIDR range`];
  });
  if (problems.length > 0) throw new SiyuError('validation_failed', problems.join('; '), problems);
  return { allowed };
}

export async function getWebhookTargets(q: Queryable, workspaceId: string): Promise<WebhookTargets> {
  const [row] = await q.query<{ targets: { allowed?: unknown } | null }>(`SELECT settings->'webhookTargets' AS targets FROM workspaces WHERE workspace_id = $1`, [workspaceId]);
  const allowed = row?.targets?.allowed;
  return { allowed: Array.isArray(allowed) ? allowed.filter((e): e is string => typeof e === 'string') : [] };
}

export async function setWebhookTargets(db: Db, workspaceId: string, input: unknown, actor: Actor): Promise<WebhookTargets> {
  const targets = checkWebhookTargets(input);
  return db.transaction(async (tx) => {
    const before = await getWebhookTargets(tx, workspaceId);
    const rows = await tx.query(`UPDATE workspaces SET settings = jsonb_set(settings, '{webhookTargets}', $2::jsonb) WHERE workspace_id = $1 RETURNING 1`,
      [workspaceId, JSON.stringify(targets)]);
    if (rows.length === 0) throw new SiyuError('not_found', `workspace "${workspaceId}" does not exist`);
    await audit(tx, workspaceId, actor, 'settings.webhook_targets', null, { before: before.allowed, after: targets.allowed });
    return targets;
  });
}

/**
 * The problem with a URL's host as written, before any lookup: an address literal outside
 * the public internet, or a name that always means this machine. Null when none is seen.
 */
export function literalTargetProblem(url: string, policy: TargetPolicy): string | null {
  let host: string;
  try { host = new URL(url).hostname; } catch { return `"${url.slice(0, 200)}" is not a URL`; }
  const address = plainAddress(host);
  if (address) return policy.refusal(host, address);
  if (/^localhost\.?$|\.localhost\.?$/i.test(host)) return policy.refusal(host, '127.0.0.1');
  return null;
}

/** Webhook URLs of a rule's actions whose literal host is not allowed; each problem names its field. */
export function webhookUrlProblems(actions: readonly { type: string; url?: string }[], policy: TargetPolicy): { path: string; message: string }[] {
  return actions.flatMap((a, i) => {
    if (a.type !== 'webhook' || a.url === undefined) return [];
    const problem = literalTargetProblem(a.url, policy);
    return problem ? [{ path: `actions[${i}].url`, message: problem }] : [];
  });
}

/** A DNS lookup that answers only addresses the policy allows, so the socket connects to a checked address. */
function guardedLookup(host: string, policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as { address: string; family: number }[];
      for (const a of list) {
        const refusal = policy.refusal(host, a.address);
        if (refusal) return callback(Object.assign(new Error(`refused: ${refusal}`), { code: 'EWEBHOOKTARGET' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface PostResult {
  status: number;
}

/** POST a body to a checked target; no redirect is followed (a 3xx is the answer). */
export async function postToTarget(url: string, init: { headers: Record<string, string>; body: string; timeoutMs: number }, policy: TargetPolicy): Promise<PostResult> {
  const problem = literalTargetProblem(url, policy);
  if (problem) throw new Error(`refused: ${problem}`);
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, {
      method: 'POST', headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
      lookup: guardedLookup(target.hostname, policy), timeout: init.timeoutMs,
    }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}
