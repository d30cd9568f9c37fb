import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../api/auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { LangSwitch } from '../components/lang-switch.tsx';
import { errorText } from '../components/states.tsx';
import { ApiError } from '../api/client.ts';
import { client, unwrap } from '../api/typed.ts';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try { await login(v.username, v.password); } catch (e) { setError(t('login.failed', { msg: e instanceof ApiError && e.code === 'unauthorized' ? t('login.wrong') : errorText(e, t) })); } finally { setBusy(false); }
  };
  return (
    <div className="login-wrap">
      <div style={{ position: 'fixed', top: 16, right: 16 }}><LangSwitch /></div>
      <Card className="login-card">
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <div className="siyu-logo" style={{ justifyContent: 'center', color: '#0f2a3d' }}><span className="mark" style={{ color: '#fff' }}>私</span></div>
          <Typography.Title level={3} style={{ margin: '4px 0' }}>{t('login.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" id="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12, marginBottom: 0 }}>{t('login.hint')}</Typography.Paragraph>
      </Card>
    </div>
  );
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true); setError(undefined);
    try { unwrap(await client.POST('/api/v1/auth/password', { body: v })); await refresh(); } catch (e) { setError(errorText(e, t)); } finally { setBusy(false); }
  };
  return (
    <div className="login-wrap">
      <div style={{ position: 'fixed', top: 16, right: 16 }}><LangSwitch /></div>
      <Card className="login-card">
        <Typography.Title level={3}>{t('login.change')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.changeHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('login.current')} rules={[{ required: true }]}><Input.Password id="current-password" /></Form.Item>
          <Form.Item name="newPassword" label={t('login.new')} rules={[{ required: true, min: 8 }]}><Input.Password id="new-password" /></Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">{t('login.change')}</Button>
        </Form>
      </Card>
    </div>
  );
}
