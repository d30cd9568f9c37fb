/**
 * The customer dates a calendar trigger can follow, each as a SQL expression over
 * `customers c` and `customer_aggregates a` giving a date in the workspace's zone (`$tz`).
 * One declaration per field: a field whose column is not there yet has `sql: null` and is
 * refused by name when a rule asks for it.
 */
export const CUSTOMER_DATE_FIELDS = {
  // The customer record's birthday is a plain date and needs no zone; the CASE still names the
  // zone parameter so every field's query has the same typed parameters.
  birthday: { sql: `CASE WHEN $tz::text IS NULL THEN NULL ELSE c.birthday END` as string | null, zh: '生日', en: 'Birthday' },
  firstOrder: { sql: `(a.first_paid_at AT TIME ZONE $tz)::date`, zh: '首单纪念日', en: 'First-order anniversary' },
  added: { sql: `(COALESCE(c.added_at, a.added_at) AT TIME ZONE $tz)::date`, zh: '入会纪念日（添加好友）', en: 'Membership anniversary (added)' },
} as const;

export type CustomerDateField = keyof typeof CUSTOMER_DATE_FIELDS;
export const CUSTOMER_DATE_FIELD_NAMES = Object.keys(CUSTOMER_DATE_FIELDS) as [CustomerDateField, ...CustomerDateField[]];

/** The field's SQL with the zone parameter's number filled in, or null when the field is not available. */
export function dateFieldSql(field: CustomerDateField, tzParam: number): string | null {
  const sql = CUSTOMER_DATE_FIELDS[field].sql;
  return sql === null ? null : sql.replaceAll('$tz', `$${tzParam}`);
}
