/**
 * Export: one record per customer (identities, owner, channel, tags, aggregates),
 * read in keyset-paginated pages so memory stays flat at millions of customers.
 */
import type { Queryable } from '../store/db.ts';
import { aggregatesView, customerTags } from './profile.ts';

export interface ExportRecord {
  customerId: number;
  name: string | null;
  gender: string | null;
  ownerStaff: string | null;
  channel: string | null;
  addedAt: string | null;
  wecomFriend: boolean;
  externalUserIds: string[];
  unionIds: string[];
  phones: string[];
  buyerIds: string[];
  tags: string[];
  aggregates: Record<string, unknown>;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export async function* exportCustomers(db: Queryable, workspaceId: string, opts: { pageSize?: number; now?: Date } = {}): AsyncGenerator<ExportRecord> {
  const pageSize = opts.pageSize ?? 1000;
  const now = opts.now ?? new Date();
  let after = 0;
  for (;;) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT a.*, c.customer_id, COALESCE(c.name, a.name) AS display_name, c.gender,
              COALESCE(c.owner_staff, a.added_by_staff) AS owner, COALESCE(c.channel, a.added_channel) AS chan,
              COALESCE(c.added_at, a.added_at) AS added
       FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
       WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND c.customer_id > $2
       ORDER BY c.customer_id LIMIT $3`,
      [workspaceId, after, pageSize],
    );
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.customer_id as number);
    const identities = await db.query<{ customer_id: number; kind: string; value: string }>(
      `SELECT customer_id, kind, value FROM customer_identities WHERE workspace_id = $1 AND customer_id = ANY($2::bigint[]) ORDER BY value`,
      [workspaceId, ids],
    );
    const byCustomer = new Map<number, Record<string, string[]>>();
    for (const i of identities) {
      const m = byCustomer.get(i.customer_id) ?? {};
      (m[i.kind] ??= []).push(i.value);
      byCustomer.set(i.customer_id, m);
    }
    const tags = await customerTags(db, workspaceId, ids, now);
    for (const r of rows) {
      const id = r.customer_id as number;
      const ident = byCustomer.get(id) ?? {};
      yield {
        customerId: id,
        name: r.display_name as string | null,
        gender: r.gender as string | null,
        ownerStaff: r.owner as string | null,
        channel: r.chan as string | null,
        addedAt: iso(r.added),
        wecomFriend: (ident.external_user_id ?? []).length > 0,
        externalUserIds: ident.external_user_id ?? [],
        unionIds: ident.union_id ?? [],
        phones: ident.phone ?? [],
        buyerIds: ident.buyer_id ?? [],
        tags: (tags.get(id) ?? []).map((t) => `${t.group}/${t.tag}`),
        aggregates: aggregatesView(r, now.getTime()),
      };
    }
    after = ids.at(-1)!;
  }
}

const csvCell = (v: unknown): string => {
  const s = v == null ? '' : Array.isArray(v) ? v.join('|') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const BASE_COLUMNS = ['customer_id', 'name', 'gender', 'owner_staff', 'channel', 'added_at', 'wecom_friend', 'external_user_ids', 'union_ids', 'phones', 'buyer_ids', 'tags'] as const;

/** CSV lines (header first) for a stream of export records. */
export async function* toCsv(records: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  let aggregateKeys: string[] | undefined;
  for await (const r of records) {
    if (!aggregateKeys) {
      aggregateKeys = Object.keys(r.aggregates);
      yield `${[...BASE_COLUMNS, ...aggregateKeys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))].join(',')}\n`;
    }
    const base = [r.customerId, r.name, r.gender, r.ownerStaff, r.channel, r.addedAt, r.wecomFriend, r.externalUserIds, r.unionIds, r.phones, r.buyerIds, r.tags];
    yield `${[...base, ...aggregateKeys.map((k) => r.aggregates[k])].map(csvCell).join(',')}\n`;
  }
  if (!aggregateKeys) yield `${BASE_COLUMNS.join(',')}\n`;
}
