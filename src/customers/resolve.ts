/** Identity resolution against the store: the pure plan, then its effects. */
import type { Queryable } from '../store/db.ts';
import { identityKey, planResolution, blockKey, type Identity, type PlannedCustomer } from './identity.ts';
import { mergeCustomers, type Actor } from './merge.ts';

export interface Resolution {
  customerIds: number[];
  createdIds: number[];
  merges: { mergeId: number; survivor: number; merged: number }[];
}

export async function resolveCustomers(
  tx: Queryable,
  workspaceId: string,
  items: readonly (readonly Identity[])[],
  actor: Actor,
): Promise<Resolution> {
  const unique = new Map<string, Identity>();
  for (const ids of items) for (const i of ids) unique.set(identityKey(i), i);
  const all = [...unique.values()];
  const knownRows = all.length === 0 ? [] : await tx.query<{ kind: string; value: string; customer_id: number }>(
    `SELECT ci.kind, ci.value, ci.customer_id FROM customer_identities ci
     JOIN unnest($2::text[], $3::text[]) AS k(kind, value) ON ci.kind = k.kind AND ci.value = k.value
     WHERE ci.workspace_id = $1`,
    [workspaceId, all.map((i) => i.kind), all.map((i) => i.value)],
  );
  const known = new Map(knownRows.map((r) => [`${r.kind}\u0000${r.value}`, r.customer_id]));
  const knownCustomers = [...new Set(known.values())];
  const blockRows = knownCustomers.length < 2 ? [] : await tx.query<{ customer_a: number; customer_b: number }>(
    `SELECT customer_a, customer_b FROM merge_blocks
     WHERE workspace_id = $1 AND customer_a = ANY($2::bigint[]) AND customer_b = ANY($2::bigint[])`,
    [workspaceId, knownCustomers],
  );
  const plan = planResolution({ known, blocked: new Set(blockRows.map((b) => blockKey(b.customer_a, b.customer_b))), items });

  const createdIds = plan.created === 0 ? [] : (await tx.query<{ id: number }>(
    `SELECT nextval('customer_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1`,
    [plan.created],
  )).map((r) => r.id);
  if (createdIds.length > 0) {
    await tx.query(
      `INSERT INTO customers (workspace_id, customer_id) SELECT $1, unnest($2::bigint[])`,
      [workspaceId, createdIds],
    );
    await tx.query(
      `INSERT INTO customer_aggregates (workspace_id, customer_id) SELECT $1, unnest($2::bigint[])`,
      [workspaceId, createdIds],
    );
  }
  const idOf = (p: PlannedCustomer): number => ('existing' in p ? p.existing : createdIds[p.created]!);

  const merges: Resolution['merges'] = [];
  for (const m of plan.merges) {
    const mergeId = await mergeCustomers(tx, workspaceId, m.survivor, m.merged, { because: m.because }, actor);
    merges.push({ mergeId, survivor: m.survivor, merged: m.merged });
  }
  if (plan.newIdentities.length > 0) {
    await tx.query(
      `INSERT INTO customer_identities (workspace_id, kind, value, customer_id)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])
       ON CONFLICT DO NOTHING`,
      [
        workspaceId,
        plan.newIdentities.map((n) => n.identity.kind),
        plan.newIdentities.map((n) => n.identity.value),
        plan.newIdentities.map((n) => idOf(n.customer)),
      ],
    );
  }
  return { customerIds: plan.itemCustomers.map(idOf), createdIds, merges };
}
