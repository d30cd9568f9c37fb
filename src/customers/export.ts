/**
 * Export: one record per customer (identities, owner, channel, tags, model placements,
 * aggregates), read in keyset-paginated pages so memory stays flat at millions of customers.
 */
import { engagementScore, evidenceText, getModelConfig, type Evidence } from '../models/index.ts';
import { csvCell } from '../shared/csv.ts';
import { formatFen } from '../shared/money.ts';
import { maskPhone } from '../shared/phone.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Queryable } from '../store/db.ts';
import { aggregatesView, customerTags } from './profile.ts';

/** Where the models place the customer; each key is also a CSV column (snake_case). */
export interface ExportModels {
  /** L0…L5, the pinned level when pinned. */
  trustLevel: string;
  /** Why, in Chinese ("私聊 4 轮，最近一次 11-20；尚未下单"). */
  trustEvidence: string;
  trustPinned: boolean;
  lifecycleEcommerce: string | null;
  lifecycleSales: string | null;
  rfmR: number | null;
  rfmF: number | null;
  /** Net paid amount, yuan. */
  rfmM: string | null;
  rfmSegment: string | null;
  valueTier: string;
  engagementScore: number;
}

/** Predicted value at the last recompute (money in yuan over its horizon, 12 months by default). */
export interface ExportClv {
  clvX: number;
  clvTX: number;
  clvT: number;
  expectedPurchases: number;
  pAlive: number;
  expectedSpend: number;
  clv: number;
}

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
  /** The record: remark and description (as in WeCom), region, birthday, age band (set, else from the birthday). */
  remark: string | null;
  description: string | null;
  province: string | null;
  city: string | null;
  birthday: string | null;
  ageBand: string | null;
  /** Custom field values by key (multi choices as lists). */
  customFields: Record<string, string | number | string[]>;
  /** null for a customer the models have not placed yet. */
  models: ExportModels | null;
  /** null for a customer without a paid order at the last fit. */
  predicted: ExportClv | null;
  aggregates: Record<string, unknown>;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/** The export's day (UTC, as its moment): the age of a birthday is counted to it. */
const localDay = (d: Date) => d.toISOString().slice(0, 10);
/** The age band of the birthday as of the export's day ($4), when none was set (record/values.ts ageBandOf's bands). */
const AGE_BAND_SQL = `CASE WHEN c.birthday IS NULL THEN NULL ELSE (SELECT CASE WHEN y < 18 THEN 'under_18' WHEN y < 25 THEN '18_24' WHEN y < 35 THEN '25_34'
  WHEN y < 45 THEN '35_44' WHEN y < 55 THEN '45_54' WHEN y < 65 THEN '55_64' ELSE '65_plus' END
  FROM (SELECT date_part('year', age($4::date, c.birthday))::int AS y) b) END`;

/** Custom field values as one cell, the way the customers import reads them: "skin=油性; likes=红茶|绿茶". */
export const customFieldsCell = (values: ExportRecord['customFields']): string =>
  Object.entries(values).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`).join('; ');

export async function* exportCustomers(
  db: Queryable, workspaceId: string,
  opts: { pageSize?: number; now?: Date; scope?: CustomerScope; seesPhones?: boolean } = {},
): AsyncGenerator<ExportRecord> {
  const pageSize = opts.pageSize ?? 1000;
  // Staff export only their own customers; the scope is part of the query, not a filter afterwards.
  const scope = scopeCondition(opts.scope ?? ALL_CUSTOMERS, 'c', 5);
  const phone = opts.seesPhones === false ? maskPhone : (p: string) => p;
  const now = opts.now ?? new Date();
  // The engagement score decays with time: it is worked out for the moment of the export.
  const { halfLifeDays } = (await getModelConfig(db, workspaceId)).engagement;
  let after = 0;
  for (;;) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT a.*, c.customer_id, COALESCE(c.name, a.name) AS display_name, c.gender,
              COALESCE(c.owner_staff, a.added_by_staff) AS owner, COALESCE(c.channel, a.added_channel) AS chan,
              COALESCE(c.added_at, a.added_at) AS added,
              c.remark AS r_remark, c.description AS r_description, c.province AS r_province, c.city AS r_city,
              c.birthday::text AS r_birthday, c.custom_fields AS r_custom, COALESCE(c.age_band, ${AGE_BAND_SQL}) AS r_age_band,
              m.trust_level AS m_trust_level, m.trust_evidence AS m_trust_evidence,
              EXISTS (SELECT 1 FROM model_pins p WHERE p.workspace_id = c.workspace_id AND p.customer_id = c.customer_id AND p.model = 'trust') AS m_trust_pinned,
              m.lifecycle_ecommerce AS m_lifecycle_ecommerce, m.lifecycle_sales AS m_lifecycle_sales,
              m.rfm_r AS m_rfm_r, m.rfm_f AS m_rfm_f, m.rfm_m AS m_rfm_m, m.rfm_segment AS m_rfm_segment,
              m.value_tier AS m_value_tier, m.engagement_log2 AS m_engagement_log2,
              v.repeats AS v_x, v.t_x AS v_t_x, v.t_cal AS v_t_cal, v.expected_purchases AS v_expected_purchases,
              v.p_alive AS v_p_alive, v.expected_spend AS v_expected_spend, v.clv AS v_clv
       FROM customers c JOIN customer_aggregates a USING (workspace_id, customer_id)
       LEFT JOIN customer_models m ON m.workspace_id = c.workspace_id AND m.customer_id = c.customer_id
       LEFT JOIN customer_clv v ON v.workspace_id = c.workspace_id AND v.customer_id = c.customer_id
       WHERE c.workspace_id = $1 AND c.merged_into IS NULL AND c.customer_id > $2 AND ${scope.sql}
       ORDER BY c.customer_id LIMIT $3`,
      [workspaceId, after, pageSize, localDay(now), ...scope.params],
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
        phones: (ident.phone ?? []).map(phone),
        buyerIds: ident.buyer_id ?? [],
        tags: (tags.get(id) ?? []).map((t) => `${t.group}/${t.tag}`),
        remark: r.r_remark as string | null,
        description: r.r_description as string | null,
        province: r.r_province as string | null,
        city: r.r_city as string | null,
        birthday: r.r_birthday as string | null,
        ageBand: r.r_age_band as string | null,
        customFields: (r.r_custom as ExportRecord['customFields'] | null) ?? {},
        models: modelsOf(r, now.getTime(), halfLifeDays),
        predicted: r.v_x == null ? null : {
          clvX: r.v_x as number, clvTX: r.v_t_x as number, clvT: r.v_t_cal as number, expectedPurchases: r.v_expected_purchases as number,
          pAlive: r.v_p_alive as number, expectedSpend: r.v_expected_spend as number, clv: r.v_clv as number,
        },
        aggregates: aggregatesView(r, now.getTime()),
      };
    }
    after = ids.at(-1)!;
  }
}

function modelsOf(r: Record<string, unknown>, now: number, halfLifeDays: number): ExportModels | null {
  if (r.m_trust_level == null) return null;
  // The segment decides: R/F/M are stored with it and mean nothing without it.
  const rfm = r.m_rfm_segment != null;
  return {
    trustLevel: `L${r.m_trust_level as number}`,
    trustEvidence: evidenceText(r.m_trust_evidence as Evidence[], 'zh'),
    trustPinned: r.m_trust_pinned as boolean,
    lifecycleEcommerce: r.m_lifecycle_ecommerce as string | null,
    lifecycleSales: r.m_lifecycle_sales as string | null,
    rfmR: rfm ? (r.m_rfm_r as number) : null,
    rfmF: rfm ? (r.m_rfm_f as number) : null,
    rfmM: rfm ? formatFen(r.m_rfm_m as number) : null,
    rfmSegment: r.m_rfm_segment as string | null,
    valueTier: r.m_value_tier as string,
    engagementScore: engagementScore((r.m_engagement_log2 as number | null) ?? undefined, now, halfLifeDays),
  };
}

const BASE_COLUMNS = [
  'customer_id', 'name', 'gender', 'owner_staff', 'channel', 'added_at', 'wecom_friend', 'external_user_ids', 'union_ids', 'phones', 'buyer_ids', 'tags',
  'remark', 'description', 'province', 'city', 'birthday', 'age_band', 'custom_fields',
] as const;
const MODEL_KEYS = [
  'trustLevel', 'trustEvidence', 'trustPinned', 'lifecycleEcommerce', 'lifecycleSales',
  'rfmR', 'rfmF', 'rfmM', 'rfmSegment', 'valueTier', 'engagementScore',
] as const satisfies readonly (keyof ExportModels)[];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const HEAD_COLUMNS = [...BASE_COLUMNS, ...MODEL_KEYS.map(snake)];
/** Predicted value, after the aggregates: clv_x, clv_t_x, clv_t (the fit's unit), expected_purchases, p_alive, expected_spend, clv. */
const CLV_KEYS = ['clvX', 'clvTX', 'clvT', 'expectedPurchases', 'pAlive', 'expectedSpend', 'clv'] as const satisfies readonly (keyof ExportClv)[];
const CLV_COLUMNS = ['clv_x', 'clv_t_x', 'clv_t', 'expected_purchases', 'p_alive', 'expected_spend', 'clv'];

/** CSV lines (header first) for a stream of export records. */
export async function* toCsv(records: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  let aggregateKeys: string[] | undefined;
  for await (const r of records) {
    if (!aggregateKeys) {
      aggregateKeys = Object.keys(r.aggregates);
      yield `${[...HEAD_COLUMNS, ...aggregateKeys.map(snake), ...CLV_COLUMNS].join(',')}\n`;
    }
    const base = [
      r.customerId, r.name, r.gender, r.ownerStaff, r.channel, r.addedAt, r.wecomFriend, r.externalUserIds, r.unionIds, r.phones, r.buyerIds, r.tags,
      r.remark, r.description, r.province, r.city, r.birthday, r.ageBand, customFieldsCell(r.customFields),
    ];
    const models = MODEL_KEYS.map((k) => r.models?.[k]);
    const predicted = CLV_KEYS.map((k) => r.predicted?.[k]);
    yield `${[...base, ...models, ...aggregateKeys.map((k) => r.aggregates[k]), ...predicted].map(csvCell).join(',')}\n`;
  }
  if (!aggregateKeys) yield `${[...HEAD_COLUMNS, ...CLV_COLUMNS].join(',')}\n`;
}
