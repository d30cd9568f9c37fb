import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, unwrap, type Answer, type Schemas } from '../api/typed.ts';
import { apiFilter, emptyBuilder, FilterBuilder, toFilter, useFields, type BuilderState } from '../components/filter-builder.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDateTime, fmtNumber } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';
import { SegmentSelect } from './customers.tsx';
import { ScheduledSendsCard, SendTimePicker } from './scheduled-sends.tsx';

export type Plan = Schemas['MassMessagePlan'];
type MassRow = Answer<'/api/v1/mass-messages'>['items'][number];
type SuppressedGroup = Plan['suppressed']['byReason'][number];

/** Every customer has an added time or has none: the "all customers" audience, said explicitly. */
const EVERYONE = { or: [{ field: 'addedAt', op: 'exists' }, { field: 'addedAt', op: 'missing' }] };

export function MassMessagePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const fields = useFields();
  const [builder, setBuilder] = useState<BuilderState>(emptyBuilder);
  const [segment, setSegment] = useState<number>();
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [materials, setMaterials] = useState<number[]>([]);
  const library = useApiQuery(['mass.materials'], async () => unwrap(await client.GET('/api/v1/materials', { params: { query: { limit: 500 } } })));
  const [purpose, setPurpose] = useState<'marketing' | 'service'>('marketing');
  const [channel, setChannel] = useState<'private_chat' | 'moments' | 'group'>('private_chat');
  const [mode, setMode] = useState<'all' | 'filter' | 'segment'>('all');
  const [plan, setPlan] = useState<Plan>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState<number>();
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [sendAt, setSendAt] = useState<Dayjs | null>(null);
  const [scheduledKey, setScheduledKey] = useState(0);
  const history = useApiQuery(['mass-message.history'], async () => unwrap(await client.GET('/api/v1/mass-messages', { params: { query: { limit: 10 } } })));
  const filter = useMemo(() => toFilter(builder, fields.data?.fields ?? []), [builder, fields.data]);
  // The API asks for an explicit audience (a mass message to everyone must be meant): "all"
  // is sent as a condition every customer meets.
  const audience = mode === 'all' ? { filter: EVERYONE } : mode === 'segment' ? (segment !== undefined ? { segment } : undefined) : filter ? { filter } : undefined;
  const audienceKey = JSON.stringify(audience ?? null);
  const missing = audience ? undefined : mode === 'segment' ? t('mass.needSegment') : t('mass.needAudience');

  useEffect(() => {
    setPlan(undefined);
    setError(undefined);
    if (!audience) { setCount(undefined); return; }
    const timer = setTimeout(() => {
      const f = 'segment' in audience ? { field: 'segment', op: 'in', segment: audience.segment } : audience.filter;
      client.POST('/api/v1/audiences/count', { body: { filter: apiFilter(f) } }).then(unwrap).then((r) => setCount(r.count), () => setCount(undefined));
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [audienceKey]);

  const run = async (dryRun: boolean) => {
    if (!audience) { setError(missing); return; }
    if (!content.trim() || !title.trim()) { setError(t('mass.needContent')); return; }
    setBusy(true);
    setError(undefined);
    try {
      const body = 'segment' in audience ? { segment: audience.segment } : { filter: apiFilter(audience.filter) };
      const p = unwrap(await client.POST('/api/v1/mass-messages', { body: { ...body, title: title.trim(), content, purpose, channel, dryRun, ...(materials.length ? { materials } : {}) } }));
      setPlan(p);
      if (!dryRun) { message.success(t('mass.sent', { n: p.perStaff.filter((s) => s.taskId !== null).length })); history.reload(); }
    } catch (e) {
      // Stays on the page (a toast is gone before anyone reads it) until the next attempt.
      setError(t('mass.failed', { msg: errorText(e, t) }));
    } finally { setBusy(false); }
  };

  const schedule = async () => {
    if (!audience) { setError(missing); return; }
    if (!content.trim() || !title.trim()) { setError(t('mass.needContent')); return; }
    if (!sendAt || sendAt.isBefore(dayjs())) { setError(t('sched.needTime')); return; }
    setBusy(true);
    setError(undefined);
    try {
      const body = 'segment' in audience ? { segment: audience.segment } : { filter: apiFilter(audience.filter) };
      const r = unwrap(await client.POST('/api/v1/scheduled-sends', { body: { ...body, title: title.trim(), content, purpose, channel, sendAt: sendAt.toISOString() } }));
      message.success(t('sched.scheduled', { time: fmtDateTime(r.sendAt), n: fmtNumber(r.estimate.recipients) }));
      setScheduledKey((k) => k + 1);
    } catch (e) {
      setError(t('mass.failed', { msg: errorText(e, t) }));
    } finally { setBusy(false); }
  };

  return (
    <div data-testid="mass-page">
      <div className="page-head"><h2>{t('mass.title')}</h2></div>
      <p className="page-hint">{t('mass.hint')}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('mass.audience')} extra={<Space><span className="muted">{t('mass.liveCount')}</span><Typography.Text strong data-testid="mass-live-count">{count === undefined ? (audience ? '…' : '—') : t('common.people', { n: fmtNumber(count) })}</Typography.Text></Space>}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button" data-testid="mass-mode"
                  options={(['all', 'filter', 'segment'] as const).map((m) => ({ value: m, label: t(`mass.mode.${m}`) }))} />
                {mode === 'all' && <span className="muted">{t('mass.allHint')}</span>}
                {mode === 'segment' && <SegmentSelect value={segment} onChange={setSegment} />}
                {mode === 'filter' && <FilterBuilder state={builder} onChange={setBuilder} fields={fields.data?.fields ?? []} />}
                {missing && <Alert type="info" showIcon title={missing} data-testid="mass-missing" />}
              </Space>
            </Card>
            <Card size="small" title={t('mass.content')}>
              <Form layout="vertical">
                <Form.Item label={t('mass.titleField')} required><Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} data-testid="mass-title" /></Form.Item>
                <Form.Item label={t('mass.content')} required extra={t('mass.contentHint')}>
                  <Input.TextArea rows={4} value={content} onChange={(e) => setContent(e.target.value)} maxLength={4000} showCount data-testid="mass-content" />
                </Form.Item>
                <Form.Item label={t('materials.title')} extra={t('mass.materialsHint')}>
                  <Select mode="multiple" value={materials} onChange={setMaterials} optionFilterProp="label" maxCount={9} data-testid="mass-materials"
                    options={(library.data?.items ?? []).filter((m) => m.kind !== 'text').map((m) => ({ value: m.materialId, label: `${t(`materials.kind.${m.kind}` as MsgKey)} · ${m.title}` }))} />
                </Form.Item>
                <Space size={24} wrap>
                  <Form.Item label={t('mass.purpose')}><Radio.Group value={purpose} onChange={(e) => setPurpose(e.target.value)} options={[{ value: 'marketing', label: t('purpose.marketing') }, { value: 'service', label: t('purpose.service') }]} optionType="button" /></Form.Item>
                  <Form.Item label={t('mass.channel')}><Radio.Group value={channel} onChange={(e) => setChannel(e.target.value)} options={(['private_chat', 'moments', 'group'] as const).map((c) => ({ value: c, label: t(`ch.${c}`) }))} optionType="button" /></Form.Item>
                </Space>
                <Form.Item label={t('sched.when')}>
                  <Space wrap>
                    <Radio.Group value={when} onChange={(e) => setWhen(e.target.value)} optionType="button" data-testid="mass-when"
                      options={[{ value: 'now', label: t('sched.now') }, { value: 'later', label: t('sched.later') }]} />
                    {when === 'later' && <SendTimePicker value={sendAt} onChange={setSendAt} testId="mass-send-at" />}
                  </Space>
                </Form.Item>
                <Space>
                  <Button icon={<EyeOutlined />} loading={busy} disabled={!audience} onClick={() => void run(true)} data-testid="mass-preview">{t('mass.preview')}</Button>
                  {when === 'now' ? (
                    <Popconfirm title={t('mass.sendConfirm', { n: fmtNumber(plan?.recipients ?? count ?? 0) })} onConfirm={() => void run(false)} okButtonProps={{ 'data-testid': 'mass-send-confirm' } as Record<string, string>}>
                      <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={!audience} data-testid="mass-send">{t('mass.send')}</Button>
                    </Popconfirm>
                  ) : (
                    <Popconfirm title={t('sched.scheduleConfirm', { time: sendAt ? fmtDateTime(sendAt.toISOString()) : '—' })} onConfirm={() => void schedule()} okButtonProps={{ 'data-testid': 'mass-schedule-confirm' } as Record<string, string>}>
                      <Button type="primary" icon={<ClockCircleOutlined />} loading={busy} disabled={!audience || !sendAt} data-testid="mass-schedule">{t('sched.schedule')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              </Form>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={plan ? (plan.dryRun ? t('mass.preview') : t('mass.sent', { n: plan.perStaff.filter((s) => s.taskId !== null).length })) : t('mass.preview')} data-testid="mass-plan">
              {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="mass-error" />}
              {!plan ? (!error && <span className="muted">{t('mass.hint')}</span>) : (
                <>
                  {!plan.dryRun && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={<Link to={`/tasks?view=pending${plan.massMessageId ? `&massMessage=${plan.massMessageId}` : ''}`} data-testid="mass-go-tasks">{t('mass.goTasks')}</Link>} />}
                  <Row gutter={8}>
                    <Col span={8}><Statistic title={t('mass.audience')} value={plan.audience} /></Col>
                    <Col span={8}><Statistic title={t('mass.recipients')} value={plan.recipients} styles={{ content: { color: '#13a38b' } }} /></Col>
                    <Col span={8}><Statistic title={t('mass.suppressed')} value={plan.suppressed.total} styles={{ content: { color: '#d4380d' } }} /></Col>
                  </Row>
                  <div style={{ margin: '8px 0' }}>
                    <Tag>{t('mass.excluded')}: {plan.excluded.alreadyReceived}</Tag>
                    {plan.deferred && <Tag color="orange">{t('mass.deferred')} · {fmtDateTime(plan.dueAt)}</Tag>}
                  </div>
                  <Typography.Title level={5}>{t('mass.byReason')}</Typography.Title>
                  <Table size="small" pagination={false} rowKey="code" dataSource={plan.suppressed.byReason} data-testid="mass-suppressed"
                    columns={[{ title: t('common.reason'), render: (_, r: SuppressedGroup) => r[lang] }, { title: '#', dataIndex: 'count', width: 60 },
                      { title: '', render: (_, r: SuppressedGroup) => <span className="muted">{r.samples.map((s) => s.name).join('、')}</span> }]} />
                  <Typography.Title level={5} style={{ marginTop: 12 }}>{t('mass.byStaff')}</Typography.Title>
                  <Table size="small" pagination={false} rowKey="staffId" dataSource={plan.perStaff}
                    columns={[{ title: t('tasks.staff'), render: (_, r) => r.staffName ?? r.staffId }, { title: t('mass.recipients'), dataIndex: 'recipients', width: 90 }]} />
                </>
              )}
            </Card>
            <ScheduledSendsCard reloadKey={scheduledKey} />
            <Card size="small" title={t('mass.history')}>
              {history.error ? <ErrorState error={history.error} onRetry={history.reload} /> : (
                <Table size="small" pagination={false} rowKey="massMessageId" loading={history.loading} dataSource={history.data?.items ?? []}
                  columns={[{ title: t('mass.titleField'), render: (_, r: MassRow) => r.title ?? r.content.slice(0, 20) }, { title: t('common.time'), render: (_, r: MassRow) => fmtDateTime(r.createdAt) },
                    { title: t('mass.purpose'), render: (_, r: MassRow) => <Tag>{t(`purpose.${r.purpose}` as 'purpose.marketing')}</Tag> }]} />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
