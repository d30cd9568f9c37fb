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
