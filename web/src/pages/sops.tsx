import { Alert, App, Button, Card, Col, List, Row, Space, Switch, Tag } from 'antd';
import { ExperimentOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { JsonEditor, parseJson } from '../components/json-editor.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { Sop } from '../api/types.ts';
import { client, unwrap } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';


const EXAMPLE = {
  name: '首购后关怀',
  stage: '购买频次/已购买',
  reentry: { allowed: false, coolDownDays: 30 },
  steps: [
    { key: 'thanks', offsetDays: 0, window: { start: '10:00', end: '20:00' }, channel: 'private_chat', purpose: 'service', content: '{name}，感谢下单！有任何问题随时找我～{staff}' },
    { key: 'feedback', offsetDays: 3, channel: 'private_chat', purpose: 'service', content: '{name}，用了几天感觉怎么样？' },
  ],
};

export function SopsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const sops = useApiQuery(['sops.sops'], async () => unwrap(await client.GET('/api/v1/sops')).items);
  const [editing, setEditing] = useState<number | 'new'>('new');
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [result, setResult] = useState<unknown>();
  const [err, setErr] = useState<string>();
  const open = async (s: Sop | 'new') => {
    setResult(undefined); setErr(undefined);
    if (s === 'new') { setEditing('new'); setText(JSON.stringify(EXAMPLE, null, 2)); return; }
    setEditing(s.sopId);
    try { const full = unwrap(await client.GET('/api/v1/sops/{id}', { params: { path: { id: String(s.sopId) } } })); setText(JSON.stringify(full.definition, null, 2)); } catch (e) { setErr(errorText(e, t)); }
  };
  const parsed = () => { const p = parseJson(text); if (!p.ok) { setErr(t('common.badJson', { msg: p.error })); return undefined; } setErr(undefined); return p.value; };
  const dryRun = async () => { const d = parsed(); if (d === undefined) return; try { setResult(await api.post('/api/v1/sops/dry-run', { definition: d, samples: 5 })); } catch (e) { setErr(errorText(e, t)); } };
  const save = async () => {
    const d = parsed(); if (d === undefined) return;
    try { if (editing === 'new') await api.post('/api/v1/sops', d); else await api.put(`/api/v1/sops/${editing}`, d); message.success(t('common.saved')); sops.reload(); } catch (e) { setErr(errorText(e, t)); }
  };
  const toggle = async (s: Sop, on: boolean) => { try { await api.post(`/api/v1/sops/${s.sopId}/${on ? 'enable' : 'disable'}`); sops.reload(); } catch (e) { message.error(errorText(e, t)); } };

  return (
    <div data-testid="sops-page">
      <div className="page-head"><h2>{t('sops.title')}</h2><Button icon={<PlusOutlined />} onClick={() => void open('new')}>{t('sops.new')}</Button></div>
      <p className="page-hint">{t('sops.hint')}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('nav.sops')}>
            {sops.error ? <ErrorState error={sops.error} onRetry={sops.reload} /> : (
              <List loading={sops.loading} dataSource={sops.data ?? []} locale={{ emptyText: t('sops.none') }} renderItem={(s) => (
                <List.Item style={{ cursor: 'pointer', background: editing === s.sopId ? '#e6f6f3' : undefined, paddingInline: 8 }} onClick={() => void open(s)}
                  extra={<Switch size="small" checked={s.enabled} onClick={(on, e) => { e.stopPropagation(); void toggle(s, on); }} />}>
                  <List.Item.Meta title={s.name} description={<Tag color="purple">{s.stage.path}</Tag>} />
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={editing === 'new' ? t('sops.new') : `SOP #${editing}`} extra={<Space>
            <Button icon={<ExperimentOutlined />} onClick={() => void dryRun()}>{t('sops.dryRun')}</Button>
            <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()}>{t('common.save')}</Button>
          </Space>}>
            <JsonEditor value={text} onChange={setText} />
            {err && <Alert type="error" showIcon title={err} style={{ marginTop: 12 }} />}
          </Card>
          {result !== undefined && <Card size="small" title={t('rules.dryRunTitle')} style={{ marginTop: 16 }}><pre className="code">{JSON.stringify(result, null, 2)}</pre></Card>}
        </Col>
      </Row>
    </div>
  );
}
