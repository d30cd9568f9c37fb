import { Alert, App, Button, Card, Col, Descriptions, List, Row, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import { ExperimentOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { RuleBuilder, type RuleDef } from '../components/rule-builder.tsx';
import { Link } from 'react-router-dom';
import { JsonEditor, parseJson } from '../components/json-editor.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import type { Rule, RuleDryRun } from '../api/types.ts';
import { client, unwrap, type Schemas } from '../api/typed.ts';
import { fmtDateTime } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';

type DryRun = RuleDryRun;
/**
 * A rule as the person wrote it in the form or the JSON view: the server validates it and
 * answers 422 naming the bad field, which the page shows.
 */
type RuleBody = Schemas['Rule'];

const EXAMPLE = {
  name: '下单后感谢回访',
  description: '客户付款后，给负责员工生成一条服务任务',
  trigger: { kind: 'event', event: 'order.paid' },
  if: { field: 'trustLevel', op: 'gte', value: 3 },
  actions: [{ type: 'task', title: '感谢下单，回访使用体验' }],
};

export function RulesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  // The dry run's notes are the server's words: shown in the console's language.
  const noteText = (n: string) => /^cascades/.test(n) ? t('rules.note.cascades') : /^only the first (\d+)/.test(n) ? t('rules.note.capped', { n: /(\d+)/.exec(n)![1]! }) : /^an action would fail/.test(n) ? t('rules.note.fails') : n;
  const rules = useApiQuery(['rules.rules'], async () => unwrap(await client.GET('/api/v1/rules')));
  const [editing, setEditing] = useState<number | 'new'>('new');
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [result, setResult] = useState<DryRun>();
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const formValue = useMemo(() => {
    const p = parseJson(text);
    const v = p.ok ? p.value as RuleDef : undefined;
    return v && typeof v === 'object' && v.trigger && Array.isArray(v.actions) ? v : undefined;
  }, [text]);
  const runs = useApiQuery(['rule-runs', editing], async () => unwrap(await client.GET('/api/v1/rules/runs', { params: { query: { rule: String(editing), limit: 20 } } })).items, { enabled: editing !== 'new' });

  const open = (r: Rule | 'new') => {
    setResult(undefined); setErr(undefined);
    if (r === 'new') { setEditing('new'); setText(JSON.stringify(EXAMPLE, null, 2)); } else { setEditing(r.ruleId); setText(JSON.stringify(r.definition, null, 2)); }
  };
  const parsed = () => {
    const p = parseJson(text);
    if (!p.ok) { setErr(t('common.badJson', { msg: p.error })); return undefined; }
    setErr(undefined); return p.value;
  };
  const dryRun = async () => {
    const rule = parsed(); if (rule === undefined) return;
    setBusy(true);
    try { setResult(unwrap(await client.POST('/api/v1/rules/dry-run', { body: { rule: rule as RuleBody } }))); } catch (e) { setErr(errorText(e, t)); setResult(undefined); } finally { setBusy(false); }
  };
  const save = async () => {
    const rule = parsed(); if (rule === undefined) return;
    try {
      const r = editing === 'new'
        ? unwrap(await client.POST('/api/v1/rules', { body: rule as RuleBody }))
        : unwrap(await client.PUT('/api/v1/rules/{id}', { params: { path: { id: String(editing) } }, body: rule as RuleBody }));
      message.success(t('common.saved')); setEditing(r.rule.ruleId); rules.reload();
    } catch (e) { setErr(errorText(e, t)); }
  };
  const toggle = async (r: Rule, on: boolean) => {
    try { const path = { params: { path: { id: String(r.ruleId) } } };
      unwrap(await (on ? client.POST('/api/v1/rules/{id}/enable', path) : client.POST('/api/v1/rules/{id}/disable', path))); rules.reload(); } catch (e) { message.error(errorText(e, t)); }
  };

  return (
    <div data-testid="rules-page">
      <div className="page-head"><h2>{t('rules.title')}</h2><Button icon={<PlusOutlined />} onClick={() => open('new')} data-testid="rule-new">{t('rules.new')}</Button></div>
      <p className="page-hint">{t('rules.hint')}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('nav.rules')}>
            {rules.error ? <ErrorState error={rules.error} onRetry={rules.reload} /> : (
              <List loading={rules.loading} dataSource={rules.data?.items ?? []} locale={{ emptyText: t('rules.none') }} renderItem={(r) => (
                <List.Item style={{ cursor: 'pointer', background: editing === r.ruleId ? '#e6f6f3' : undefined, paddingInline: 8 }} onClick={() => open(r)}
                  data-testid={`rule-${r.name}`} extra={<Switch size="small" checked={r.enabled} data-testid="rule-toggle" onClick={(on, e) => { e.stopPropagation(); void toggle(r, on); }} />}>
                  <List.Item.Meta title={r.name} description={<span className="muted">{t('rules.version')} {r.version} · {fmtDateTime(r.updatedAt)}</span>} />
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={editing === 'new' ? t('rules.new') : t('rules.edit')} extra={
            <Space>
              <Button icon={<ExperimentOutlined />} loading={busy} onClick={() => void dryRun()} data-testid="rule-dry-run">{t('rules.dryRun')}</Button>
              <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} data-testid="rule-save">{t('common.save')}</Button>
            </Space>
          }>
            {editing === 'new' && <Alert type="info" showIcon title={t('rules.savedDisabled')} style={{ marginBottom: 12 }} data-testid="rule-saved-disabled" />}
            <Tabs size="small" activeKey={tab} onChange={(k) => setTab(k as 'form' | 'json')} items={[
              { key: 'form', label: t('rb.form'), children: formValue ? <RuleBuilder key={String(editing)} value={formValue} onChange={(v) => setText(JSON.stringify(v, null, 2))} /> : <Alert type="warning" showIcon title={t('rb.badJson')} /> },
              { key: 'json', label: t('rb.json'), children: <JsonEditor value={text} onChange={setText} testId="rule-json" /> },
            ]} />
            {err && <Alert type="error" showIcon title={err} style={{ marginTop: 12 }} data-testid="rule-error" />}
          </Card>
          {editing !== 'new' && (
            <Card size="small" title={t('rb.runs')} style={{ marginTop: 16 }} data-testid="rule-runs">
              {runs.error ? <ErrorState error={runs.error} onRetry={runs.reload} /> : !runs.data ? null : runs.data.length === 0 ? <span className="muted">{t('rb.runsNone')}</span> : <>
                <p className="muted" style={{ marginTop: 0 }}>{t('rb.hits', { n: runs.data.reduce((n, r) => n + r.customers, 0), runs: runs.data.length })}</p>
                <Table size="small" pagination={false} rowKey="runId" dataSource={runs.data} columns={[
                  { title: t('common.time'), dataIndex: 'at', render: (v: string) => fmtDateTime(v) },
                  { title: t('common.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'error' ? 'red' : v === 'fired' ? 'green' : 'default'}>{t(`rb.run.${v}` as MsgKey)}</Tag> },
                  { title: t('rules.affected'), dataIndex: 'customers', width: 100 },
                ]} />
              </>}
            </Card>
          )}
          {result && (
            <Card size="small" title={t('rules.dryRunTitle')} style={{ marginTop: 16 }} data-testid="rule-dry-run-result">
              <Row gutter={8}>
                <Col span={8}><Statistic title={t('rules.triggered')} value={result.triggered} data-testid="dry-triggered" />
                  {result.triggeredCustomers !== undefined && <span className="muted">{t('rules.triggeredCustomers', { n: result.triggeredCustomers })}</span>}</Col>
                <Col span={8}><Statistic title={t('rules.wouldFire')} value={result.customers} styles={{ content: { color: '#13a38b' } }} data-testid="dry-customers" /></Col>
                <Col span={8}><Statistic title={t('rules.alreadyFired')} value={result.alreadyFired} /></Col>
              </Row>
              <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[{ key: 'w', label: t('rules.window'), children: `${fmtDateTime(result.window.from)} – ${fmtDateTime(result.window.to)}` }]} />
              <Table size="small" pagination={false} rowKey="action" dataSource={result.actions} style={{ marginTop: 8 }}
                columns={[{ title: t('rules.step'), dataIndex: 'action', width: 60, render: (v: number) => v + 1 },
                  { title: t('common.actions'), dataIndex: 'type', render: (v: string) => <Tag>{t(`rules.action.${v}` as MsgKey)}</Tag> },
                  { title: t('rules.affected'), dataIndex: 'affected', width: 120 }]} />
              {result.notes.length > 0 && <ul className="muted">{result.notes.map((n) => <li key={n}>{noteText(n)}</li>)}</ul>}
              {result.sample.length === 0 ? <p className="muted">{t('rules.noMoves')}</p> : (
                <Space wrap style={{ marginTop: 8 }}>{result.sample.map((s) => <Link key={s.customerId} to={`/customers/${s.customerId}`}><Tag color="cyan">{s.name ?? `#${s.customerId}`}</Tag></Link>)}</Space>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
