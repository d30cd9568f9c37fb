import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { PlusOutlined, SendOutlined, SyncOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useAuth } from '../api/auth.tsx';
import { useApiQuery, useStaff, useStaffName } from '../api/query.ts';
import { Loadable, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDate, fmtDateTime } from '../lib/format.ts';

type Group = Answer<'/api/v1/groups'>['items'][number];
type GroupSop = Answer<'/api/v1/groups/sops'>['items'][number];
type GroupMass = Answer<'/api/v1/groups/mass-messages'>['items'][number];
type JoinWay = Answer<'/api/v1/groups/join-ways'>['items'][number];
const STATUS_COLOR: Record<string, string> = { queued: 'default', pending: 'default', sending: 'orange', created: 'blue', sent: 'green', failed: 'red' };
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function GroupsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const manager = me?.role !== 'staff';
  const groups = useApiQuery(['groups'], async () => unwrap(await client.GET('/api/v1/groups')));
  const sync = async () => {
    try { const r = unwrap(await client.POST('/api/v1/groups/sync')); message.success(t('groups.synced', { n: r.groups, j: r.joined })); groups.reload(); } catch (e) { message.error(errorText(e, t)); }
  };
  const send = async () => {
    try { const r = unwrap(await client.POST('/api/v1/groups/send')); message.success(t('groups.sent', { q: r.queued, c: r.created, f: r.failed.length })); } catch (e) { message.error(errorText(e, t)); }
  };
  return (
    <div data-testid="groups-page">
      <div className="page-head">
        <h2>{t('groups.title')}</h2>
        {manager && <Space><Button icon={<SyncOutlined />} onClick={() => void sync()}>{t('groups.sync')}</Button><Button icon={<SendOutlined />} onClick={() => void send()}>{t('groups.sendNow')}</Button></Space>}
      </div>
      <p className="muted" style={{ marginTop: 0 }}>{t('groups.hint')}</p>
      <Tabs items={[
        { key: 'list', label: t('groups.tab.list'), children: <GroupList state={groups} manager={manager} /> },
        { key: 'sops', label: t('groups.tab.sops'), children: <SopList manager={manager} /> },
        { key: 'mass', label: t('groups.tab.mass'), children: <MassList manager={manager} groups={groups.data?.items ?? []} /> },
        { key: 'codes', label: t('groups.tab.codes'), children: <CodeList manager={manager} groups={groups.data?.items ?? []} /> },
      ]} />
    </div>
  );
}

function GroupList({ state, manager }: { state: ReturnType<typeof useApiQuery<Answer<'/api/v1/groups'>>>; manager: boolean }) {
  const { t } = useI18n();
  const staffName = useStaffName();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card size="small">
      <Loadable state={state} empty={t('groups.empty')} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table<Group> rowKey="chatId" size="small" dataSource={d.items} pagination={{ pageSize: 20 }} onRow={(g) => ({ onClick: () => setOpen(g.chatId), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('groups.name'), dataIndex: 'name', render: (v: string | null, g) => <>{v ?? g.chatId}{g.dismissed && <Tag style={{ marginLeft: 8 }}>{t('groups.dismissed')}</Tag>}</> },
              { title: t('groups.owner'), dataIndex: 'owner', width: 110, render: (v: string | null) => staffName(v) },
              { title: t('groups.tags'), dataIndex: 'tags', width: 180, render: (v: string[]) => v.map((x) => <Tag key={x} color="green">{x}</Tag>) },
              { title: t('groups.customers'), dataIndex: 'customers', width: 100 },
              { title: t('groups.linked'), dataIndex: 'linked', width: 110 },
              { title: t('groups.joinLeave'), width: 130, render: (_: unknown, g) => <span><span style={{ color: '#389e0d' }}>+{g.joined30d}</span> / <span style={{ color: '#cf1322' }}>-{g.left30d}</span></span> },
              { title: t('groups.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: string | null) => fmtDate(v) },
            ]} />
        )}
      </Loadable>
      {open && <GroupDrawer chatId={open} manager={manager} onClose={(changed) => { setOpen(null); if (changed) state.reload(); }} />}
    </Card>
  );
}

function GroupDrawer({ chatId, manager, onClose }: { chatId: string; manager: boolean; onClose(changed: boolean): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [changed, setChanged] = useState(false);
  const g = useApiQuery(['groups.one', chatId], async () => unwrap(await client.GET('/api/v1/groups/{chatId}', { params: { path: { chatId } } })));
  const conv = useApiQuery(['groups.conversion', chatId], async () => unwrap(await client.GET('/api/v1/groups/{chatId}/conversion', { params: { path: { chatId } } })));
  const saveTags = async (tags: string[]) => {
    try { unwrap(await client.PUT('/api/v1/groups/{chatId}/tags', { params: { path: { chatId } }, body: { tags } })); g.reload(); setChanged(true); } catch (e) { message.error(errorText(e, t)); }
  };
  return (
    <Drawer open width={560} title={g.data?.name ?? t('groups.detail')} onClose={() => onClose(changed)}>
      <Loadable state={g}>
        {(d) => (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Descriptions size="small" column={2} items={[
              { key: 'm', label: t('groups.members'), children: d.members }, { key: 'c', label: t('groups.customers'), children: d.customers },
              { key: 'j', label: t('groups.joinLeave'), children: `+${d.joined30d} / -${d.left30d}` }, { key: 'd', label: t('groups.createdAt'), children: fmtDate(d.createdAt) },
            ]} />
            <div>
              <div className="muted">{t('groups.tags')}</div>
              <Select mode="tags" style={{ width: '100%' }} value={d.tags} disabled={!manager} onChange={(v: string[]) => void saveTags(v)}
                options={['VIP群', '快闪群', '兴趣群', '福利群'].map((x) => ({ value: x, label: x }))} />
            </div>
            <Card size="small" title={t('groups.conversion')}>
              <Loadable state={conv}>
                {(c) => (
                  <div>
                    <div>{t('groups.conversionMembers', { c: c.memberOrders.customers, o: c.memberOrders.paidOrders, m: yuan(c.memberOrders.paidFen) })}</div>
                    <div>{t('groups.conversionOthers', { c: c.otherOrders.customers, o: c.otherOrders.paidOrders, m: yuan(c.otherOrders.paidFen) })}</div>
                    <div className="muted">{t('groups.conversionViaCode', { n: c.joinedViaCode })}</div>
                    <div className="muted">{t('groups.conversionInvited', { i: c.invited, j: c.invitedJoined })}</div>
                  </div>
                )}
              </Loadable>
            </Card>
            <Card size="small" title={t('groups.memberCustomers')}>
              <Table size="small" rowKey="customerId" dataSource={d.memberCustomers} pagination={{ pageSize: 10 }} columns={[
                { title: t('groups.memberName'), dataIndex: 'name', render: (v: string | null, m) => <Link to={`/customers/${m.customerId}`}>{v ?? `#${m.customerId}`}</Link> },
                { title: t('groups.joinedAt'), dataIndex: 'joinedAt', render: (v: string | null) => fmtDate(v) },
                { title: t('groups.joinedVia'), dataIndex: 'state', render: (v: string | null) => v ?? '—' },
              ]} />
            </Card>
            <Card size="small" title={t('groups.daily')}>
              <Table size="small" rowKey="day" dataSource={d.daily} pagination={false} columns={[
                { title: t('groups.day'), dataIndex: 'day' }, { title: '+', dataIndex: 'joined' }, { title: '-', dataIndex: 'left' },
              ]} />
            </Card>
          </Space>
        )}
      </Loadable>
    </Drawer>
  );
}

const statusTags = (t: (k: MsgKey) => string, sends: { status: string; groups?: number }[]) => {
  const by = new Map<string, number>();
  for (const s of sends) by.set(s.status, (by.get(s.status) ?? 0) + (s.groups ?? 1));
  return [...by].map(([s, n]) => <Tag key={s} color={STATUS_COLOR[s]}>{t(`groups.status.${s}` as MsgKey)} {n}</Tag>);
};

function SopList({ manager }: { manager: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const sops = useApiQuery(['groups.sops'], async () => unwrap(await client.GET('/api/v1/groups/sops')));
  const toggle = async (s: GroupSop, enabled: boolean) => {
    try { unwrap(await client.PUT('/api/v1/groups/sops/{id}/enabled', { params: { path: { id: s.groupSopId } }, body: { enabled } })); sops.reload(); } catch (e) { message.error(errorText(e, t)); }
  };
  return (
    <Card size="small">
      <Loadable state={sops} empty={t('groups.sopEmpty')} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table<GroupSop> rowKey="groupSopId" size="small" dataSource={d.items} pagination={false} columns={[
            { title: t('groups.sopName'), dataIndex: 'name' },
            {
              title: t('groups.sopSteps'), dataIndex: 'definition',
              render: (def: { steps?: { key: string; offsetDays?: number; date?: string; text?: string }[] }) => (def.steps ?? []).map((s) => (
                <div key={s.key}><code>{s.key}</code> {s.date ?? `D+${s.offsetDays ?? 0}`} {s.text}</div>
              )),
            },
            { title: t('groups.sopSends'), dataIndex: 'sends', render: (v: GroupSop['sends']) => statusTags(t, v) },
            { title: t('groups.sopEnabled'), dataIndex: 'enabled', width: 80, render: (v: boolean, s) => <Switch checked={v} disabled={!manager} onChange={(x) => void toggle(s, x)} /> },
          ]} />
        )}
      </Loadable>
    </Card>
  );
}

function MassList({ manager, groups }: { manager: boolean; groups: Group[] }) {
  const { t } = useI18n();
  const [creating, setCreating] = useState(false);
  const masses = useApiQuery(['groups.mass'], async () => unwrap(await client.GET('/api/v1/groups/mass-messages')));
  return (
    <Card size="small" extra={manager && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('groups.massNew')}</Button>}>
      <Loadable state={masses} empty={t('groups.massEmpty')} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table<GroupMass> rowKey="groupMassId" size="small" dataSource={d.items} pagination={false}
            expandable={{ expandedRowRender: (m) => m.results.map((r) => <Tag key={r.chatId} color={STATUS_COLOR[r.status]}>{r.name ?? r.chatId} · {t(`groups.status.${r.status}` as MsgKey)}</Tag>) }}
            columns={[
              { title: t('groups.massText'), dataIndex: 'title' },
              { title: t('groups.massGroups', { n: '' }).trim(), dataIndex: 'results', render: (r: GroupMass['results']) => statusTags(t, r) },
              { title: t('groups.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => fmtDateTime(v) },
            ]} />
        )}
      </Loadable>
      {creating && <MassDrawer groups={groups} onClose={(saved) => { setCreating(false); if (saved) masses.reload(); }} />}
    </Card>
  );
}

function MassDrawer({ groups, onClose }: { groups: Group[]; onClose(saved: boolean): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [err, setErr] = useState<string>();
  const staff = useStaff();
  const materials = useApiQuery(['groups.materials'], async () => unwrap(await client.GET('/api/v1/materials', { params: { query: { limit: 500 } } })));
  const tags = [...new Set(groups.flatMap((g) => g.tags))];
  const save = async (v: { text?: string; materials?: number[]; tags?: string[]; owners?: string[] }) => {
    setErr(undefined);
    try {
      unwrap(await client.POST('/api/v1/groups/mass-messages', { body: {
        ...(v.text ? { text: v.text } : {}), ...(v.materials?.length ? { materials: v.materials } : {}),
        groups: { ...(v.tags?.length ? { tags: v.tags } : {}), ...(v.owners?.length ? { owners: v.owners } : {}) },
      } }));
      message.success(t('common.created')); onClose(true);
    } catch (e) { setErr(errorText(e, t)); }
  };
  return (
    <Drawer open width={480} title={t('groups.massNew')} onClose={() => onClose(false)} extra={<Button type="primary" onClick={() => form.submit()}>{t('common.save')}</Button>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="text" label={t('groups.massText')}><Input.TextArea rows={4} maxLength={4000} /></Form.Item>
        <Form.Item name="materials" label={t('groups.massMaterials')}>
          <Select mode="multiple" optionFilterProp="label" options={(materials.data?.items ?? []).filter((m) => m.kind !== 'text').map((m) => ({ value: m.materialId, label: m.title }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('groups.massByTags')}><Select mode="multiple" options={tags.map((x) => ({ value: x, label: x }))} /></Form.Item>
        <Form.Item name="owners" label={t('groups.massByOwners')}><Select mode="multiple" options={(staff.data ?? []).map((s) => ({ value: s.staffId, label: s.name ?? s.staffId }))} /></Form.Item>
      </Form>
      {err && <Alert type="error" showIcon title={err} />}
    </Drawer>
  );
}

function CodeList({ manager, groups }: { manager: boolean; groups: Group[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const codes = useApiQuery(['groups.codes'], async () => unwrap(await client.GET('/api/v1/groups/join-ways')));
  const save = async (v: { state: string; chatIds: string[]; remark?: string }) => {
    try { unwrap(await client.POST('/api/v1/groups/join-ways', { body: { state: v.state, chatIds: v.chatIds, ...(v.remark ? { remark: v.remark } : {}) } })); form.resetFields(); codes.reload(); message.success(t('common.created')); } catch (e) { message.error(errorText(e, t)); }
  };
  return (
    <Card size="small">
      {manager && (
        <Form form={form} layout="inline" onFinish={(v) => void save(v)} style={{ marginBottom: 12 }}>
          <Form.Item name="state" rules={[{ required: true, max: 30 }]} tooltip={t('groups.codeStateHint')} label={t('groups.codeState')}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="chatIds" rules={[{ required: true }]} label={t('groups.codeGroups')}>
            <Select mode="multiple" maxCount={5} style={{ minWidth: 240 }} options={groups.map((g) => ({ value: g.chatId, label: g.name ?? g.chatId }))} />
          </Form.Item>
          <Form.Item name="remark" label={t('groups.codeRemark')}><Input style={{ width: 160 }} /></Form.Item>
          <Button htmlType="submit" type="primary" icon={<PlusOutlined />}>{t('groups.codeNew')}</Button>
        </Form>
      )}
      <Loadable state={codes} empty={t('groups.codeEmpty')} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <Table<JoinWay> rowKey="configId" size="small" dataSource={d.items} pagination={false} columns={[
            { title: t('groups.codeState'), dataIndex: 'state', render: (v: string) => <code>{v}</code> },
            { title: t('groups.codeGroups'), dataIndex: 'chatIds', render: (v: string[]) => v.map((id) => groups.find((g) => g.chatId === id)?.name ?? id).join('、') },
            { title: t('groups.codeJoined'), dataIndex: 'joined', width: 100 },
            { title: 'QR', dataIndex: 'qrCode', render: (v: string | null) => (v ? <a href={v} target="_blank" rel="noreferrer">QR</a> : '—') },
          ]} />
        )}
      </Loadable>
    </Card>
  );
}
