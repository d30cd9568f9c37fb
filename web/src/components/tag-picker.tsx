import { Select } from 'antd';
import { client, unwrap } from '../api/typed.ts';
import { useI18n } from '../i18n/index.tsx';
import { useApiQuery } from '../api/query.ts';

/** Pick a tag from the taxonomy, grouped by group; value is the tag id. */
export function TagPicker({ value, onChange, placeholder, includeSystem = false, style, testId }: {
  value?: number; onChange(v: number | undefined, path?: string): void; placeholder?: string; includeSystem?: boolean;
  style?: React.CSSProperties; testId?: string;
}) {
  const { tv } = useI18n();
  const tree = useApiQuery(['tag-picker.tree'], async () => unwrap(await client.GET('/api/v1/tags')));
  const options = (tree.data?.categories ?? [])
    .filter((c) => includeSystem || !c.system)
    .flatMap((c) => c.groups.map((g) => ({
      label: `${tv(c.name)} / ${tv(g.name)}`,
      options: g.tags.map((tg) => ({ value: tg.tagId, label: tv(tg.name), path: tg.path, search: `${tg.path} ${tg.aliases.join(' ')}` })),
    })));
  return (
    <Select
      showSearch={{ optionFilterProp: 'search' }} allowClear value={value} placeholder={placeholder} style={style ?? { minWidth: 240 }}
      loading={tree.loading} options={options} data-testid={testId}
      onChange={(v: number | undefined, opt) => onChange(v, (opt as { path?: string } | undefined)?.path)}
    />
  );
}
