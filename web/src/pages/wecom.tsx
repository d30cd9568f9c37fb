import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { CloudSyncOutlined, DiffOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { client, unwrap } from '../api/typed.ts';
import { ErrorState, errorText, isMissingRoute } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';


export function WecomPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const config = useApiQuery(['wecom.config'], async () => client.GET('/api/v1/wecom/config').then(unwrap).catch((e: unknown) => (e instanceof Error && 'status' in e && (e as { status: number }).status === 404 && !isMissingRoute(e) ? null : Promise.reject(e))));
  const inbox = useApiQuery(['wecom.inbox'], async () => unwrap(await client.GET('/api/v1/wecom/inbox', { params: { query: { limit: 50 } } })));
  const [report, setReport] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  useEffect(() => { if (config.data) form.setFieldsValue({ ...config.data, secret: '' }); }, [config.data, form]);

  const save = async (v: Record<string, string>) => {
    try {
      unwrap(await client.PUT('/api/v1/wecom/config', { body: { corpId: v.corpId ?? '', token: v.token ?? '', aesKey: v.aesKey ?? '', secret: v.secret ?? '', apiBase: v.apiBase || undefined } }));
      message.success(t('common.saved')); config.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const run = async (what: 'sync' | 'reconcile') => {
    setBusy(what);
    try { const r = unwrap(await (what === 'sync' ? client.POST('/api/v1/wecom/sync') : client.POST('/api/v1/wecom/reconcile'))); setReport(r); message.success(t('wecom.started', { msg: t(`wecom.${what}`) })); inbox.reload(); } catch (e) { message.error(e instanceof ApiError && e.code === 'conflict' && !config.data ? t('wecom.notConfigured') : errorText(e, t)); } finally { setBusy(undefined); }
  };
  const callbackUrl = config.data ? `${location.origin}${config.data.callbackPath}` : `${location.origin}/api/v1/wecom/callback/default`;

  return (
    <div data-testid="wecom-page">
      <div className="page-head">
        <h2>{t('wecom.title')}</h2>
        <Space>
          <Button icon={<CloudSyncOutlined />} loading={busy === 'sync'} onClick={() => void run('sync')}>{t('wecom.sync')}</Button>
          <Button icon={<DiffOutlined />} loading={busy === 'reconcile'} onClick={() => void run('reconcile')}>{t('wecom.reconcile')}</Button>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('wecom.credentials')} extra={config.data && <span className="muted">{fmtDateTime(config.data.updatedAt)}</span>}>
            {config.error ? <ErrorState error={config.error} onRetry={config.reload} /> : null}
            <Form form={form} layout="vertical" onFinish={save}>
              <Form.Item name="corpId" label={t('wecom.corpId')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="secret" label={t('wecom.secret')} rules={[{ required: true }]}><Input.Password placeholder={config.data ? t('wecom.secretSet') : ''} /></Form.Item>
              <Form.Item name="token" label={t('wecom.token')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="aesKey" label={t('wecom.aesKey')} rules={[{ required: true, len: 43 }]}><Input /></Form.Item>
              <Form.Item name="apiBase" label={t('wecom.apiBase')}><Input placeholder="https://qyapi.weixin.qq.com" /></Form.Item>
              <Form.Item label={t('wecom.callbackUrl')}><Typography.Text code copyable>{callbackUrl}</Typography.Text></Form.Item>
              <Button type="primary" htmlType="submit">{t('common.save')}</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          {report !== undefined && <Alert type="success" showIcon closable style={{ marginBottom: 16 }} title={<pre className="code" style={{ margin: 0, maxHeight: 200 }}>{JSON.stringify(report, null, 2)}</pre>} />}
          <Card size="small" title={t('wecom.inbox')}>
            {inbox.error ? <ErrorState error={inbox.error} onRetry={inbox.reload} /> : !inbox.data ? null
              : Object.values(inbox.data).every((v) => Array.isArray(v) && v.length === 0) ? <span className="muted">{t('wecom.inboxNone')}</span>
              : <pre className="code" style={{ maxHeight: 520 }}>{JSON.stringify(inbox.data, null, 2)}</pre>}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
