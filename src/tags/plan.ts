/**
 * Deciding what tagging a batch of customers changes, from the rows they hold now.
 * Pure, so hand tagging, rules and imports share one set of rules:
 * - a tag a customer already holds is not added twice; a new reason or expiry updates it;
 * - in a single-choice (exclusive) group the new tag replaces the one held;
 * - one batch cannot put two tags of one exclusive group on the same customer.
 */
import type { ActorKind } from '../customers/index.ts';

export interface PlannedTag {
  tagId: number;
  groupId: number;
  exclusive: boolean;
  path: string;
}

/** A customer_tags row, with the tag's path for the audit trail. */
export interface HeldTag {
  customerId: number;
  tagId: number;
  groupId: number;
  exclusive: boolean;
  path: string;
  source: ActorKind;
  sourceId: string | null;
  reason: string | null;
  taggedAt: Date;
  expiresAt: Date | null;
}

export interface Provenance {
  source: ActorKind;
  sourceId?: string | undefined;
  reason?: string | undefined;
  /** undefined: a new tag never expires and a held tag keeps its expiry; null: never expires. */
  expiresAt?: Date | null | undefined;
}

/** What happened to one customer's tag, as written to the audit trail. */
export type TagAction = 'tag.added' | 'tag.updated' | 'tag.replaced' | 'tag.expired' | 'tag.removed' | 'tag.merged';

export interface PlannedAudit {
  customerId: number;
  action: TagAction;
  details: Record<string, unknown>;
}

export type Outcome =
  | { index: number; customerId: number; status: 'added'; replaced: string[] }
  | { index: number; customerId: number; status: 'updated' | 'unchanged' }
  | { index: number; customerId: number; status: 'conflict'; reason: string };

export interface TaggingPlan {
  /** (customer, tag) rows to delete, before the upserts (an exclusive group holds one row). */
  deletes: { customerId: number; tagId: number }[];
  /** Final rows to write; an existing row of the same (customer, tag) is overwritten. */
  upserts: HeldTag[];
  audits: PlannedAudit[];
  outcomes: Outcome[];
}

export const isLive = (row: Pick<HeldTag, 'expiresAt'>, now: Date): boolean =>
  row.expiresAt === null || row.expiresAt.getTime() > now.getTime();

const sameTime = (a: Date | null, b: Date | null): boolean => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

export function planTagging(
  assignments: readonly { index: number; customerId: number; tag: PlannedTag }[],
  held: readonly HeldTag[],
  provenance: Provenance,
  now: Date,
): TaggingPlan {
  const slot = (customerId: number, groupId: number) => `${customerId}:${groupId}`;
  const state = new Map<string, HeldTag[]>();
  for (const row of held) {
    const k = slot(row.customerId, row.groupId);
    state.set(k, [...(state.get(k) ?? []), row]);
  }
  const chosenInBatch = new Map<string, PlannedTag>();
  const deletes = new Map<string, { customerId: number; tagId: number }>();
  const upserts = new Map<string, HeldTag>();
  const plan: TaggingPlan = { deletes: [], upserts: [], audits: [], outcomes: [] };
  const provenanceDetails = {
    source: provenance.source,
    ...(provenance.sourceId !== undefined ? { sourceId: provenance.sourceId } : {}),
    ...(provenance.reason !== undefined ? { reason: provenance.reason } : {}),
  };

  for (const { index, customerId, tag } of assignments) {
    const k = slot(customerId, tag.groupId);
    if (tag.exclusive) {
      const earlier = chosenInBatch.get(k);
      if (earlier && earlier.tagId !== tag.tagId) {
        plan.outcomes.push({
          index, customerId, status: 'conflict',
          reason: `customer ${customerId} cannot hold both "${earlier.path}" and "${tag.path}": the group is single-choice`,
        });
        continue;
      }
      chosenInBatch.set(k, tag);
    }
    const rows = state.get(k) ?? [];
    const same = rows.find((r) => r.tagId === tag.tagId);

    if (same && isLive(same, now)) {
      const reason = provenance.reason !== undefined && provenance.reason !== same.reason ? provenance.reason : same.reason;
      const expiresAt = provenance.expiresAt !== undefined && !sameTime(provenance.expiresAt, same.expiresAt) ? provenance.expiresAt : same.expiresAt;
      if (reason === same.reason && expiresAt === same.expiresAt) {
        plan.outcomes.push({ index, customerId, status: 'unchanged' });
        continue;
      }
      const updated: HeldTag = { ...same, reason, expiresAt };
      upserts.set(`${customerId}:${tag.tagId}`, updated);
      state.set(k, rows.map((r) => (r === same ? updated : r)));
      plan.audits.push({
        customerId, action: 'tag.updated',
        details: { tag: tag.path, tagId: tag.tagId, ...provenanceDetails, reason, expiresAt: expiresAt?.toISOString() ?? null,
          previous: { reason: same.reason, expiresAt: same.expiresAt?.toISOString() ?? null } },
      });
      plan.outcomes.push({ index, customerId, status: 'updated' });
      continue;
    }

    const replaced: string[] = [];
    const kept: HeldTag[] = [];
    for (const r of rows) {
      if (!tag.exclusive || r.tagId === tag.tagId) {
        kept.push(r);
        continue;
      }
      deletes.set(`${customerId}:${r.tagId}`, { customerId, tagId: r.tagId });
      upserts.delete(`${customerId}:${r.tagId}`);
      if (isLive(r, now)) {
        replaced.push(r.path);
        plan.audits.push({ customerId, action: 'tag.replaced', details: { tag: r.path, tagId: r.tagId, replacedBy: tag.path, ...provenanceDetails } });
      } else {
        plan.audits.push({ customerId, action: 'tag.expired', details: { tag: r.path, tagId: r.tagId, expiresAt: r.expiresAt?.toISOString() ?? null } });
      }
    }
    const row: HeldTag = {
      customerId, tagId: tag.tagId, groupId: tag.groupId, exclusive: tag.exclusive, path: tag.path,
      source: provenance.source, sourceId: provenance.sourceId ?? null, reason: provenance.reason ?? null,
      taggedAt: now, expiresAt: provenance.expiresAt ?? null,
    };
    // An expired row of the same tag is overwritten: the customer did not visibly hold it.
    upserts.set(`${customerId}:${tag.tagId}`, row);
    state.set(k, [...kept.filter((r) => r.tagId !== tag.tagId), row]);
    plan.audits.push({
      customerId, action: 'tag.added',
      details: { tag: tag.path, tagId: tag.tagId, ...provenanceDetails, expiresAt: row.expiresAt?.toISOString() ?? null,
        ...(replaced.length > 0 ? { replaced } : {}) },
    });
    plan.outcomes.push({ index, customerId, status: 'added', replaced });
  }
  plan.deletes = [...deletes.values()];
  plan.upserts = [...upserts.values()];
  return plan;
}
