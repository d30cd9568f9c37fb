/** Values picked from lists, not typed: tags and journey stages by path, SOPs by name. */
import { Select } from 'antd';
import { useApiQuery } from '../api/query.ts';
import { client, unwrap } from '../api/typed.ts';
import { useI18n } from '../i18n/index.tsx';

/** A tag by its path "group/tag" (the form rule and SOP files use). */
export function TagPathPicker({ value, onChange, includeSystem = false, testId }: { value?: string; onChange(v?: string): void; includeSystem?: boolean; testId?: string }) {
  const { t, tv } = useI18n();
  const tree = useApiQuery(['tag-picker.tree'], async () => unwrap(await client.GET('/api/v1/tags')));
  const options = (tree.data?.categories ?? []).filter((c) => includeSystem || !c.system).flatMap((c) => c.groups.map((g) => ({
    label: `${tv(c.name)} / ${tv(g.name)}`,
    options: g.tags.map((tg) => ({ value: tg.path, label: tv(tg.name), search: `${tg.path} ${tg.aliases.join(' ')}` })),
  })));
  return <Select showSearch={{ optionFilterProp: 'search' }} allowClear style={{ minWidth: 240 }} placeholder={t('rb.pickTag')} value={value} onChange={onChange}
    loading={tree.loading} options={options} data-testid={testId} />;
}

/** A journey stage by its path "journey/stage". */
export function StagePicker({ value, onChange, testId }: { value?: string; onChange(v?: string): void; testId?: string }) {
  const { t, lang } = useI18n();
  const journeys = useApiQuery(['journeys'], async () => unwrap(await client.GET('/api/v1/journeys')));
  const options = (journeys.data?.items ?? []).map((j) => ({
    label: lang === 'en' && j.labelEn ? j.labelEn : j.name,
    options: j.stages.map((s) => ({ value: s.path, label: lang === 'en' && s.labelEn ? s.labelEn : s.name, search: s.path })),
  }));
  return <Select showSearch={{ optionFilterProp: 'search' }} allowClear style={{ minWidth: 240 }} placeholder={t('rb.pickStage')} value={value} onChange={onChange}
    loading={journeys.loading} options={options} data-testid={testId} />;
}

/** An SOP by name. */
export function SopPicker({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const { t } = useI18n();
  const sops = useApiQuery(['sops'], async () => unwrap(await client.GET('/api/v1/sops')).items);
  return <Select showSearch allowClear style={{ minWidth: 240 }} placeholder={t('rb.pickSop')} value={value} onChange={onChange}
    loading={sops.loading} options={(sops.data ?? []).map((s) => ({ value: s.name, label: `${s.name} · ${s.stage.path}` }))} />;
}

/**
 * Items of the material library by id (what an SOP step's `attachments: [{kind: "material", ref}]`
 * stores), shown by title and type. A picked id not in the list still shows, by its id.
 */
export function MaterialPicker({ value, onChange, max = 9, testId }: { value: string[]; onChange(v: string[]): void; max?: number; testId?: string }) {
  const { t } = useI18n();
  const list = useApiQuery(['material-picker'], async () => unwrap(await client.GET('/api/v1/materials', { params: { query: { sort: 'recent', limit: 500 } } })).items);
  const known = new Set((list.data ?? []).map((m) => String(m.materialId)));
  const options = [
    ...(list.data ?? []).map((m) => ({ value: String(m.materialId), label: `${m.title} · ${t(`materials.kind.${m.kind}`)}`, search: `${m.title} ${m.contentId} ${m.tags.join(' ')}` })),
    ...value.filter((v) => !known.has(v)).map((v) => ({ value: v, label: list.loading ? v : t('pk.materialMissing', { ref: v }), search: v })),
  ];
  return <Select mode="multiple" showSearch={{ optionFilterProp: 'search' }} allowClear maxCount={max} style={{ minWidth: 320 }} placeholder={t('pk.materials')}
    value={value} onChange={onChange} loading={list.loading} options={options} data-testid={testId} />;
}

/** A coupon definition by id (what `couponId` names); inactive ones are offered only when already picked. */
export function CouponPicker({ value, onChange, testId }: { value?: string; onChange(v?: string): void; testId?: string }) {
  const { t } = useI18n();
  const list = useApiQuery(['coupons'], async () => unwrap(await client.GET('/api/v1/coupons')).items);
  const defs = list.data ?? [];
  const options = [
    ...defs.filter((d) => d.active || d.couponId === value).map((d) => ({
      value: d.couponId, label: `${d.name} · ¥${d.value}${d.active ? '' : ` (${t('pk.inactive')})`}`, search: `${d.name} ${d.couponId}`,
    })),
    ...(value && !list.loading && !defs.some((d) => d.couponId === value) ? [{ value, label: t('pk.couponMissing', { ref: value }), search: value }] : []),
  ];
  return <Select showSearch={{ optionFilterProp: 'search' }} allowClear style={{ minWidth: 220 }} placeholder={t('pk.coupon')}
    value={value} onChange={(v?: string) => onChange(v || undefined)} loading={list.loading} options={options} data-testid={testId} />;
}
