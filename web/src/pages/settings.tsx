import { App, Button, Card, Col, Form, InputNumber, Row, Select, Switch, TimePicker, Space, Alert } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { JsonEditor, parseJson } from '../components/json-editor.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useApiQuery } from '../api/query.ts';
import { CustomFieldsCard } from './customer-record.tsx';
import { CouponDefinitionsCard } from './customer-coupons.tsx';

type Policy = Answer<'/api/v1/policy'>;

export function SettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const policy = useApiQuery(['settings.policy'], async () => unwrap(await client.GET('/api/v1/policy')));
  const config = useApiQuery(['settings.config'], async () => unwrap(await client.GET('/api/v1/models/config')));
  const [text, setText] = useState('');
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  useEffect(() => { if (config.data) setText(JSON.stringify(config.data, null, 2)); }, [config.data]);
  useEffect(() => {
    if (policy.data) form.setFieldsValue({ ...policy.data, quiet: [dayjs(`2000-01-01T${policy.data.quietHours.start}`), dayjs(`2000-01-01T${policy.data.quietHours.end}`)] });
  }, [policy.data, form]);

  const savePolicy = async (v: Policy & { quiet: [dayjs.Dayjs, dayjs.Dayjs] }) => {
    try {
      unwrap(await client.PUT('/api/v1/policy', { body: {
        marketingMinTrust: v.marketingMinTrust, frequencyCap: v.frequencyCap, massMessagesPerDay: v.massMessagesPerDay,
        quietHours: { enabled: v.quietHours.enabled, start: v.quiet[0].format('HH:mm'), end: v.quiet[1].format('HH:mm') },
      } }));
      message.success(t('common.saved')); policy.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const saveConfig = async () => {
    const p = parseJson(text);
    if (!p.ok) { setErr(t('common.badJson', { msg: p.error })); return; }
    setBusy(true); setErr(undefined);
    try {
      const r = unwrap(await client.PUT('/api/v1/models/config', { body: p.value as never }));
      message.success(t('settings.recomputed', { n: r.recompute.moved })); config.reload();
    } catch (e) { setErr(errorText(e, t)); } finally { setBusy(false); }
  };

  return (
    <div data-testid="settings-page">
      <div className="page-head"><h2>{t('settings.title')}</h2></div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('settings.policy')}>
            <p className="muted" style={{ marginTop: 0 }}>{t('settings.policyHint')}</p>
            {policy.error ? <ErrorState error={policy.error} onRetry={policy.reload} /> : (
              <Form form={form} layout="vertical" onFinish={savePolicy}>
                <Form.Item name="marketingMinTrust" label={t('settings.minTrust')}><Select options={[0, 1, 2, 3, 4, 5].map((l) => ({ value: l, label: `L${l}` }))} /></Form.Item>
                <Space>
                  <Form.Item name={['frequencyCap', 'touches']} label={t('settings.maxTouches')}><InputNumber min={0} /></Form.Item>
                  <Form.Item name={['frequencyCap', 'windowDays']} label={t('settings.windowDays')}><InputNumber min={1} /></Form.Item>
                </Space>
                <Space align="end">
                  <Form.Item name={['quietHours', 'enabled']} valuePropName="checked" label={`${t('settings.quietStart')} – ${t('settings.quietEnd')}`}><Switch /></Form.Item>
                  <Form.Item name="quiet"><TimePicker.RangePicker format="HH:mm" order={false} /></Form.Item>
                </Space>
                <Form.Item name="massMessagesPerDay" label={t('settings.massPerDay')}><InputNumber min={0} addonAfter={t('settings.perDay')} /></Form.Item>
                <Button type="primary" htmlType="submit">{t('common.save')}</Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('settings.models')} extra={<Button type="primary" loading={busy} onClick={() => void saveConfig()}>{t('common.save')}</Button>}>
            <p className="muted" style={{ marginTop: 0 }}>{t('settings.modelsHint')}</p>
            {config.error ? <ErrorState error={config.error} onRetry={config.reload} /> : <JsonEditor value={text} onChange={setText} rows={24} />}
            {err && <Alert type="error" showIcon title={err} style={{ marginTop: 12 }} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <CustomFieldsCard />
        </Col>
        <Col xs={24} xl={12}>
          <CouponDefinitionsCard />
        </Col>
      </Row>
    </div>
  );
}
