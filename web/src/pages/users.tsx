import { Alert, App, AutoComplete, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { staffOptions, useStaff, useStaffName } from '../api/query.ts';
import { KeyOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useAuth } from '../api/auth.tsx';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';

type User = Answer<'/api/v1/users'>[number];
type Token = Answer<'/api/v1/tokens'>[number];

export function UsersPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const users = useApiQuery(['users.users'], async () => unwrap(await client.GET('/api/v1/users')));
  const tokens = useApiQuery(['users.tokens'], async () => unwrap(await client.GET('/api/v1/tokens')));
  const [userOpen, setUserOpen] = useState(false);
  const [created, setCreated] = useState<{ login: string; password: string | null; reset?: boolean }>();
  const [tokenOpen, setTokenOpen] = useState(false);
  const [newToken, setNewToken] = useState<string>();
  const [form] = Form.useForm();
  const [tokenForm] = Form.useForm();
  const staff = useStaff();
  const staffName = useStaffName();
  const act = (p: Promise<unknown>, ok: string) => void p.then(() => { message.success(ok); users.reload(); }, (e: unknown) => message.error(errorText(e, t)));
  const reset = (u: User) => void client.POST('/api/v1/users/{user}/password', { params: { path: { user: u.login } } }).then(unwrap)
    .then((r) => { setCreated({ login: u.login, password: r.oneTimePassword, reset: true }); users.reload(); }, (e: unknown) => message.error(errorText(e, t)));
  if (me?.role !== 'admin') return <Alert type="info" showIcon title={t('users.adminOnly')} />;

  const createUser = async (v: { login: string; name?: string; role: User['role']; staffId?: string; password?: string }) => {
    try {
      const r = unwrap(await client.POST('/api/v1/users', { body: { ...v, staffId: v.staffId || undefined, password: v.password || undefined, name: v.name || undefined } }));
      message.success(t('users.created', { name: r.user.login }));
      setCreated({ login: r.user.login, password: r.oneTimePassword }); setUserOpen(false); form.resetFields(); users.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const createToken = async (v: { name: string; scopes: string[] }) => {
    try {
      const r = unwrap(await client.POST('/api/v1/tokens', { body: v }));
      setNewToken(r.token); setTokenOpen(false); tokenForm.resetFields(); tokens.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };

  return (
    <div data-testid="users-page">
      <div className="page-head"><h2>{t('users.title')}</h2></div>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" title={t('users.users')} extra={<Button type="primary" icon={<UserAddOutlined />} onClick={() => setUserOpen(true)} data-testid="user-new">{t('users.new')}</Button>}>
            {created && <Alert type="success" showIcon closable onClose={() => setCreated(undefined)} style={{ marginBottom: 12 }} title={<span>{created.reset ? t('users.resetDone', { name: created.login }) : t('users.created', { name: created.login })}{created.password && <> · {t('users.oneTimePassword')} <Typography.Text code copyable data-testid="one-time-password">{created.password}</Typography.Text></>}</span>} />}
            {users.error ? <ErrorState error={users.error} onRetry={users.reload} /> : (
              <Table<User> size="small" rowKey="userId" loading={users.loading} dataSource={users.data ?? []} pagination={false} data-testid="user-table"
                columns={[
                  { title: t('users.username'), dataIndex: 'login' }, { title: t('users.displayName'), dataIndex: 'name' },
                  { title: t('users.role'), dataIndex: 'role', render: (r: string) => <Tag color={r === 'admin' ? 'red' : r === 'operator' ? 'blue' : 'green'}>{t(`nav.role.${r}` as MsgKey)}</Tag> },
                  { title: t('users.staffId'), dataIndex: 'staffId', render: (v: string | null) => (v ? `${staffName(v)}${staffName(v) !== v ? ` (${v})` : ''}` : '—') },
                  { title: t('users.seesPhones'), dataIndex: 'seesPhones', render: (v: boolean, u) => <Switch size="small" checked={v} onChange={(on) => void client.PATCH('/api/v1/users/{user}', { ...({ params: { path: { user: u.login } } }), body: { seesPhones: on } }).then(unwrap).then(users.reload, (e: unknown) => message.error(errorText(e, t)))} /> },
                  { title: t('common.status'), dataIndex: 'disabled', render: (v: boolean | undefined, u) => (v ? <Tag>{t('users.disabled')}</Tag> : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? <Tag color="orange">{t('users.locked')}</Tag> : <Tag color="green">{t('common.enabled')}</Tag>) },
                  { title: t('common.actions'), key: 'act', render: (_, u) => u.login === me?.userId ? null : (
                    <Space size={4} wrap>
                      <Button size="small" onClick={() => act(client.PATCH('/api/v1/users/{user}', { ...({ params: { path: { user: u.login } } }), body: { disabled: !u.disabled } }).then(unwrap), u.disabled ? t('users.enabledDone') : t('users.disabledDone'))} data-testid={`user-toggle-${u.login}`}>{u.disabled ? t('users.enable') : t('users.disable')}</Button>
                      <Popconfirm title={t('users.resetConfirm', { name: u.login })} onConfirm={() => reset(u)}><Button size="small" data-testid={`user-reset-${u.login}`}>{t('users.resetPassword')}</Button></Popconfirm>
                      {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() && <Button size="small" onClick={() => act(client.POST('/api/v1/users/{user}/unlock', { params: { path: { user: u.login } } }).then(unwrap), t('users.unlocked'))}>{t('users.unlock')}</Button>}
                      {!u.disabled && <Popconfirm title={t('users.deleteConfirm', { name: u.login })} onConfirm={() => act(client.DELETE('/api/v1/users/{user}', { params: { path: { user: u.login } } }).then(unwrap), t('users.disabledDone'))}><Button size="small" danger>{t('common.delete')}</Button></Popconfirm>}
                    </Space>
                  ) },
                ]} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('users.tokens')} extra={<Button icon={<KeyOutlined />} onClick={() => setTokenOpen(true)}>{t('users.newToken')}</Button>}>
            {newToken && <Alert type="warning" showIcon closable style={{ marginBottom: 12 }} title={<span>{t('users.tokenShown')} <Typography.Text code copyable>{newToken}</Typography.Text></span>} />}
            {tokens.error ? <ErrorState error={tokens.error} onRetry={tokens.reload} /> : (
              <Table<Token> size="small" rowKey="tokenId" loading={tokens.loading} dataSource={tokens.data ?? []} pagination={false}
                columns={[
                  { title: t('users.tokenName'), dataIndex: 'name' }, { title: t('users.tokenPrefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
                  { title: t('users.tokenScopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
                  { title: t('users.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => fmtDateTime(v) },
                  { title: '', key: 'x', render: (_, k) => k.revokedAt ? <Tag>{fmtDateTime(k.revokedAt)}</Tag> : (
                    <Popconfirm title={t('users.revoke')} onConfirm={() => void client.DELETE('/api/v1/tokens/{id}', { params: { path: { id: k.tokenId } } }).then(unwrap).then(tokens.reload, (e: unknown) => message.error(errorText(e, t)))}><Button size="small" danger>{t('users.revoke')}</Button></Popconfirm>
                  ) },
                ]} />
            )}
          </Card>
        </Col>
      </Row>
      <Modal open={userOpen} title={t('users.new')} onCancel={() => setUserOpen(false)} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'user-create' } as Record<string, string>}>
        <Form form={form} layout="vertical" onFinish={createUser} initialValues={{ role: 'staff' }}>
          <Form.Item name="login" label={t('users.username')} rules={[{ required: true, min: 2 }]}><Input id="user-login" /></Form.Item>
          <Form.Item name="name" label={t('users.displayName')}><Input id="user-name" /></Form.Item>
          <Form.Item name="role" label={t('users.role')}><Select options={(['admin', 'operator', 'staff'] as const).map((r) => ({ value: r, label: t(`nav.role.${r}`) }))} /></Form.Item>
          <Form.Item name="staffId" label={t('users.staffId')} extra={t('users.staffIdHint')}>
            <AutoComplete id="user-staff" options={staffOptions(staff.data)} filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())} placeholder={t('users.staffPick')} />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')}><Input.Password id="user-password" /></Form.Item>
        </Form>
      </Modal>
      <Modal open={tokenOpen} title={t('users.newToken')} onCancel={() => setTokenOpen(false)} onOk={() => tokenForm.submit()}>
        <Form form={tokenForm} layout="vertical" onFinish={createToken} initialValues={{ scopes: ['events:write'] }}>
          <Form.Item name="name" label={t('users.tokenName')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="scopes" label="scopes"><Select mode="tags" options={['events:write', 'customers:read', 'tasks:read', 'tasks:write', 'phones:read', 'admin'].map((s) => ({ value: s, label: s }))} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
