/**
 * The customer record in the store: remark, description, region, birthday, age band and the
 * workspace's custom fields. A remark or description edited in Siyu is marked for WeCom
 * (wecom/remarks.ts writes it to the owning staff member's contact); staff edit only their
 * own customers, and the write itself carries the scope.
 */
import { audit, visibleCustomerId, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { ALL_CUSTOMERS, scopeCondition, type CustomerScope } from '../shared/scope.ts';
import type { Db, Queryable } from '../store/db.ts';
import {
  ageBandOf, checkAgeBand, checkDate, checkDefinition, checkFieldValue, checkText, DESCRIPTION_MAX, REGION_MAX, REMARK_MAX,
  type AgeBand, type FieldDefinition, type FieldType, type FieldValue,
} from './values.ts';

export interface CustomerRecord {
  customerId: number;
  remark: string | null;
  description: string | null;
  /** pending: edited in Siyu, not yet written to WeCom; error: WeCom refused the last write. */
  remarkSync: { pending: boolean; syncedAt: string | null; error: string | null };
  province: string | null;
  city: string | null;
  birthday: string | null;
  /** As set, else from the birthday. */
  ageBand: AgeBand | null;
  ageBandFromBirthday: boolean;
  custom: Record<string, FieldValue>;
}

export interface RecordPatch {
  remark?: string | null;
  description?: string | null;
  province?: string | null;
  city?: string | null;
  birthday?: string | null;
  ageBand?: string | null;
  custom?: Record<string, unknown>;
}

const iso = (v: unknown): string | null => (v == null ? null : (v instanceof Date ? v : new Date(v as string)).toISOString());
/** A date column as YYYY-MM-DD whether the driver gives a Date (at UTC midnight) or text. */
export const dateText = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

interface RecordRow {
  customer_id: number; remark: string | null; description: string | null; remark_dirty: boolean; remark_synced_at: Date | null;
  remark_sync_error: string | null; province: string | null; city: string | null; birthday: unknown; age_band: AgeBand | null;
  custom_fields: Record<string, FieldValue>;
}

const RECORD_COLUMNS = `customer_id, remark, description, remark_dirty, remark_synced_at, remark_sync_error, province, city, birthday, age_band, custom_fields`;

function toRecord(r: RecordRow, today: string): CustomerRecord {
  const birthday = dateText(r.birthday);
  const derived = r.age_band === null && birthday !== null;
  return {
    customerId: Number(r.customer_id),
    remark: r.remark,
    description: r.description,
    remarkSync: { pending: r.remark_dirty, syncedAt: iso(r.remark_synced_at), error: r.remark_sync_error },
    province: r.province,
    city: r.city,
    birthday,
    ageBand: r.age_band ?? (birthday ? ageBandOf(birthday, today) : null),
    ageBandFromBirthday: derived,
    custom: r.custom_fields ?? {},
  };
}

export async function getRecord(db: Queryable, ws: string, requestedId: number, opts: { today: string; scope?: CustomerScope }): Promise<CustomerRecord> {
  const id = await visibleCustomerId(db, ws, requestedId, opts.scope ?? ALL_CUSTOMERS);
  const [row] = await db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM customers WHERE workspace_id = $1 AND customer_id = $2`, [ws, id]);
  return toRecord(row!, opts.today);
}

// ---------------------------------------------------------------- custom field definitions

export async function listFields(db: Queryable, ws: string): Promise<FieldDefinition[]> {
  const rows = await db.query<{ key: string; label: string; type: FieldType; options: string[]; position: number }>(
    `SELECT key, label, type, options, position FROM custom_fields WHERE workspace_id = $1 ORDER BY position, key`, [ws]);
  return rows.map((r) => ({ key: r.key, label: r.label, type: r.type, options: r.options, position: r.position }));
}

/** Create or change a field. Its type cannot change once customers hold values (they would no longer fit). */
export async function defineField(
  db: Db, ws: string, input: { key: string; label: string; type: FieldType; options?: string[] | undefined; position?: number | undefined }, actor: Actor,
): Promise<FieldDefinition> {
  const c = checkDefinition(input);
  if (!c.ok) throw new SiyuError('validation_failed', c.reason);
  return db.transaction(async (tx) => {
    const [old] = await tx.query<{ type: FieldType; options: string[] }>(
      `SELECT type, options FROM custom_fields WHERE workspace_id = $1 AND key = $2 FOR UPDATE`, [ws, c.value.key]);
    if (old) {
      const [{ n }] = (await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1 AND custom_fields ? $2`, [ws, c.value.key])) as [{ n: number }];
      if (n > 0 && old.type !== c.value.type) {
        throw new SiyuError('conflict', `field "${c.value.key}" is ${old.type} and ${n} customers hold a value; remove the field first to change its type`);
      }
      if (n > 0) {
        const dropped = old.options.filter((o) => !c.value.options.includes(o));
        if (dropped.length > 0) {
          const [{ used }] = (await tx.query<{ used: number }>(
            `SELECT count(*)::int AS used FROM customers WHERE workspace_id = $1 AND custom_fields ? $2
               AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE jsonb_typeof(custom_fields->$2) WHEN 'array' THEN custom_fields->$2 ELSE jsonb_build_array(custom_fields->$2) END) v
                           WHERE v = ANY($3::text[]))`,
            [ws, c.value.key, dropped])) as [{ used: number }];
          if (used > 0) throw new SiyuError('conflict', `option ${dropped.map((d) => `"${d}"`).join(', ')} of "${c.value.key}" is held by ${used} customers`);
        }
      }
    }
    const [row] = await tx.query<{ position: number }>(
      `INSERT INTO custom_fields (workspace_id, key, label, type, options, position)
       VALUES ($1, $2, $3, $4, $5::jsonb, COALESCE($6, (SELECT COALESCE(max(position) + 1, 0) FROM custom_fields WHERE workspace_id = $1)))
       ON CONFLICT (workspace_id, key) DO UPDATE SET label = excluded.label, type = excluded.type, options = excluded.options,
         position = COALESCE($6, custom_fields.position)
       RETURNING position`,
      [ws, c.value.key, c.value.label, c.value.type, JSON.stringify(c.value.options), input.position ?? null],
    );
    await audit(tx, ws, actor, old ? 'custom_field.changed' : 'custom_field.created', null, c.value);
    return { ...c.value, position: row!.position };
  });
}

/** Remove a field and every customer's value of it. */
export async function removeField(db: Db, ws: string, key: string, actor: Actor): Promise<{ key: string; valuesRemoved: number }> {
  return db.transaction(async (tx) => {
    const gone = await tx.query(`DELETE FROM custom_fields WHERE workspace_id = $1 AND key = $2 RETURNING key`, [ws, key]);
    if (gone.length === 0) throw new SiyuError('not_found', `custom field "${key}" does not exist`);
    const cleared = await tx.query(
      `UPDATE customers SET custom_fields = custom_fields - $2, updated_at = now() WHERE workspace_id = $1 AND custom_fields ? $2 RETURNING customer_id`,
      [ws, key]);
    await audit(tx, ws, actor, 'custom_field.removed', null, { key, valuesRemoved: cleared.length });
    return { key, valuesRemoved: cleared.length };
  });
}

// ---------------------------------------------------------------- editing a record

export type PatchProblem = { field: string; value: unknown; reason: string };

/** Check a patch against the field definitions; every problem at once, naming the field. Pure. */
export function checkPatch(
  patch: RecordPatch, fields: readonly FieldDefinition[], today: string,
): { ok: true; columns: Record<string, string | null>; custom: Record<string, FieldValue | null> } | { ok: false; problems: PatchProblem[] } {
  const problems: PatchProblem[] = [];
  const columns: Record<string, string | null> = {};
  const text = (key: 'remark' | 'description' | 'province' | 'city', max: number) => {
    const v = patch[key];
    if (v === undefined) return;
    if (v === null) { columns[key] = null; return; }
    const c = checkText(v, max);
    if (c.ok) columns[key] = c.value;
    else problems.push({ field: key, value: v, reason: c.reason });
  };
  text('remark', REMARK_MAX);
  text('description', DESCRIPTION_MAX);
  text('province', REGION_MAX);
  text('city', REGION_MAX);
  if (patch.birthday !== undefined) {
    if (patch.birthday === null || patch.birthday.trim() === '') columns.birthday = null;
    else {
      const c = checkDate(patch.birthday, { notAfter: today });
      if (c.ok) columns.birthday = c.value;
      else problems.push({ field: 'birthday', value: patch.birthday, reason: c.reason });
    }
  }
  if (patch.ageBand !== undefined) {
    if (patch.ageBand === null || patch.ageBand.trim() === '') columns.age_band = null;
    else {
      const c = checkAgeBand(patch.ageBand);
      if (c.ok) columns.age_band = c.value;
      else problems.push({ field: 'ageBand', value: patch.ageBand, reason: c.reason });
    }
  }
  const custom: Record<string, FieldValue | null> = {};
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, raw] of Object.entries(patch.custom ?? {})) {
    const def = byKey.get(key);
    if (!def) { problems.push({ field: `custom.${key}`, value: raw, reason: 'is not a custom field of this workspace' }); continue; }
    const c = checkFieldValue(def, raw);
    if (c.ok) custom[key] = c.value;
    else problems.push({ field: `custom.${key}`, value: raw, reason: c.reason });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns, custom };
}

const REMARK_COLUMNS = new Set(['remark', 'description']);

/**
 * Apply a checked patch to one customer inside `tx` (the import and the API share it).
 * Returns the changed columns as {from, to}; a remark or description change made by a
 * person marks the record for WeCom unless `fromWecom`.
 */
export async function writeRecord(
  tx: Queryable, ws: string, customerId: number, columns: Record<string, string | null>, custom: Record<string, FieldValue | null>,
  opts: { scope?: CustomerScope; actor: Actor; source: string },
): Promise<Record<string, { from: unknown; to: unknown }>> {
  const scope = opts.scope ?? ALL_CUSTOMERS;
  const cond = scopeCondition(scope, 'c', 3);
  const [row] = await tx.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM customers c WHERE c.workspace_id = $1 AND c.customer_id = $2 AND ${cond.sql} FOR UPDATE`,
    [ws, customerId, ...cond.params]);
  if (!row) throw new SiyuError('not_found', `customer ${customerId} does not exist in workspace "${ws}"`);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const current: Record<string, unknown> = { ...row, birthday: dateText(row.birthday) };
  for (const [col, to] of Object.entries(columns)) {
    if ((current[col] ?? null) !== to) changes[col] = { from: current[col] ?? null, to };
  }
  const nextCustom = { ...(row.custom_fields ?? {}) };
  for (const [key, to] of Object.entries(custom)) {
    const from = nextCustom[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[`custom.${key}`] = { from, to };
    if (to === null) delete nextCustom[key];
    else nextCustom[key] = to;
  }
  if (Object.keys(changes).length === 0) return changes;
  const remarkChanged = Object.keys(changes).some((k) => REMARK_COLUMNS.has(k));
  const set = (col: string) => (col in columns ? columns[col] : current[col] ?? null);
  await tx.query(
    `UPDATE customers SET remark = $3, description = $4, province = $5, city = $6, birthday = $7::date, age_band = $8,
       custom_fields = $9::jsonb, remark_dirty = remark_dirty OR $10, remark_sync_error = CASE WHEN $10 THEN NULL ELSE remark_sync_error END,
       updated_at = now()
     WHERE workspace_id = $1 AND customer_id = $2`,
    [ws, customerId, set('remark'), set('description'), set('province'), set('city'), set('birthday'), set('age_band'),
      JSON.stringify(nextCustom), remarkChanged],
  );
  await audit(tx, ws, opts.actor, 'customer.record_set', customerId, { source: opts.source, changes });
  return changes;
}

export async function updateRecord(
  db: Db, ws: string, requestedId: number, patch: RecordPatch, opts: { today: string; scope?: CustomerScope; actor: Actor },
): Promise<CustomerRecord & { changed: string[] }> {
  const scope = opts.scope ?? ALL_CUSTOMERS;
  const id = await visibleCustomerId(db, ws, requestedId, scope);
  const fields = await listFields(db, ws);
  const c = checkPatch(patch, fields, opts.today);
  if (!c.ok) {
    throw new SiyuError('validation_failed', c.problems.map((p) => `${p.field}: ${JSON.stringify(p.value)} ${p.reason}`).join('; '), { problems: c.problems });
  }
  const changes = await db.transaction((tx) => writeRecord(tx, ws, id, c.columns, c.custom, { scope, actor: opts.actor, source: 'edit' }));
  return { ...(await getRecord(db, ws, id, { today: opts.today, scope })), changed: Object.keys(changes) };
}
