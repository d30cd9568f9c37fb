/**
 * Putting tags on customers and taking them off, by hand (staff), by rules, by the API
 * and by the segmentation models, each change recorded with who or what made it and why.
 */
import type { Actor, ActorKind } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { SYSTEM_CATEGORY } from '../workspaces/index.ts';
import { planTagging } from './plan.ts';
import { atomically, findTag, type TagInfo } from './refs.ts';
import { currentCustomerIds, executePlan, loadHeld, lockCustomers, removeTagRows } from './rows.ts';

export type TagSource = ActorKind;

export const MAX_REASON_LENGTH = 500;

export interface TagCustomersInput {
  customerIds: readonly number[];
  /** "group/tag" (an alias works too) or the tag id. */
  tag: string | number;
  source: TagSource;
  /** The staff id, rule id, import id … that put the tag on. */
  sourceId?: string | undefined;
  reason?: string | undefined;
  /** When the tag stops holding; null makes a held tag permanent again. */
  expiresAt?: Date | null | undefined;
  actor: Actor;
  now?: Date | undefined;
}

export interface TagCustomersResult {
  tag: string;
  tagId: number;
  added: number[];
  /** Customers who already held the tag and got a new reason or expiry. */
  updated: number[];
  unchanged: number[];
  /** Tags of a single-choice group that the new tag took the place of. */
  replaced: { customerId: number; tag: string }[];
}

export interface UntagCustomersInput {
  customerIds: readonly number[];
  tag: string | number;
  source: TagSource;
  sourceId?: string | undefined;
  reason?: string | undefined;
  actor: Actor;
  now?: Date | undefined;
}

export interface UntagCustomersResult {
  tag: string;
  tagId: number;
  removed: number[];
  notHeld: number[];
}

function checkReason(reason: string | undefined): void {
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    throw new SiyuError('validation_failed', `the reason is ${reason.length} characters long; at most ${MAX_REASON_LENGTH}`);
  }
}

/** The segmentation models set their groups; people and rules pin levels through the models. */
export function refuseSystemWrite(tag: TagInfo, source: TagSource): void {
  if (tag.system && source !== 'system') {
    throw new SiyuError(
      'forbidden',
      `"${tag.path}" belongs to the ${SYSTEM_CATEGORY} group "${tag.group}", which the segmentation models set; it cannot be changed by ${source}`,
    );
  }
}

/** Customers by the id asked for, following merges; every id must exist. */
async function currentIds(tx: Queryable, workspaceId: string, requested: readonly number[]): Promise<number[]> {
  const map = await currentCustomerIds(tx, workspaceId, requested);
  const missing = [...new Set(requested)].filter((id) => !map.has(id));
  if (missing.length > 0) {
    throw new SiyuError(
      'not_found',
      `${missing.length === 1 ? 'customer' : 'customers'} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} ` +
        `${missing.length === 1 ? 'does' : 'do'} not exist in workspace "${workspaceId}"`,
    );
  }
  return [...new Set(requested.map((id) => map.get(id)!))];
}

export async function tagCustomers(db: Queryable, workspaceId: string, input: TagCustomersInput): Promise<TagCustomersResult> {
  const now = input.now ?? new Date();
  checkReason(input.reason);
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new SiyuError('validation_failed', `the expiry ${input.expiresAt.toISOString()} is not in the future`);
  }
  return atomically(db, async (tx) => {
    const tag = await findTag(tx, workspaceId, input.tag);
    refuseSystemWrite(tag, input.source);
    const ids = await currentIds(tx, workspaceId, input.customerIds);
    await lockCustomers(tx, workspaceId, ids);
    const held = await loadHeld(tx, workspaceId, ids.map((customerId) => ({ customerId, groupId: tag.groupId })));
    const plan = planTagging(
      ids.map((customerId, index) => ({ index, customerId, tag })),
      held,
      { source: input.source, sourceId: input.sourceId, reason: input.reason, expiresAt: input.expiresAt },
      now,
    );
    await executePlan(tx, workspaceId, input.actor, plan);
    const result: TagCustomersResult = { tag: tag.path, tagId: tag.tagId, added: [], updated: [], unchanged: [], replaced: [] };
    for (const o of plan.outcomes) {
      if (o.status === 'added') {
        result.added.push(o.customerId);
        for (const r of o.replaced) result.replaced.push({ customerId: o.customerId, tag: r });
      } else if (o.status === 'updated') result.updated.push(o.customerId);
      else if (o.status === 'unchanged') result.unchanged.push(o.customerId);
    }
    return result;
  });
}

export async function untagCustomers(db: Queryable, workspaceId: string, input: UntagCustomersInput): Promise<UntagCustomersResult> {
  const now = input.now ?? new Date();
  checkReason(input.reason);
  return atomically(db, async (tx) => {
    const tag = await findTag(tx, workspaceId, input.tag);
    refuseSystemWrite(tag, input.source);
    const ids = await currentIds(tx, workspaceId, input.customerIds);
    const gone = await removeTagRows(tx, workspaceId, { tagIds: [tag.tagId], customerIds: ids }, input.actor, now, {
      reason: input.reason, source: input.source, sourceId: input.sourceId,
    });
    const removed = new Set(gone.filter((g) => g.live).map((g) => g.customerId));
    return { tag: tag.path, tagId: tag.tagId, removed: ids.filter((id) => removed.has(id)), notHeld: ids.filter((id) => !removed.has(id)) };
  });
}

/** Delete tags past their expiry (reads already hide them), one audit row each. */
export async function purgeExpiredTags(db: Queryable, workspaceId: string, now: Date): Promise<number> {
  return atomically(db, async (tx) => {
    const gone = await removeTagRows(tx, workspaceId, { expired: true }, { kind: 'system' }, now, { reason: 'expired', source: 'system' });
    return gone.length;
  });
}
