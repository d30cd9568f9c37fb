import { Alert, App, Badge, Button, Calendar, Card, DatePicker, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined, SendOutlined, CommentOutlined, LikeOutlined, MessageOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useAuth } from '../api/auth.tsx';
import { useApiQuery, useStaff, useStaffName } from '../api/query.ts';
import { Loadable, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDateTime, TIME_ZONE } from '../lib/format.ts';

type Post = Answer<'/api/v1/moments'>['items'][number];
const STATUS_COLOR: Record<Post['status'], string> = {
  planned: 'blue', sending: 'orange', submitted: 'cyan', published: 'green', failed: 'red', cancelled: 'default',
};
const STAFF_COLOR: Record<Post['staff'][number]['status'], string> = { pending: 'default', published: 'green', not_published: 'orange', invalid: 'red' };

export function MomentsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const staffName = useStaffName();
  const manager = me?.role !== 'staff';
  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  const [planning, setPlanning] = useState<Dayjs | null>(null);
  const posts = useApiQuery(['moments'], async () => unwrap(await client.GET('/api/v1/moments')));
  const settings = useApiQuery(['moments.settings'], async () => unwrap(await client.GET('/api/v1/moments/settings')));

  const publish = async () => {
    try {
      const r = unwrap(await client.POST('/api/v1/moments/publish'));
      message.success(t('moments.published', { n: r.submitted.length, m: r.results.staffPublished, e: r.results.events })); posts.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const commentTasks = async () => {
    try {
      const r = unwrap(await client.POST('/api/v1/moments/comment-tasks', { body: {} }));
      message.success(t('moments.commentTasksDone', { n: r.created, d: r.duplicates }));
    } catch (e) { message.error(errorText(e, t)); }
  };
  const setLimit = async (n: number | null) => {
    if (!n) return;
    try { unwrap(await client.PUT('/api/v1/moments/settings', { body: { perStaffDaily: n } })); settings.reload(); message.success(t('common.saved')); } catch (e) { message.error(errorText(e, t)); }
  };
  const cancel = async (p: Post) => {
    try { unwrap(await client.DELETE('/api/v1/moments/{id}', { params: { path: { id: p.postId } } })); posts.reload(); } catch (e) { message.error(errorText(e, t)); }
  };
  const day = (v: string) => dayjs(v).tz(TIME_ZONE).format('YYYY-MM-DD');
  const statusTag = (s: Post['status']) => <Tag color={STATUS_COLOR[s]}>{t(`moments.status.${s}` as MsgKey)}</Tag>;

  return (
    <div data-testid="moments-page">
      <div className="page-head">
        <h2>{t('moments.title')}</h2>
        <Space wrap>
          <Radio.Group value={view} onChange={(e) => setView(e.target.value)} optionType="button"
            options={[{ value: 'calendar', label: t('moments.calendar') }, { value: 'list', label: t('moments.list') }]} />
          {manager && <Button icon={<SendOutlined />} onClick={() => void publish()}>{t('moments.publishNow')}</Button>}
          {manager && <Tooltip title={t('moments.commentTasksHint')}><Button icon={<CommentOutlined />} onClick={() => void commentTasks()}>{t('moments.commentTasks')}</Button></Tooltip>}
          {manager && <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(dayjs().tz(TIME_ZONE).add(1, 'hour').startOf('hour'))} data-testid="moments-plan">{t('moments.plan')}</Button>}
        </Space>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>{t('moments.hint')}</p>
      {settings.data && (
        <Space style={{ marginBottom: 12 }}>
          <span>{t('moments.limit')}</span>
          <InputNumber min={1} max={50} value={settings.data.perStaffDaily} disabled={!manager} onChange={(v) => void setLimit(v)} />
          <span>{t('moments.limitUnit')}</span>
        </Space>
      )}
      <Card size="small">
        <Loadable state={posts}>
          {(d) => view === 'calendar' ? (
            <Calendar
              cellRender={(date, info) => {
                if (info.type !== 'date') return info.originNode;
                const today = d.items.filter((p) => day(p.publishAt) === date.format('YYYY-MM-DD'));
                return (
                  <div>
                    {today.slice(0, 3).map((p) => (
                      <div key={p.postId} style={{ fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                        <Badge color={STATUS_COLOR[p.status]} /> {dayjs(p.publishAt).tz(TIME_ZONE).format('HH:mm')} {p.title}
                      </div>
                    ))}
                    {today.length > 3 && <div className="muted" style={{ fontSize: 12 }}>{t('moments.more', { n: today.length - 3 })}</div>}
                  </div>
                );
              }}
              onSelect={(date, { source }) => { if (manager && source === 'date') setPlanning(date.hour(20).minute(0)); }}
            />
          ) : (
            <Table<Post> rowKey="postId" size="small" dataSource={d.items} locale={{ emptyText: t('moments.empty') }} pagination={{ pageSize: 20 }}
              columns={[
                { title: t('moments.publishAt'), dataIndex: 'publishAt', width: 150, render: (v: string) => fmtDateTime(v) },
                {
                  title: t('moments.text'), dataIndex: 'title',
                  render: (_: string, p) => (
                    <div>
                      <div>{p.title}</div>
                      {p.materials.length > 0 && <div className="muted" style={{ fontSize: 12 }}>{p.materials.map((m) => m.title).join('、')}</div>}
                      {p.visibility === 'tags' && <div>{p.tags.map((x) => <Tag key={x.tagId}>{x.path}</Tag>)}</div>}
                    </div>
                  ),
                },
                {
                  title: t('moments.staff'), dataIndex: 'staff', width: 240,
                  render: (s: Post['staff']) => s.map((x) => <Tag key={x.staffId} color={STAFF_COLOR[x.status]}>{staffName(x.staffId)} · {t(`moments.staffStatus.${x.status}` as MsgKey)}</Tag>),
                },
                { title: t('moments.status'), dataIndex: 'status', width: 130, render: (s: Post['status'], p) => <Tooltip title={p.error ?? undefined}>{statusTag(s)}</Tooltip> },
                {
                  title: t('moments.engagement'), dataIndex: 'engagement', width: 120,
                  render: (e: Post['engagement']) => <Space><span><LikeOutlined /> {e.likes}</span><span><MessageOutlined /> {e.comments}</span></Space>,
                },
                ...(manager ? [{
                  title: t('common.actions'), width: 110,
                  render: (_: unknown, p: Post) => p.status === 'planned' && (
                    <Popconfirm title={t('moments.cancelConfirm')} onConfirm={() => void cancel(p)}><Button size="small">{t('moments.cancel')}</Button></Popconfirm>
                  ),
                }] : []),
              ]} />
          )}
        </Loadable>
      </Card>
      {planning && <PlanDrawer at={planning} onClose={(saved) => { setPlanning(null); if (saved) posts.reload(); }} />}
    </div>
  );
}

function PlanDrawer({ at, onClose }: { at: Dayjs; onClose(saved: boolean): void }) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  const staff = useStaff();
  const materials = useApiQuery(['moments.materials'], async () => unwrap(await client.GET('/api/v1/materials', { params: { query: { limit: 500 } } })));
  const tags = useApiQuery(['tag-picker.tree'], async () => unwrap(await client.GET('/api/v1/tags')));
  const visibility = Form.useWatch('visibility', form) as 'all' | 'tags' | undefined;
  const save = async (v: { text?: string; materials?: number[]; staffIds: string[]; visibility: 'all' | 'tags'; tags?: number[]; publishAt: Dayjs }) => {
    setBusy(true); setErr(undefined);
    try {
      unwrap(await client.POST('/api/v1/moments', { body: {
        staffIds: v.staffIds, visibility: v.visibility, publishAt: v.publishAt.toISOString(),
        ...(v.text ? { text: v.text } : {}), ...(v.materials?.length ? { materials: v.materials } : {}), ...(v.visibility === 'tags' ? { tags: v.tags ?? [] } : {}),
      } }));
      message.success(t('common.created')); onClose(true);
    } catch (e) { setErr(errorText(e, t)); } finally { setBusy(false); }
  };
  const tagOptions = (tags.data?.categories ?? []).filter((c) => !c.system).flatMap((c) => c.groups.map((g) => ({
    label: `${tv(c.name)} / ${tv(g.name)}`, options: g.tags.map((x) => ({ value: x.tagId, label: tv(x.name) })),
  })));
  return (
    <Drawer open width={520} title={t('moments.plan')} onClose={() => onClose(false)}
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="moments-save">{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" initialValues={{ visibility: 'all', publishAt: at }} onFinish={(v) => void save(v)}>
        <Form.Item name="text" label={t('moments.text')}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
        <Form.Item name="materials" label={t('moments.materials')} extra={<span className="muted">{t('moments.materialsHint')}</span>}>
          <Select mode="multiple" loading={materials.loading} optionFilterProp="label"
            options={(materials.data?.items ?? []).filter((m) => m.kind === 'image' || m.kind === 'link' || m.kind === 'text')
              .map((m) => ({ value: m.materialId, label: `${t(`materials.kind.${m.kind}` as MsgKey)} · ${m.title}` }))} />
        </Form.Item>
        <Form.Item name="staffIds" label={t('moments.staff')} rules={[{ required: true }]}>
          <Select mode="multiple" loading={staff.isPending} options={(staff.data ?? []).map((s) => ({ value: s.staffId, label: s.name ?? s.staffId }))} />
        </Form.Item>
        <Form.Item name="visibility" label={t('moments.visibility')}>
          <Radio.Group options={[{ value: 'all', label: t('moments.visibility.all') }, { value: 'tags', label: t('moments.visibility.tags') }]} />
        </Form.Item>
        {visibility === 'tags' && (
          <Form.Item name="tags" label={t('moments.tags')} rules={[{ required: true }]}>
            <Select mode="multiple" options={tagOptions} optionFilterProp="label" />
          </Form.Item>
        )}
        <Form.Item name="publishAt" label={t('moments.publishAt')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
      </Form>
      {err && <Alert type="error" showIcon title={err} />}
    </Drawer>
  );
}
