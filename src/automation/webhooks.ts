/**
 * Outbound webhooks: rows written with the firing (so a crash loses none), delivered by a
 * loop with a timeout, retries with exponential backoff, and an HMAC-SHA256 signature the
 * receiver can check: header `x-siyu-signature: sha256=<hex of HMAC(secret, body)>`.
 * Only to targets the workspace allows (see webhook-targets.ts): the public internet,
 * and internal receivers an admin named.
 */
import { createHmac } from 'node:crypto';
import type { Db, Queryable } from '../store/db.ts';
import { getWebhookTargets, literalTargetProblem, postToTarget, targetPolicy, type TargetPolicy } from './webhook-targets.ts';

export const MAX_ATTEMPTS = 8;

/** Seconds until the next try after `attempts` failures: 10 s, 20 s, 40 s … at most an hour. */
export const backoffSeconds = (attempts: number): number => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface DeliveryOptions {
  now: number;
  limit?: number;
  timeoutMs?: number;
  /** Tests: stands in for the network (the literal-address check still applies). */
  fetchImpl?: typeof fetch;
}

/** Deliver what is due. Rows are locked while being sent, so two loops never send one twice. */
export async function deliverWebhooks(db: Db, opts: DeliveryOptions): Promise<{ delivered: number; failed: number; retrying: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ workspace_id: string; delivery_id: number; url: string; secret: string | null; body: unknown; attempts: number }>(
      `SELECT workspace_id, delivery_id, url, secret, body, attempts FROM webhook_outbox
       WHERE status = 'pending' AND next_at <= $1 ORDER BY next_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [new Date(opts.now), opts.limit ?? 20],
    );
    const out = { delivered: 0, failed: 0, retrying: 0 };
    const policies = new Map<string, TargetPolicy>();
    const policyOf = async (q: Queryable, ws: string) => {
      if (!policies.has(ws)) policies.set(ws, targetPolicy(await getWebhookTargets(q, ws)));
      return policies.get(ws)!;
    };
    for (const r of rows) {
      const body = JSON.stringify(r.body);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-siyu-delivery': `${r.workspace_id}:${r.delivery_id}` };
      if (r.secret) headers['x-siyu-signature'] = signBody(r.secret, body);
      let error: string | null = null;
      try {
        const policy = await policyOf(tx, r.workspace_id);
        let status: number;
        if (opts.fetchImpl) {
          const problem = literalTargetProblem(r.url, policy);
          if (problem) throw new Error(`refused: ${problem}`);
          status = (await opts.fetchImpl(r.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })).status;
        } else {
          status = (await postToTarget(r.url, { headers, body, timeoutMs: opts.timeoutMs ?? 5000 }, policy)).status;
        }
        if (status >= 300 && status < 400) error = `HTTP ${status}: redirects are not followed (the target must answer itself)`;
        else if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const attempts = r.attempts + 1;
      const status = error === null ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      await tx.query(
        `UPDATE webhook_outbox SET status = $3, attempts = $4, last_error = $5, next_at = $6,
           delivered_at = CASE WHEN $3 = 'delivered' THEN $7::timestamptz END
         WHERE workspace_id = $1 AND delivery_id = $2`,
        [r.workspace_id, r.delivery_id, status, attempts, error, new Date(opts.now + backoffSeconds(attempts) * 1000), new Date(opts.now)],
      );
      if (status === 'delivered') out.delivered++;
      else if (status === 'failed') out.failed++;
      else out.retrying++;
    }
    return out;
  });
}
