import { App, Button, Card, Col, Dropdown, Input, Modal, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SaveOutlined, SearchOutlined, TagsOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { apiFilter, emptyBuilder, FilterBuilder, toFilter, useFields, type AudienceFilter, type BuilderState } from '../components/filter-builder.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { RfmTag, TierTag, TrustTag } from '../components/tags.tsx';
import { TagPicker } from '../components/tag-picker.tsx';
import { fmtPhone, useChannelName, useStaffName } from '../api/query.ts';
import { useI18n } from '../i18n/index.tsx';
import { fmtDate, fmtNumber } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';

export type CustomerItem = Answer<'/api/v1/customers/search', 'post'>['items'][number];
export type SavedSegment = Answer<'/api/v1/segments/saved'>[number];

const PAGE = 50;
type SortKey = 'name' | 'trustLevel' | 'engagement' | 'paidAmount' | 'addedAt';

export function CustomersPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const staffName = useStaffName();
  const channelName = useChannelName();
  const nav = useNavigate();
  const fields = useFields();
  const [builder, setBuilder] = useState<BuilderState>(emptyBuilder);
  const [q, setQ] = useState('');
  const [applied, setApplied] = useState<{ filter?: AudienceFilter; q: string }>({ q: '' });
  const [sort, setSort] = useState<{ by: SortKey; dir: 'asc' | 'desc' }>();
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkTag, setBulkTag] = useState<{ open: boolean; tag?: number; path?: string; target?: 'selected' | 'filtered'; busy?: boolean }>({ open: false });
  const [saveOpen, setSaveOpen] = useState(false);
  const [segName, setSegName] = useState('');
  const segments = useApiQuery(['customers.segments'], async () => unwrap(await client.GET('/api/v1/segments/saved')));

  const filter = useMemo(() => toFilter(builder, fields.data?.fields ?? []), [builder, fields.data]);

  // Pages of 50 by keyset cursor; the first page also counts the whole audience.
  const list = useInfiniteQuery({
    queryKey: ['customers', applied, sort],
    queryFn: async ({ pageParam }) => unwrap(await client.POST('/api/v1/customers/search', { body: {
      ...(applied.filter ? { filter: apiFilter(applied.filter) } : {}), ...(applied.q ? { q: applied.q } : {}), ...(sort ? { sort } : {}),
      limit: PAGE, total: !pageParam, ...(pageParam ? { cursor: pageParam } : {}),
    } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => (list.data?.pages ?? []).flatMap((p) => p.items), [list.data]);
  const total = list.data?.pages[0]?.total;
  const error = list.error;
  const loading = list.isFetching;
  const reload = () => { setSelected([]); void list.refetch(); };
  useEffect(() => { setSelected([]); }, [applied, sort]);

  const apply = () => setApplied({ filter, q: q.trim() });
  const useSegment = (s: SavedSegment) => { setBuilder(emptyBuilder()); setApplied({ filter: { field: 'segment', op: 'in', segment: s.segmentId }, q: '' }); };

  // One request for the lot (POST /api/v1/tags/apply): the server applies the caller's scope
  // and tags everyone in one transaction.
  const bulkTarget = bulkTag.target ?? (selected.length > 0 ? 'selected' : 'filtered');
  const doBulkTag = async () => {
    if (!bulkTag.tag) return;
    setBulkTag((b) => ({ ...b, busy: true }));
    try {
      const audience = bulkTarget === 'selected' ? { customerIds: selected }
        : { filter: apiFilter(searchFilter(applied) ?? { or: [{ field: 'addedAt', op: 'exists' }, { field: 'addedAt', op: 'missing' }] }) };
      const r = unwrap(await client.POST('/api/v1/tags/apply', { body: { tag: bulkTag.tag, reason: 'console bulk', ...audience } }));
      message.success(t('cust.bulkTag.done', { n: fmtNumber(r.matched), tag: bulkTag.path ?? '' }));
      if (r.refused.length > 0) message.warning(t('cust.bulkTag.refused', { n: r.refused.length }));
      setBulkTag({ open: false }); reload();
    } catch (e) { message.error(errorText(e, t)); setBulkTag((b) => ({ ...b, busy: false })); }
  };
  const saveSegment = async () => {
    if (!filter || !segName.trim()) return;
    try {
      unwrap(await client.POST('/api/v1/segments/saved', { body: { name: segName.trim(), filter: apiFilter(filter) } }));
      message.success(t('cust.segments.saved', { name: segName.trim() }));
      setSaveOpen(false); setSegName(''); segments.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };

  return (
    <div data-testid="customers-page">
      <div className="page-head">
        <h2>{t('cust.title')}</h2>
        <Space>
          <Dropdown menu={{ items: (segments.data ?? []).length === 0
            ? [{ key: 'none', label: t('cust.segments.none'), disabled: true }]
            : (segments.data ?? []).map((s) => ({ key: String(s.segmentId), label: s.name, onClick: () => useSegment(s) })) }}>
            <Button>{t('cust.segments')}</Button>
          </Dropdown>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          {fields.error ? <ErrorState error={fields.error} onRetry={fields.reload} /> : (
            <FilterBuilder state={builder} onChange={setBuilder} fields={fields.data?.fields ?? []} extra={
              <Button size="small" icon={<SaveOutlined />} disabled={!filter} onClick={() => setSaveOpen(true)}>{t('cust.segments.save')}</Button>
            } />
          )}
        </Col>
        <Col span={24}>
          <Card size="small">
            <div className="page-head" style={{ marginBottom: 12 }}>
              <Space wrap>
                <Input.Search
                  allowClear placeholder={t('cust.searchPlaceholder')} style={{ width: 320 }} value={q} onChange={(e) => setQ(e.target.value)}
                  onSearch={apply} enterButton={<><SearchOutlined /> {t('filter.apply')}</>} data-testid="customer-search"
                />
                {total !== undefined && <Typography.Text strong data-testid="customer-count">{t('cust.count', { n: fmtNumber(total) })}</Typography.Text>}
                {applied.filter && 'segment' in applied.filter && <Tag color="purple" closable onClose={() => setApplied({ q: '' })}>{segments.data?.find((s) => s.segmentId === applied.filter?.segment)?.name}</Tag>}
              </Space>
              <Space>
                {selected.length > 0 && <span>{t('cust.selected', { n: selected.length })}</span>}
                <Button icon={<DownloadOutlined />} href="/api/v1/customers/export?format=csv" download="customers.csv" title={t('cust.exportHint')} data-testid="customers-export">{t('cust.export')}</Button>
                <Button icon={<TagsOutlined />} disabled={selected.length === 0 && !total} onClick={() => setBulkTag({ open: true })} data-testid="bulk-tag">{t('cust.bulkTag')}</Button>
              </Space>
            </div>
            {error ? <ErrorState error={error} onRetry={reload} /> : (
              <Table<CustomerItem>
                rowKey="customerId" size="middle" loading={loading} dataSource={rows} pagination={false} data-testid="customer-table"
                locale={{ emptyText: t('cust.empty') }}
                rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) }}
                onRow={(r) => ({ onDoubleClick: () => nav(`/customers/${r.customerId}`) })}
                onChange={(_, __, sorter) => {
                  const one = Array.isArray(sorter) ? sorter[0] : sorter;
                  const by = one?.columnKey as SortKey | undefined;
                  setSort(one?.order && by ? { by, dir: one.order === 'ascend' ? 'asc' : 'desc' } : undefined);
                }}
                scroll={{ x: 1100 }}
                columns={[
                  { title: t('cust.col.name'), key: 'name', sorter: true, sortOrder: sort?.by === 'name' ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null, fixed: 'left', width: 190, render: (_, r) => (
                    <div><Link to={`/customers/${r.customerId}`} data-testid="customer-link">{r.name ?? t('cust.unnamed')}</Link><div className="muted" style={{ fontSize: 12 }}>{r.phone ? fmtPhone(r.phone) : `#${r.customerId}`}</div></div>
                  ) },
                  { title: t('cust.col.trust'), dataIndex: 'trustLevel', key: 'trustLevel', sorter: true, sortOrder: sort?.by === 'trustLevel' ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null, width: 150, render: (v: number | null) => <TrustTag level={v} /> },
                  { title: t('cust.col.lifecycle'), key: 'life', width: 110, render: (_, r) => tv(r.lifecycle.ecommerce) },
                  { title: t('cust.col.rfm'), dataIndex: 'rfmSegment', width: 150, render: (v: string | null) => <RfmTag segment={v} /> },
                  { title: t('cust.col.tier'), dataIndex: 'valueTier', width: 100, render: (v: string | null) => <TierTag tier={v} /> },
                  { title: t('cust.col.score'), dataIndex: 'engagement', key: 'engagement', sorter: true, sortOrder: sort?.by === 'engagement' ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null, width: 90, align: 'right', render: (v: number) => v.toFixed(1) },
                  { title: t('cust.col.orders'), key: 'paidAmount', sorter: true, sortOrder: sort?.by === 'paidAmount' ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null, width: 120, align: 'right', render: (_, r) => <span>{r.paidOrders} · ¥{r.paidAmount}</span> },
                  { title: t('cust.col.owner'), dataIndex: 'ownerStaff', width: 100, render: (v: string | null) => staffName(v) },
                  { title: t('cust.col.channel'), dataIndex: 'channel', width: 130, render: (v: string | null) => channelName(v) },
                  { title: t('cust.col.addedAt'), dataIndex: 'addedAt', key: 'addedAt', sorter: true, sortOrder: sort?.by === 'addedAt' ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null, width: 120, render: (v: string | null) => fmtDate(v) },
                ]}
              />
            )}
            {list.hasNextPage && !error && <div style={{ textAlign: 'center', marginTop: 12 }}><Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="customers-more">{t('common.more')}</Button></div>}
          </Card>
        </Col>
      </Row>
      <Modal open={bulkTag.open} title={t('cust.bulkTag')} onCancel={() => setBulkTag({ open: false })} onOk={() => void doBulkTag()} okButtonProps={{ disabled: !bulkTag.tag, loading: bulkTag.busy }}>
        <Radio.Group style={{ marginBottom: 12 }} value={bulkTarget} onChange={(e) => setBulkTag((b) => ({ ...b, target: e.target.value }))} data-testid="bulk-target"
          options={[
            { value: 'selected', label: t('cust.bulkTag.selected', { n: selected.length }), disabled: selected.length === 0 },
            { value: 'filtered', label: t('cust.bulkTag.filtered', { n: fmtNumber(total ?? 0) }) },
          ]} />
        <TagPicker value={bulkTag.tag} onChange={(tag, path) => setBulkTag((b) => ({ ...b, open: true, tag, path }))} placeholder={t('cust.bulkTag.pick')} style={{ width: '100%' }} />
      </Modal>
      <Modal open={saveOpen} title={t('cust.segments.save')} onCancel={() => setSaveOpen(false)} onOk={() => void saveSegment()} okButtonProps={{ disabled: !segName.trim() }}>
        <Input placeholder={t('cust.segments.name')} value={segName} onChange={(e) => setSegName(e.target.value)} maxLength={64} />
      </Modal>
    </div>
  );
}

/** The list's applied filter and search text as one AudienceFilter (the search box is a condition too). */
function searchFilter(applied: { filter?: AudienceFilter; q: string }): AudienceFilter | undefined {
  const parts = [...(applied.filter ? [applied.filter] : []), ...(applied.q ? [{ field: 'search', value: applied.q }] : [])];
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { and: parts };
}

export function SegmentSelect({ value, onChange }: { value?: number; onChange(v?: number): void }) {
  const { t } = useI18n();
  const segments = useApiQuery(['customers.segments'], async () => unwrap(await client.GET('/api/v1/segments/saved')));
  return <Select allowClear style={{ width: 260 }} placeholder={t('mass.segment')} value={value} onChange={onChange} loading={segments.loading}
    options={(segments.data ?? []).map((s) => ({ value: s.segmentId, label: s.name }))} />;
}
