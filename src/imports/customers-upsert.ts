/**
 * Customer upsert: resolve identities with the same resolver intake uses (create, link,
 * merge), set the explicit profile fields only where they differ, and tag. One
 * transaction per call, under the workspace lock, so a second identical call changes
 * nothing and writes no audit rows.
 */
import { audit, resolveCustomers, identityKey, type Actor, type Identity } from '../customers/index.ts';
import type { Db, Queryable } from '../store/db.ts';
import { addTagsByPath } from '../tags/index.ts';
import { workspaceLock } from '../workspaces/index.ts';
import type { FieldValue } from '../record/index.ts';

export type Gender = 'male' | 'female' | 'unknown';

/** Explicit profile values; an absent field leaves the stored value alone. */
export interface CustomerProfileInput {
  name?: string;
  gender?: Gender;
  ownerStaff?: string;
  channel?: string;
  addedAt?: Date;
  remark?: string;
  description?: string;
  province?: string;
  city?: string;
  /** YYYY-MM-DD */
  birthday?: string;
  ageBand?: string;
  /** Custom field values by key, already checked against the definitions; merged into the stored ones. */
  custom?: Record<string, FieldValue>;
}

export interface CustomerUpsertItem {
  identities: Identity[];
  profile: CustomerProfileInput;
  /** "group/tag" paths. */
  tags: readonly string[];
}

export interface CustomerUpsertResult {
  /** Per item: the customer it belongs to, and whether anything about that customer changed. */
  items: { customerId: number; changed: boolean }[];
  created: number;
  profilesUpdated: number;
  /** Tags that could not be put on (unknown exclusive conflict, bad path, …). */
  tagProblems: { item: number; path: string; reason: string }[];
}

const FIELDS = [
  ['name', 'name'],
  ['gender', 'gender'],
  ['ownerStaff', 'owner_staff'],
  ['channel', 'channel'],
  ['addedAt', 'added_at'],
  ['remark', 'remark'],
  ['description', 'description'],
  ['province', 'province'],
  ['city', 'city'],
  ['birthday', 'birthday'],
  ['ageBand', 'age_band'],
] as const;
type Column = (typeof FIELDS)[number][1];
type StoredProfile = Record<Column, string | Date | null>;

const same = (a: string | Date | null | undefined, b: string | Date | null | undefined): boolean =>
  a instanceof Date || b instanceof Date
    ? a != null && b != null && new Date(a).getTime() === new Date(b).getTime()
    : (a ?? null) === (b ?? null);

const auditValue = (v: string | Date | null | undefined) => (v instanceof Date ? v.toISOString() : (v ?? null));

export async function upsertCustomers(
  db: Db,
  workspaceId: string,
  items: readonly CustomerUpsertItem[],
  provenance: { actor: Actor; sourceId: string },
): Promise<CustomerUpsertResult> {
  if (items.length === 0) return { items: [], created: 0, profilesUpdated: 0, tagProblems: [] };
  return db.transaction(async (tx) => {
    await workspaceLock(tx, workspaceId);
    const knownBefore = await knownIdentities(tx, workspaceId, items);
    const resolution = await resolveCustomers(tx, workspaceId, items.map((i) => i.identities), provenance.actor);
    const ids = resolution.customerIds;
    const changed = new Set<number>([...resolution.createdIds, ...resolution.merges.map((m) => m.survivor)]);
    items.forEach((item, i) => {
      if (item.identities.some((x) => !knownBefore.has(identityKey(x)))) changed.add(ids[i]!);
    });

    const profilesUpdated = await setProfiles(tx, workspaceId, items, ids, provenance);
    for (const c of profilesUpdated) changed.add(c);

    const tagItems: { customerId: number; path: string; item: number }[] = [];
    items.forEach((item, i) => {
      for (const path of item.tags) tagItems.push({ customerId: ids[i]!, path, item: i });
    });
    const tagProblems: CustomerUpsertResult['tagProblems'] = [];
    if (tagItems.length > 0) {
      const customers = [...new Set(tagItems.map((t) => t.customerId))];
      const before = await heldTags(tx, workspaceId, customers);
      const problems = await addTagsByPath(
        tx,
        workspaceId,
        tagItems.map(({ customerId, path }) => ({ customerId, path })),
        { source: 'import', sourceId: provenance.sourceId, actor: provenance.actor },
        { createMissing: true },
      );
      for (const p of problems) {
        const t = tagItems[p.index]!;
        tagProblems.push({ item: t.item, path: t.path, reason: p.reason });
      }
      const after = await heldTags(tx, workspaceId, customers);
      for (const [customerId, tags] of after) {
        const prev = before.get(customerId);
        if (!prev || prev.size !== tags.size || [...tags].some((t) => !prev.has(t))) changed.add(customerId);
      }
    }
    return {
      items: ids.map((customerId) => ({ customerId, changed: changed.has(customerId) })),
      created: resolution.createdIds.length,
      profilesUpdated: profilesUpdated.length,
      tagProblems,
    };
  });
}

async function knownIdentities(tx: Queryable, workspaceId: string, items: readonly CustomerUpsertItem[]): Promise<Set<string>> {
  const unique = new Map<string, Identity>();
  for (const item of items) for (const i of item.identities) unique.set(identityKey(i), i);
  const all = [...unique.values()];
  const rows = await tx.query<Identity>(
    `SELECT ci.kind, ci.value FROM customer_identities ci
     JOIN unnest($2::text[], $3::text[]) AS k(kind, value) ON ci.kind = k.kind AND ci.value = k.value
     WHERE ci.workspace_id = $1`,
    [workspaceId, all.map((i) => i.kind), all.map((i) => i.value)],
  );
  return new Set(rows.map(identityKey));
}

/** Write the differing explicit fields; later items win for one customer. Returns the changed customers. */
async function setProfiles(
  tx: Queryable,
  workspaceId: string,
  items: readonly CustomerUpsertItem[],
  ids: readonly number[],
  provenance: { actor: Actor; sourceId: string },
): Promise<number[]> {
  const wanted = new Map<number, Partial<StoredProfile>>();
  const wantedCustom = new Map<number, Record<string, FieldValue>>();
  items.forEach((item, i) => {
    const w = wanted.get(ids[i]!) ?? {};
    for (const [key, column] of FIELDS) {
      const v = item.profile[key];
      if (v !== undefined) w[column] = v;
    }
    if (item.profile.custom && Object.keys(item.profile.custom).length > 0) {
      wantedCustom.set(ids[i]!, { ...wantedCustom.get(ids[i]!), ...item.profile.custom });
    }
    if (Object.keys(w).length > 0 || wantedCustom.has(ids[i]!)) wanted.set(ids[i]!, w);
  });
  if (wanted.size === 0) return [];
  const current = await tx.query<StoredProfile & { customer_id: number; custom_fields: Record<string, FieldValue> }>(
    `SELECT customer_id, name, gender, owner_staff, channel, added_at, remark, description, province, city, birthday::text AS birthday,
            age_band, custom_fields FROM customers
     WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
    [workspaceId, [...wanted.keys()]],
  );
  const updates: (Partial<StoredProfile> & { customer_id: number })[] = [];
  const changes: { customerId: number; changes: Record<string, { from: unknown; to: unknown }> }[] = [];
  for (const row of current) {
    const w = wanted.get(row.customer_id)!;
    const diff: Partial<StoredProfile> = {};
    const described: Record<string, { from: unknown; to: unknown }> = {};
    for (const [, column] of FIELDS) {
      if (!(column in w) || same(w[column], row[column])) continue;
      diff[column] = w[column]!;
      described[column] = { from: auditValue(row[column]), to: auditValue(w[column]) };
    }
    const custom: Record<string, FieldValue> = {};
    for (const [key, to] of Object.entries(wantedCustom.get(row.customer_id) ?? {})) {
      const from = row.custom_fields?.[key] ?? null;
      if (JSON.stringify(from) === JSON.stringify(to)) continue;
      custom[key] = to;
      described[`custom.${key}`] = { from, to };
    }
    if (Object.keys(described).length === 0) continue;
    updates.push({ customer_id: row.customer_id, ...diff, ...(Object.keys(custom).length ? { custom } : {}), remark_changed: 'remark' in diff || 'description' in diff } as never);
    changes.push({ customerId: row.customer_id, changes: described });
  }
  if (updates.length === 0) return [];
  await tx.query(
    `UPDATE customers c SET
       name        = COALESCE(r.name, c.name),
       gender      = COALESCE(r.gender, c.gender),
       owner_staff = COALESCE(r.owner_staff, c.owner_staff),
       channel     = COALESCE(r.channel, c.channel),
       added_at    = COALESCE(r.added_at, c.added_at),
       remark      = COALESCE(r.remark, c.remark),
       description = COALESCE(r.description, c.description),
       province    = COALESCE(r.province, c.province),
       city        = COALESCE(r.city, c.city),
       birthday    = COALESCE(r.birthday, c.birthday),
       age_band    = COALESCE(r.age_band, c.age_band),
       custom_fields = c.custom_fields || COALESCE(r.custom, '{}'),
       -- An imported remark is a person's intent like an edit: it goes to the owner's WeCom contact.
       remark_dirty = c.remark_dirty OR COALESCE(r.remark_changed, false),
       updated_at  = now()
     FROM jsonb_to_recordset($2::jsonb) AS r(customer_id bigint, name text, gender text, owner_staff text, channel text, added_at timestamptz,
       remark text, description text, province text, city text, birthday date, age_band text, custom jsonb, remark_changed boolean)
     WHERE c.workspace_id = $1 AND c.customer_id = r.customer_id`,
    [workspaceId, JSON.stringify(updates)],
  );
  for (const c of changes) {
    await audit(tx, workspaceId, provenance.actor, 'customer.profile_set', c.customerId, { source: provenance.sourceId, changes: c.changes });
  }
  return changes.map((c) => c.customerId);
}

async function heldTags(tx: Queryable, workspaceId: string, customerIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const rows = await tx.query<{ customer_id: number; tag_id: number }>(
    `SELECT customer_id, tag_id FROM customer_tags WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[])`,
    [workspaceId, [...customerIds]],
  );
  const out = new Map<number, Set<number>>();
  for (const r of rows) {
    const s = out.get(r.customer_id) ?? new Set<number>();
    s.add(r.tag_id);
    out.set(r.customer_id, s);
  }
  return out;
}
