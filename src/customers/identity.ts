/**
 * Identity resolution, planned in pure code: given the identities a batch mentions,
 * the customers those identities already belong to, and the pairs that must never be
 * merged, decide which customer each item belongs to, which customers are new and
 * which existing customers turn out to be one person.
 */
export type IdentityKind = 'external_user_id' | 'union_id' | 'phone' | 'buyer_id';

export interface Identity {
  kind: IdentityKind;
  value: string;
}

/** Strongest first: when identities disagree and a merge is blocked, the strongest decides. */
export const IDENTITY_STRENGTH: readonly IdentityKind[] = ['external_user_id', 'union_id', 'buyer_id', 'phone'];

export const identityKey = (i: Identity): string => `${i.kind}\u0000${i.value}`;

export interface ResolutionInput {
  /** identityKey → customer id, for identities already known. */
  known: ReadonlyMap<string, number>;
  /** Pairs "a:b" (a < b) that a person has split apart. */
  blocked: ReadonlySet<string>;
  /** One identity set per item, in processing order. */
  items: readonly (readonly Identity[])[];
}

/** A customer id in a plan: an existing id, or a new customer by creation order. */
export type PlannedCustomer = { existing: number } | { created: number };

export interface ResolutionPlan {
  /** The customer each item belongs to. */
  itemCustomers: PlannedCustomer[];
  /** How many new customers to create (referenced as { created: i }). */
  created: number;
  /** Identities to record, with their owner. */
  newIdentities: { identity: Identity; customer: PlannedCustomer }[];
  /** Existing customers found to be one person: merged moves into survivor. */
  merges: { survivor: number; merged: number; because: Identity[] }[];
}

export const blockKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function planResolution(input: ResolutionInput): ResolutionPlan {
  // Nodes: existing customers by id (positive), new customers as -(index+1).
  const parent = new Map<number, number>();
  let created = 0;
  // Order: existing ids ascending (oldest first), then new customers in creation order.
  const rank = (n: number) => (n > 0 ? n : Number.MAX_SAFE_INTEGER / 2 - n);
  const find = (n: number): number => {
    let root = n;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    let cur = n;
    while (cur !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const owner = new Map<string, number>(input.known);
  const merges: ResolutionPlan['merges'] = [];
  const itemNodes: number[] = [];
  const newIdentities = new Map<string, Identity>();
  // Existing customers that have absorbed others, to keep block checks transitive.
  const members = new Map<number, number[]>();
  const membersOf = (root: number) => members.get(root) ?? [root];
  const isBlocked = (a: number, b: number) => {
    if (a < 0 || b < 0) return false;
    for (const x of membersOf(a)) for (const y of membersOf(b)) if (x > 0 && y > 0 && input.blocked.has(blockKey(x, y))) return true;
    return false;
  };

  for (const identities of input.items) {
    const roots = [...new Set(identities.map((i) => owner.get(identityKey(i))).filter((c): c is number => c !== undefined).map(find))];
    roots.sort((a, b) => rank(a) - rank(b));
    let target: number;
    if (roots.length === 0) {
      target = -(++created);
      parent.set(target, target);
    } else {
      // The strongest identity's owner leads; others join it unless a person blocked that merge.
      const strongestOwner = strongestKnownOwner(identities, owner, find);
      target = roots[0]!;
      const blockedWithAny = roots.some((r) => roots.some((o) => o !== r && isBlocked(r, o)));
      if (blockedWithAny) {
        target = strongestOwner ?? target;
      } else {
        for (const other of roots.slice(1)) {
          parent.set(other, target);
          members.set(target, [...membersOf(target), ...membersOf(other)]);
          if (target > 0 && other > 0) {
            const because = identities.filter((i) => {
              const o = owner.get(identityKey(i));
              return o !== undefined && (find(o) === target);
            });
            merges.push({ survivor: target, merged: other, because });
          }
        }
      }
    }
    itemNodes.push(target);
    // Link only identities nobody owns yet; under a blocked merge, conflicting ones stay put.
    for (const i of identities) {
      const k = identityKey(i);
      if (!owner.has(k)) {
        owner.set(k, target);
        newIdentities.set(k, i);
      }
    }
  }

  // Renumber surviving new customers densely, in creation order.
  const createdIndex = new Map<number, number>();
  let createdCount = 0;
  const planned = (node: number): PlannedCustomer => {
    const root = find(node);
    if (root > 0) return { existing: root };
    let idx = createdIndex.get(root);
    if (idx === undefined) {
      idx = createdCount++;
      createdIndex.set(root, idx);
    }
    return { created: idx };
  };
  for (let n = 1; n <= created; n++) if (find(-n) === -n) planned(-n);
  return {
    itemCustomers: itemNodes.map(planned),
    created: createdCount,
    newIdentities: [...newIdentities.entries()].map(([k, identity]) => ({ identity, customer: planned(owner.get(k)!) })),
    merges: merges.map((m) => ({ ...m, survivor: find(m.survivor) })),
  };
}

function strongestKnownOwner(
  identities: readonly Identity[],
  owner: ReadonlyMap<string, number>,
  find: (n: number) => number,
): number | undefined {
  for (const kind of IDENTITY_STRENGTH) {
    for (const i of identities) {
      if (i.kind !== kind) continue;
      const o = owner.get(identityKey(i));
      if (o !== undefined) return find(o);
    }
  }
  return undefined;
}
