import { App, Button, Card, Col, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Tree } from 'antd';
import { MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { client, unwrap } from '../api/typed.ts';
import type { TagTree } from '../api/types.ts';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from '../api/auth.tsx';
import { useJourneyLabels } from '../api/query.ts';
import { fmtNumber } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';

type TagRow = TagTree['categories'][number]['groups'][number]['tags'][number];

export function TagsPage() {
  const { t, tv: tvBase, lang } = useI18n();
  const journeyLabels = useJourneyLabels();
  // In English, journeys and their stages read as the product names them.
  const tv = (v: string, path?: string) => (lang === 'en' ? (path ? journeyLabels.stage(path) : journeyLabels.group(v)) ?? tvBase(v) : tvBase(v));
  const { message, modal } = App.useApp();
  // The taxonomy is maintained by admins and operators (the server refuses staff writes).
  const readOnly = useAuth().me?.role === 'staff';
  const tree = useApiQuery(['tags.tree'], async () => unwrap(await client.GET('/api/v1/tags')));
  const [groupId, setGroupId] = useState<number>();
  const [search, setSearch] = useState('');
  const [merge, setMerge] = useState<{ from: TagRow; into?: number }>();
  const [prompt, setPrompt] = useState<{ title: string; run(v: string): Promise<unknown>; exclusive?: boolean }>();
  const [promptValue, setPromptValue] = useState('');
  const [exclusive, setExclusive] = useState(false);

  const group = useMemo(() => tree.data?.categories.flatMap((c) => c.groups.map((g) => ({ ...g, category: c }))).find((g) => g.groupId === groupId), [tree.data, groupId]);
  const allTags = useMemo(() => tree.data?.categories.flatMap((c) => c.groups.flatMap((g) => g.tags)) ?? [], [tree.data]);

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try { await fn(); message.success(ok); tree.reload(); } catch (e) { message.error(errorText(e, t)); }
  };
  const ask = (title: string, run: (v: string) => Promise<unknown>, withExclusive = false) => { setPromptValue(''); setExclusive(false); setPrompt({ title, run, exclusive: withExclusive }); };

  if (tree.error) return <ErrorState error={tree.error} onRetry={tree.reload} />;
  if (!tree.data) return <LoadingState rows={10} />;
  const q = search.trim().toLowerCase();
  const treeData = tree.data.categories.map((c) => ({
    key: `c${c.categoryId}`, selectable: false,
    title: <Space size={4}><b>{tv(c.name)}</b>{c.system && <Tag>{t('tags.system')}</Tag>}
      {!c.system && !readOnly && <Button size="small" type="link" icon={<PlusOutlined />} onClick={(e) => { e.stopPropagation(); ask(t('tags.newGroup'), async (name) => unwrap(await client.POST('/api/v1/tags/groups', { body: { name, category: c.categoryId, exclusive } })), true); }} />}</Space>,
    children: c.groups.filter((g) => !q || g.name.toLowerCase().includes(q) || g.tags.some((x) => `${x.name} ${x.aliases.join(' ')}`.toLowerCase().includes(q))).map((g) => ({
      key: `g${g.groupId}`, isLeaf: true,
      title: <Space size={4}>{tv(g.name)}<Tag color={g.exclusive ? 'purple' : 'blue'}>{g.exclusive ? t('tags.exclusive') : t('tags.multi')}</Tag><span className="muted">{g.tags.length}</span></Space>,
    })),
  }));

  return (
    <div data-testid="tags-page">
      <div className="page-head">
        <h2>{t('tags.title')}</h2>
        <Space>
          <Input.Search allowClear placeholder={t('tags.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />
          {!readOnly && <Button icon={<PlusOutlined />} onClick={() => ask(t('tags.newCategory'), async (name) => unwrap(await client.POST('/api/v1/tags/categories', { body: { name } })))}>{t('tags.newCategory')}</Button>}
        </Space>
      </div>
      <p className="page-hint">{t('tags.hint')}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={`${t('tags.category')} → ${t('tags.group')}`}>
            <Tree blockNode defaultExpandAll treeData={treeData} selectedKeys={groupId ? [`g${groupId}`] : []} onSelect={(keys) => { const k = String(keys[0] ?? ''); if (k.startsWith('g')) setGroupId(Number(k.slice(1))); }} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={group ? <Space>{tv(group.category.name)} / {tv(group.name)}<Tag color={group.exclusive ? 'purple' : 'blue'}>{group.exclusive ? t('tags.exclusive') : t('tags.multi')}</Tag></Space> : t('tags.tag')}
            extra={group && !group.system && !readOnly && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => ask(t('tags.newTag'), async (name) => unwrap(await client.POST('/api/v1/tags', { body: { group: group.groupId, name } })))}>{t('tags.newTag')}</Button>}>
            {!group ? <span className="muted">{t('tags.pickGroup')}</span> : (
              <Table<TagRow> size="small" rowKey="tagId" pagination={false} dataSource={group.tags.filter((x) => !q || `${x.name} ${x.aliases.join(' ')}`.toLowerCase().includes(q))}
                columns={[
                  { title: t('tags.tag'), dataIndex: 'name', render: (v: string, r) => <b>{tv(v, r.path)}</b> },
                  { title: t('tags.aliases'), key: 'aliases', render: (_, r) => (
                    <Space size={2} wrap>
                      {r.aliases.map((a) => <Tag key={a} closable={!group.system && !readOnly} onClose={(e) => { e.preventDefault(); void act(async () => unwrap(await client.DELETE('/api/v1/tags/{id}/aliases/{alias}', { params: { path: { id: r.tagId, alias: a } } })), t('common.deleted')); }}>{a}</Tag>)}
                      {!group.system && !readOnly && <Button size="small" type="dashed" onClick={() => ask(t('tags.addAlias'), async (alias) => unwrap(await client.POST('/api/v1/tags/{id}/aliases', { params: { path: { id: r.tagId } }, body: { alias } })))}>+ {t('tags.addAlias')}</Button>}
                    </Space>
                  ) },
                  { title: t('tags.customers'), dataIndex: 'customers', align: 'right', render: (n: number) => fmtNumber(n) },
                  { title: t('common.actions'), key: 'x', render: (_, r) => group.system || readOnly ? null : (
                    <Space size={2}>
                      <Button size="small" type="link" onClick={() => ask(t('common.rename'), async (name) => unwrap(await client.PATCH('/api/v1/tags/{id}', { params: { path: { id: r.tagId } }, body: { name } })))}>{t('common.rename')}</Button>
                      <Button size="small" type="link" icon={<MergeCellsOutlined />} onClick={() => setMerge({ from: r })}>{t('tags.merge')}</Button>
                      <Popconfirm title={t('tags.deleteConfirm', { name: r.name })} onConfirm={() => void act(async () => unwrap(await client.DELETE('/api/v1/tags/{id}', { params: { path: { id: r.tagId } } })), t('common.deleted'))}>
                        <Button size="small" type="link" danger>{t('common.delete')}</Button>
                      </Popconfirm>
                    </Space>
                  ) },
                ]} />
            )}
          </Card>
        </Col>
      </Row>
      <Modal open={!!prompt} title={prompt?.title} onCancel={() => setPrompt(undefined)} okButtonProps={{ disabled: !promptValue.trim() }}
        onOk={() => { const p = prompt!; setPrompt(undefined); void act(() => p.run(promptValue.trim()), t('common.saved')); }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input autoFocus value={promptValue} onChange={(e) => setPromptValue(e.target.value)} placeholder={t('common.name')} />
          {prompt?.exclusive && <Select value={exclusive} onChange={setExclusive} options={[{ value: false, label: t('tags.multi') }, { value: true, label: t('tags.exclusive') }]} />}
        </Space>
      </Modal>
      <Modal open={!!merge} title={t('tags.merge')} onCancel={() => setMerge(undefined)} okButtonProps={{ disabled: !merge?.into }}
        onOk={() => { const m = merge!; setMerge(undefined); void client.POST('/api/v1/tags/merge', { body: { from: m.from.tagId, into: m.into! } }).then(unwrap).then((r): void => { message.success(t('tags.merged', { n: r.moved, into: r.into })); tree.reload(); }, (e: unknown): void => { modal.error({ title: errorText(e, t) }); }); }}>
        {merge && <>
          <p>{t('tags.mergeHint', { from: merge.from.name })}</p>
          <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: '100%' }} placeholder={t('tags.mergeInto')} value={merge.into} onChange={(into: number) => setMerge({ ...merge, into })}
            options={allTags.filter((x) => x.tagId !== merge.from.tagId).map((x) => ({ value: x.tagId, label: x.path }))} />
        </>}
      </Modal>
    </div>
  );
}
