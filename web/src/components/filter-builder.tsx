/**
 * The audience filter builder, driven by GET /api/v1/audiences/fields: each row is one
 * condition; rows join with AND or OR; a row can be negated. Produces an AudienceFilter.
 */
import { Button, Card, DatePicker, Input, InputNumber, Radio, Select, Space, Switch, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../i18n/index.tsx';
import { staffOptions, useApiQuery, useChannels, useStaff } from '../api/query.ts';
import { TagPicker } from './tag-picker.tsx';
import { client, unwrap, type Answer, type Schemas } from '../api/typed.ts';

export type FieldInfo = Answer<'/api/v1/audiences/fields'>['fields'][number];
export interface Row { id: number; field: string; op: string; not: boolean; value?: unknown; values?: (string | number)[]; extra?: Record<string, string | number | undefined> }
export interface BuilderState { join: 'and' | 'or'; rows: Row[] }
export type AudienceFilter = Record<string, unknown>;

/**
 * The builder's filter as the API's type. The builder assembles leaves from the field
 * descriptions the server gave (GET /api/v1/audiences/fields), so their shape is the server's
 * own; the server validates every filter and answers 422 naming a bad one.
 */
export const apiFilter = (f: AudienceFilter): Schemas['AudienceFilter'] => f as Schemas['AudienceFilter'];

let nextId = 1;
export const emptyBuilder = (): BuilderState => ({ join: 'and', rows: [] });

export function useFields() {
  return useApiQuery(['audience-fields'], async () => unwrap(await client.GET('/api/v1/audiences/fields')));
}

function leaf(row: Row, f: FieldInfo | undefined): AudienceFilter | undefined {
  if (!f) return undefined;
  const base: AudienceFilter = { field: row.field };
  switch (f.kind) {
    case 'list':
      if (!row.values?.length) return undefined;
      return { ...base, op: row.op, values: row.values, ...(row.field === 'lifecycle' ? { path: row.extra?.path ?? 'ecommerce' } : {}) };
    case 'tag': return row.value === undefined ? undefined : { ...base, op: row.op, tag: row.value };
    case 'tagGroup': return row.value ? { ...base, op: row.op, group: row.value } : undefined;
    case 'stage': return row.extra?.journey ? { ...base, op: row.op, journey: row.extra.journey, ...(row.extra.stage ? { stage: row.extra.stage } : {}) } : undefined;
    case 'compare': return typeof row.value === 'number' ? { ...base, op: row.op, value: row.value } : undefined;
    case 'money': return row.value !== undefined && row.value !== '' ? { ...base, op: row.op, value: String(row.value) } : undefined;
    case 'time':
      if (row.op === 'exists' || row.op === 'missing') return { ...base, op: row.op };
      return row.value === undefined || row.value === '' ? undefined : { ...base, op: row.op, value: row.value };
    case 'boolean': return { field: row.field, value: row.value !== false };
    case 'text': return row.value ? { field: row.field, value: row.value } : undefined;
    case 'segment': return row.value ? { ...base, op: row.op, segment: row.value } : undefined;
    default: return undefined;
  }
}

/** The builder as an AudienceFilter, or undefined when it has no complete condition. */
export function toFilter(state: BuilderState, fields: FieldInfo[]): AudienceFilter | undefined {
  const parts = state.rows.map((r) => {
    const l = leaf(r, fields.find((f) => f.field === r.field));
    return l && r.not ? { not: l } : l;
  }).filter((x): x is AudienceFilter => x !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { [state.join]: parts };
}

/** Deep equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function rowOf(node: unknown, fields: FieldInfo[]): Row | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const n = node as Record<string, unknown>;
  if ('not' in n) {
    const inner = rowOf(n.not, fields);
    return inner && !inner.not ? { ...inner, not: true } : undefined;
  }
  const f = fields.find((x) => x.field === n.field);
  if (!f || f.kind === 'ids') return undefined;
  const row: Row = { id: nextId++, field: f.field, op: typeof n.op === 'string' ? n.op : f.ops[0]?.op ?? 'in', not: false };
  switch (f.kind) {
    case 'list': return Array.isArray(n.values) ? { ...row, values: n.values as (string | number)[], ...(typeof n.path === 'string' ? { extra: { path: n.path } } : {}) } : undefined;
    case 'tag': return { ...row, value: n.tag };
    case 'tagGroup': return { ...row, value: n.group };
    case 'stage': return { ...row, extra: { journey: n.journey as number, stage: n.stage as number | undefined } };
    case 'money': return { ...row, value: typeof n.value === 'string' ? Number(n.value) : n.value };
    case 'segment': return { ...row, value: n.segment };
    default: return { ...row, value: n.value };
  }
}

/**
 * An AudienceFilter as builder rows (the inverse of toFilter), or undefined when the filter
 * is more than the builder can show (nested groups, a value it would write differently): then
 * it stays in its JSON form rather than be silently changed.
 */
export function fromFilter(filter: unknown, fields: FieldInfo[]): BuilderState | undefined {
  if (filter === undefined || filter === null) return emptyBuilder();
  if (typeof filter !== 'object' || Array.isArray(filter)) return undefined;
  const f = filter as Record<string, unknown>;
  const join = Array.isArray(f.and) ? 'and' : Array.isArray(f.or) ? 'or' : undefined;
  const nodes = join ? (f[join] as unknown[]) : [filter];
  if (join && Object.keys(f).length !== 1) return undefined;
  const rows = nodes.map((n) => rowOf(n, fields));
  if (rows.some((r) => r === undefined)) return undefined;
  const state: BuilderState = { join: join ?? 'and', rows: rows as Row[] };
  return sameJson(toFilter(state, fields), filter) ? state : undefined;
}

export function FilterBuilder({ state, onChange, fields, extra }: {
  state: BuilderState; onChange(s: BuilderState): void; fields: FieldInfo[]; extra?: React.ReactNode;
}) {
  const { t, lang } = useI18n();
  const usable = fields.filter((f) => f.kind !== 'ids');
  const set = (id: number, patch: Partial<Row>) => onChange({ ...state, rows: state.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  const add = () => {
    const f = usable.find((x) => x.field === 'trustLevel') ?? usable[0];
    if (!f) return;
    onChange({ ...state, rows: [...state.rows, { id: nextId++, field: f.field, op: f.ops[0]?.op ?? 'in', not: false }] });
  };
  return (
    <Card size="small" data-testid="filter-builder" title={t('filter.title')} extra={
      <Space>
        {state.rows.length > 1 && (
          <Radio.Group size="small" value={state.join} onChange={(e) => onChange({ ...state, join: e.target.value })}
            options={[{ value: 'and', label: t('filter.and') }, { value: 'or', label: t('filter.or') }]} optionType="button" />
        )}
        {extra}
      </Space>
    }>
      {state.rows.length === 0 && <div className="muted" style={{ marginBottom: 8 }}>{t('filter.none')}</div>}
      {state.rows.map((row) => {
        const f = usable.find((x) => x.field === row.field);
        return (
          <div className="filter-row" key={row.id} data-testid="filter-row">
            <Select
              style={{ width: 200 }} value={row.field} showSearch={{ optionFilterProp: 'label' }} data-testid="filter-field"
              options={usable.map((x) => ({ value: x.field, label: x.label[lang] }))}
              onChange={(field: string) => {
                const nf = usable.find((x) => x.field === field);
                set(row.id, { field, op: nf?.ops[0]?.op ?? 'in', value: undefined, values: undefined, extra: undefined });
              }}
            />
            {f && f.kind !== 'boolean' && f.kind !== 'text' && (
              <Select style={{ width: 130 }} value={row.op} onChange={(op: string) => set(row.id, { op })} data-testid="filter-op"
                options={f.ops.map((o) => ({ value: o.op, label: o.label[lang] }))} />
            )}
            {f && <ValueInput row={row} f={f} set={(p) => set(row.id, p)} />}
            <Tooltip title={t('filter.not')}>
              <Switch size="small" checked={row.not} onChange={(not) => set(row.id, { not })} checkedChildren={t('filter.not')} unCheckedChildren={t('filter.not')} />
            </Tooltip>
            <Button type="text" danger icon={<DeleteOutlined />} onClick={() => onChange({ ...state, rows: state.rows.filter((r) => r.id !== row.id) })} aria-label={t('common.delete')} />
          </div>
        );
      })}
      <Space>
        <Button size="small" icon={<PlusOutlined />} onClick={add} data-testid="filter-add">{t('filter.add')}</Button>
        {state.rows.length > 0 && <Button size="small" onClick={() => onChange(emptyBuilder())}>{t('filter.clear')}</Button>}
      </Space>
    </Card>
  );
}

/** Journey, then one of its stages (or any stage): ids, so a renamed stage still matches. */
function StagePicker({ row, set }: { row: Row; set(p: Partial<Row>): void }) {
  const { t, lang } = useI18n();
  const tv = (x: { name: string; labelEn?: string | null }) => (lang === 'en' && x.labelEn ? x.labelEn : x.name);
  const journeys = useApiQuery(['filter-builder.journeys'], async () => unwrap(await client.GET('/api/v1/journeys')));
  const list = journeys.data?.items ?? [];
  const current = list.find((j) => j.journeyId === row.extra?.journey);
  return (
    <Space>
      <Select style={{ width: 160 }} placeholder={t('filter.journey')} loading={journeys.loading} value={current?.journeyId} data-testid="filter-journey"
        notFoundContent={t('filter.noJourneys')}
        options={list.map((j) => ({ value: j.journeyId, label: tv(j) }))}
        onChange={(journey: number) => set({ extra: { ...row.extra, journey, stage: undefined } })} />
      <Select style={{ width: 160 }} placeholder={t('filter.anyStage')} allowClear disabled={!current} value={row.extra?.stage as number | undefined} data-testid="filter-stage"
        options={(current?.stages ?? []).map((st) => ({ value: st.stageId, label: tv(st) }))}
        onChange={(stage?: number) => set({ extra: { ...row.extra, stage } })} />
    </Space>
  );
}

/** List fields whose values are the workspace's own staff or channels: picked by name, not typed. */
const PICKED_FROM: Record<string, 'staff' | 'channels'> = { ownerStaff: 'staff', follower: 'staff', channel: 'channels' };

function ValueInput({ row, f, set }: { row: Row; f: FieldInfo; set(p: Partial<Row>): void }) {
  const { lang, tv } = useI18n();
  const staff = useStaff();
  const channels = useChannels();
  const w = { width: 260 };
  switch (f.kind) {
    case 'list': {
      // A field whose values depend on a key (the lifecycle: one path's stages) picks the key first,
      // and a new key clears the values: the two paths are never one list.
      const by = f.valuesByKey;
      const keyValue = by ? String(row.extra?.[by.key] ?? f.keys?.[by.key]?.values?.[0]?.value ?? '') : undefined;
      const from = PICKED_FROM[f.field];
      const picked = from === 'staff' ? staffOptions(staff.data)
        : from === 'channels' ? (channels.data ?? []).map((c) => ({ value: c.channel, label: c.name ? `${c.name}（${c.channel}）` : c.channel }))
        : undefined;
      if (picked && !by) {
        return <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} style={w} value={row.values ?? []} onChange={(vs: (string | number)[]) => set({ values: vs })}
          options={picked} loading={from === 'staff' ? staff.isPending : channels.isPending} data-testid="filter-values" />;
      }
      const values = by ? by.values[keyValue!] : f.values;
      return (
        <Space>
          {by && f.keys?.[by.key] && (
            <Select style={{ width: 260 }} value={keyValue} onChange={(v: string) => set({ extra: { ...row.extra, [by.key]: v }, values: [] })} data-testid="filter-path"
              options={f.keys[by.key]!.values?.map((v) => ({ value: v.value, label: v.label[lang] }))} />
          )}
          <Select mode={values ? 'multiple' : 'tags'} style={w} value={row.values ?? []} onChange={(vs: (string | number)[]) => set({ values: vs })}
            options={values?.map((v) => ({ value: v.value, label: lang === 'zh' ? v.label.zh : (v.label.en || tv(String(v.value))) }))} data-testid="filter-values" />
        </Space>
      );
    }
    case 'tag':
      return <TagPicker includeSystem value={row.value as number | undefined} onChange={(v) => set({ value: v })} style={w} testId="filter-tag" />;
    case 'compare':
      return f.values
        ? <Select style={{ width: 120 }} value={row.value as number | undefined} onChange={(value: number) => set({ value })} options={f.values.map((v) => ({ value: v.value, label: v.label[lang] }))} data-testid="filter-value" />
        : <InputNumber style={{ width: 120 }} value={row.value as number | undefined} onChange={(value) => set({ value: value ?? undefined })} data-testid="filter-value" />;
    case 'money':
      return <InputNumber style={{ width: 140 }} prefix="¥" value={row.value as number | undefined} onChange={(value) => set({ value: value ?? undefined })} />;
    case 'time':
      if (row.op === 'exists' || row.op === 'missing') return null;
      if (row.op === 'withinDays' || row.op === 'beforeDays') return <InputNumber style={{ width: 120 }} min={0} value={row.value as number | undefined} onChange={(value) => set({ value: value ?? undefined })} />;
      return <DatePicker value={typeof row.value === 'string' ? dayjs(row.value) : null} onChange={(d) => set({ value: d ? d.format('YYYY-MM-DD') : undefined })} />;
    case 'boolean':
      return <Switch checked={row.value !== false} onChange={(value) => set({ value })} />;
    case 'stage':
      return <StagePicker row={row} set={set} />;
    default:
      return <Input style={w} value={(row.value as string) ?? ''} onChange={(e) => set({ value: e.target.value })} data-testid="filter-text" />;
  }
}
