/**
 * The contact policy as workspace configuration (settings.contactPolicy), validated with
 * one schema; a bad setting is refused with its path named.
 */
import { z } from 'zod';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { DEFAULT_CONTACT_POLICY, type ContactPolicy } from './policy.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00–23:59)');

export const contactPolicySchema = z
  .object({
    marketingMinTrust: z.number().int().min(0).max(5).default(DEFAULT_CONTACT_POLICY.marketingMinTrust),
    frequencyCap: z
      .object({
        touches: z.number().int().min(0).max(1000).default(DEFAULT_CONTACT_POLICY.frequencyCap.touches),
        windowDays: z.number().int().min(1).max(365).default(DEFAULT_CONTACT_POLICY.frequencyCap.windowDays),
      })
      .strict()
      .prefault({}),
    quietHours: z
      .object({
        enabled: z.boolean().default(DEFAULT_CONTACT_POLICY.quietHours.enabled),
        start: clock.default(DEFAULT_CONTACT_POLICY.quietHours.start),
        end: clock.default(DEFAULT_CONTACT_POLICY.quietHours.end),
      })
      .strict()
      .prefault({}),
    massMessagesPerDay: z.number().int().min(0).max(100).default(DEFAULT_CONTACT_POLICY.massMessagesPerDay),
  })
  .strict();

export type ContactPolicyInput = z.input<typeof contactPolicySchema>;

export function parseContactPolicy(raw: unknown): ContactPolicy {
  const r = contactPolicySchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const msg = i.code === 'unrecognized_keys' ? `unknown setting${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
    return path ? `${path}: ${msg}` : msg;
  });
  throw new SiyuError('validation_failed', `invalid contact policy: ${problems.join('; ')}`, problems);
}

/** The workspace's contact policy (defaults where it sets nothing). */
export async function getContactPolicy(q: Queryable, workspaceId: string): Promise<ContactPolicy> {
  const [row] = await q.query<{ policy: unknown }>(`SELECT settings->'contactPolicy' AS policy FROM workspaces WHERE workspace_id = $1`, [workspaceId]);
  if (!row) throw new SiyuError('not_found', `workspace "${workspaceId}" does not exist`);
  return row.policy ? parseContactPolicy(row.policy) : DEFAULT_CONTACT_POLICY;
}

/** Replace the contact policy with a validated one; returns what was stored. */
export async function setContactPolicy(q: Queryable, workspaceId: string, raw: unknown): Promise<ContactPolicy> {
  const policy = parseContactPolicy(raw);
  const rows = await q.query(
    `UPDATE workspaces SET settings = jsonb_set(settings, '{contactPolicy}', $2::jsonb) WHERE workspace_id = $1 RETURNING 1`,
    [workspaceId, JSON.stringify(policy)],
  );
  if (rows.length === 0) throw new SiyuError('not_found', `workspace "${workspaceId}" does not exist`);
  return policy;
}

/**
 * Change single settings by path ("quietHours.start" = "23:00"), the way the CLI's
 * --key a=b does; values are read as JSON when they parse, else as text.
 */
export async function updateContactPolicy(q: Queryable, workspaceId: string, changes: Record<string, string>): Promise<ContactPolicy> {
  const current = structuredClone(await getContactPolicy(q, workspaceId)) as unknown as Record<string, unknown>;
  for (const [path, text] of Object.entries(changes)) {
    const keys = path.split('.');
    let node = current;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      if (next === null || typeof next !== 'object') throw new SiyuError('validation_failed', `invalid contact policy: ${path}: unknown setting "${k}"`);
      node = next as Record<string, unknown>;
    }
    let value: unknown = text;
    try { value = JSON.parse(text); } catch { /* plain text, e.g. 23:00 */ }
    node[keys.at(-1)!] = value;
  }
  return setContactPolicy(q, workspaceId, current);
}
