import { Alert, App, Button, Card, Col, List, Row, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import { ExperimentOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { JsonEditor, parseJson } from '../components/json-editor.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { SopBuilder, type SopDef } from '../components/sop-builder.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import type { Sop } from '../api/types.ts';
import { client, unwrap, type Schemas } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';
import { fmtDateTime } from '../lib/format.ts';

/** A new SOP is saved switched off: dry-run it, then switch it on. */
const EXAMPLE: SopDef = {
  name: '首购后关怀',
  stage: '购买频次/已购买',
  enabled: false,
  reentry: { allowed: false, coolDownDays: 30 },
  steps: [
    { key: 'thanks', offsetDays: 0, window: { start: '10:00', end: '20:00' }, channel: 'private_chat', purpose: 'service', content: '{name}，感谢下单！有任何问题随时找我～{staff}' },
    { key: 'feedback', offsetDays: 3, channel: 'private_chat', purpose: 'service', content: '{name}，用了几天感觉怎么样？' },
  ],
};

export function SopsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const sops = useApiQuery(['sops'], async () => unwrap(await client.GET('/api/v1/sops')).items);
  const [editing, setEditing] = useState<number | 'new'>('new');
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [result, setResult] = useState<Schemas['SopDryRun']>();
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const deliveries = useApiQuery(['sop-deliveries', editing],
    async () => unwrap(await client.GET('/api/v1/sops/{id}/deliveries', { params: { path: { id: String(editing) }, query: { limit: 20 } } })), { enabled: editing !== 'new' });
  const formValue = useMemo(() => {
    const p = parseJson(text);
    const v = p.ok ? p.value as SopDef : undefined;
    return v && typeof v === 'object' && Array.isArray(v.steps) ? v : undefined;
  }, [text]);

  const open = async (s: Sop | 'new') => {
    setResult(undefined); setErr(undefined);
    if (s === 'new') { setEditing('new'); setText(JSON.stringify(EXAMPLE, null, 2)); return; }
    setEditing(s.sopId);
    try { const full = unwrap(await client.GET('/api/v1/sops/{id}', { params: { path: { id: String(s.sopId) } } })); setText(JSON.stringify(full.definition, null, 2)); } catch (e) { setErr(errorText(e, t)); }
  };
  const parsed = () => { const p = parseJson(text); if (!p.ok) { setErr(t('common.badJson', { msg: p.error })); return undefined; } setErr(undefined); return p.value as SopDef; };
  const dryRun = async () => {
    const d = parsed(); if (d === undefined) return;
    setBusy(true);
    try { setResult(unwrap(await client.POST('/api/v1/sops/dry-run', { body: { definition: d, samples: 5 } }))); } catch (e) { setErr(errorText(e, t)); setResult(undefined); } finally { setBusy(false); }
  };
  const save = async () => {
    const d = parsed(); if (d === undefined) return;
    try {
      const saved = editing === 'new'
        ? unwrap(await client.POST('/api/v1/sops', { body: d }))
        : unwrap(await client.PUT('/api/v1/sops/{id}', { params: { path: { id: String(editing) } }, body: d }));
      message.success(t('common.saved')); setEditing(saved.sopId); sops.reload();
    } catch (e) { setErr(errorText(e, t)); }
  };
  const toggle = async (s: Sop, on: boolean) => {
    try {
      if (on) unwrap(await client.POST('/api/v1/sops/{id}/enable', { params: { path: { id: String(s.sopId) } }, body: {} }));
      else unwrap(await client.POST('/api/v1/sops/{id}/disable', { params: { path: { id: String(s.sopId) } } }));
      message.success(on ? t('common.enabled') : t('common.disabled')); sops.reload(); deliveries.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };

  return (
    <div data-testid="sops-page">
      <div className="page-head"><h2>{t('sops.title')}</h2><Button icon={<PlusOutlined />} onClick={() => void open('new')} data-testid="sop-new">{t('sops.new')}</Button></div>
      <p className="page-hint">{t('sops.hint')}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('nav.sops')}>
            {sops.error ? <ErrorState error={sops.error} onRetry={sops.reload} /> : (
              <List loading={sops.loading} dataSource={sops.data ?? []} locale={{ emptyText: t('sops.none') }} data-testid="sop-list" renderItem={(s) => (
                <List.Item style={{ cursor: 'pointer', background: editing === s.sopId ? '#e6f6f3' : undefined, paddingInline: 8 }} onClick={() => void open(s)} data-testid={`sop-${s.name}`}
                  extra={<Switch size="small" checked={s.enabled} data-testid="sop-toggle" onClick={(on, e) => { e.stopPropagation(); void toggle(s, on); }} />}>
                  <List.Item.Meta title={s.name} description={<Tag color="purple">{s.stage.path}</Tag>} />
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small" title={editing === 'new' ? t('sops.new') : `SOP #${editing}`} extra={<Space>
            <Button icon={<ExperimentOutlined />} loading={busy} onClick={() => void dryRun()} data-testid="sop-dry-run">{t('sops.dryRun')}</Button>
            <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} data-testid="sop-save">{t('common.save')}</Button>
          </Space>}>
            {editing === 'new' && <Alert type="info" showIcon title={t('sb.savedDisabled')} style={{ marginBottom: 12 }} />}
            <Tabs size="small" activeKey={tab} onChange={(k) => setTab(k as 'form' | 'json')} items={[
              { key: 'form', label: t('rb.form'), children: formValue ? <SopBuilder value={formValue} onChange={(v) => setText(JSON.stringify(v, null, 2))} /> : <Alert type="warning" showIcon title={t('rb.badJson')} /> },
              { key: 'json', label: t('rb.json'), children: <JsonEditor value={text} onChange={setText} /> },
            ]} />
            {err && <Alert type="error" showIcon title={err} style={{ marginTop: 12 }} data-testid="sop-error" />}
          </Card>
          {editing !== 'new' && (
            <Card size="small" title={t('sb.deliveries')} style={{ marginTop: 16 }} data-testid="sop-deliveries">
              {deliveries.error ? <ErrorState error={deliveries.error} onRetry={deliveries.reload} /> : !deliveries.data ? null : <>
                <p className="muted" style={{ marginTop: 0 }}>{t('sb.enrolled', { open: deliveries.data.enrollments.open, total: deliveries.data.enrollments.total })}</p>
                <Table size="small" pagination={false} rowKey="key" dataSource={deliveries.data.steps} columns={[
                  { title: t('sb.key'), dataIndex: 'key', render: (k: string, r) => <span>{r.title ?? k}{r.removed ? <Tag style={{ marginLeft: 4 }}>{t('common.deleted')}</Tag> : null}</span> },
                  { title: t('sb.scheduled'), dataIndex: 'scheduled', width: 80 }, { title: t('sb.due'), dataIndex: 'due', width: 100 },
                  { title: t('sb.suppressed'), dataIndex: 'suppressed', width: 80 }, { title: t('sb.cancelled'), dataIndex: 'cancelled', width: 80 },
                ]} />
                <h4 style={{ margin: '16px 0 8px' }}>{t('sb.recent')}</h4>
                {deliveries.data.recent.length === 0 ? <span className="muted">{t('sb.recentNone')}</span> : (
                  <Table size="small" pagination={false} data-testid="sop-recent" rowKey={(r) => `${r.customerId}:${r.stepKey}:${r.round}`} dataSource={deliveries.data.recent} columns={[
                    { title: t('common.time'), dataIndex: 'dueAt', width: 150, render: (v: string) => fmtDateTime(v) },
                    { title: t('sb.customer'), dataIndex: 'customerId', render: (id: number, r) => <Link to={`/customers/${id}`}>{r.name ?? t('cust.unnamed')}</Link> },
                    { title: t('sb.key'), dataIndex: 'stepKey', render: (k: string) => deliveries.data?.steps.find((st) => st.key === k)?.title ?? k },
                    { title: t('common.status'), dataIndex: 'status', width: 110, render: (v: typeof deliveries.data.recent[number]['status']) => <Tag color={v === 'due' ? 'green' : v === 'suppressed' ? 'orange' : undefined}>{t(`sb.status.${v}`)}</Tag> },
                  ]} />
                )}
              </>}
            </Card>
          )}
          {result && (
            <Card size="small" title={t('rules.dryRunTitle')} style={{ marginTop: 16 }} data-testid="sop-dry-run-result">
              <Statistic title={t('sops.members')} value={result.members} />
              <Table size="small" pagination={false} rowKey="key" dataSource={result.steps} style={{ marginTop: 8 }} columns={[
                { title: t('sb.key'), dataIndex: 'key', render: (k: string, r) => r.title ?? k }, { title: t('common.time'), dataIndex: 'dueAt', render: (v: string) => fmtDateTime(v) },
                { title: t('sops.deliveries'), dataIndex: 'deliveries', width: 90 }, { title: t('sops.already'), dataIndex: 'alreadyReceived', width: 90 },
                { title: t('sb.suppressed'), dataIndex: 'suppressed', width: 80 },
              ]} />
              {result.samples.length > 0 && <Space wrap style={{ marginTop: 8 }}>{result.samples.map((s) => <Link key={s.customerId} to={`/customers/${s.customerId}`}><Tag color="cyan">{s.name ?? t('cust.unnamed')}</Tag></Link>)}</Space>}
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
