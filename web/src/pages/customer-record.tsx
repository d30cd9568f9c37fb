/**
 * Customer 360's record and follow-up cards, and the settings card that defines the
 * workspace's custom fields. Remark and description are the owner's WeCom remark: the card
 * says whether the last edit has reached WeCom.
 */
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery, useStaffName } from '../api/query.ts';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDate, fmtDateTime } from '../lib/format.ts';

type CustomerRecord = Answer<'/api/v1/customers/{id}/record'>;
type Field = Answer<'/api/v1/custom-fields'>['items'][number];
type FieldValue = CustomerRecord['custom'][string];

const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
const FIELD_TYPES = ['text', 'number', 'date', 'single', 'multi'] as const;
const FOLLOWUP_TYPES = ['call', 'visit', 'chat', 'other'] as const;

const useFields = () => useApiQuery(['custom-fields'], async () => unwrap(await client.GET('/api/v1/custom-fields')).items);

const valueText = (v: FieldValue | undefined) => (v === undefined ? '—' : Array.isArray(v) ? v.join('、') : String(v));

export function RecordCard({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const record = useApiQuery(['customer-record', customerId], async () =>
    unwrap(await client.GET('/api/v1/customers/{id}/record', { params: { path: { id: customerId } } })));
  const fields = useFields();
  const [editing, setEditing] = useState(false);
  const r = record.data;
  const sync = !r ? null : r.remarkSync.error
    ? <Tooltip title={r.remarkSync.error}><Tag color="red" data-testid="record-sync">{t('rec.sync.error')}</Tag></Tooltip>
    : r.remarkSync.pending ? <Tag color="orange" data-testid="record-sync">{t('rec.sync.pending')}</Tag>
    : r.remarkSync.syncedAt ? <Tooltip title={fmtDateTime(r.remarkSync.syncedAt)}><Tag color="green" data-testid="record-sync">{t('rec.sync.synced')}</Tag></Tooltip>
    : r.remark || r.description ? <Tag data-testid="record-sync">{t('rec.sync.local')}</Tag> : null;
  return (
    <Card title={t('rec.title')} size="small" data-testid="customer-record" loading={!r && !record.error}
      extra={<Button size="small" icon={<EditOutlined />} disabled={!r} onClick={() => setEditing(true)} data-testid="record-edit">{t('rec.edit')}</Button>}>
      {record.error ? <ErrorState error={record.error} onRetry={record.reload} /> : r && (
        <Descriptions column={1} size="small" items={[
          { key: 'remark', label: t('rec.remark'), children: <Space size={4} wrap><span data-testid="record-remark">{r.remark ?? '—'}</span>{sync}</Space> },
          { key: 'description', label: t('rec.description'), children: r.description ?? '—' },
          { key: 'region', label: t('rec.region'), children: [r.province, r.city].filter(Boolean).join(' · ') || '—' },
          { key: 'birthday', label: t('rec.birthday'), children: r.birthday ? fmtDate(r.birthday) : '—' },
          { key: 'age', label: t('rec.ageBand'), children: r.ageBand ? <>{t(`rec.age.${r.ageBand}` as MsgKey)}{r.ageBandFromBirthday && <span className="muted"> · {t('rec.ageBand.fromBirthday')}</span>}</> : '—' },
          ...(fields.data ?? []).map((f) => ({ key: `custom.${f.key}`, label: f.label, children: <span data-testid={`record-custom-${f.key}`}>{valueText(r.custom[f.key])}</span> })),
        ]} />
      )}
      {editing && r && <RecordForm record={r} fields={fields.data ?? []} onClose={(saved) => { setEditing(false); if (saved) record.reload(); }} />}
    </Card>
  );
}

function RecordForm({ record, fields, onClose }: { record: CustomerRecord; fields: Field[]; onClose(saved: boolean): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const initial = {
    remark: record.remark ?? '', description: record.description ?? '', province: record.province ?? '', city: record.city ?? '',
    birthday: record.birthday ? dayjs(record.birthday) : null, ageBand: record.ageBandFromBirthday ? undefined : record.ageBand ?? undefined,
    ...Object.fromEntries(fields.map((f) => {
      const v = record.custom[f.key];
      return [`custom_${f.key}`, f.type === 'date' && typeof v === 'string' ? dayjs(v) : v];
    })),
  };
  const save = async (v: Record<string, unknown>) => {
    const text = (x: unknown) => (typeof x === 'string' && x.trim() !== '' ? x.trim() : null);
    const custom: Record<string, FieldValue | null> = {};
    for (const f of fields) {
      const x = v[`custom_${f.key}`];
      custom[f.key] = x == null || x === '' || (Array.isArray(x) && x.length === 0) ? null
        : dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : x as FieldValue;
    }
    setBusy(true);
    try {
      unwrap(await client.PATCH('/api/v1/customers/{id}/record', {
        params: { path: { id: record.customerId } },
        body: {
          remark: text(v.remark), description: text(v.description), province: text(v.province), city: text(v.city),
          birthday: dayjs.isDayjs(v.birthday) ? v.birthday.format('YYYY-MM-DD') : null, ageBand: (v.ageBand as string | undefined) ?? null,
          ...(fields.length > 0 ? { custom } : {}),
        },
      }));
      message.success(t('common.saved'));
      onClose(true);
    } catch (e) { message.error(errorText(e, t)); } finally { setBusy(false); }
  };
  return (
    <Modal open title={t('rec.edit')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="record-form">
        <Form.Item name="remark" label={t('rec.remark')} extra={t('rec.remark.help')}><Input maxLength={20} showCount data-testid="record-remark-input" /></Form.Item>
        <Form.Item name="description" label={t('rec.description')}><Input.TextArea maxLength={150} showCount rows={2} /></Form.Item>
        <Space>
          <Form.Item name="province" label={t('rec.province')}><Input maxLength={30} /></Form.Item>
          <Form.Item name="city" label={t('rec.city')}><Input maxLength={30} /></Form.Item>
        </Space>
        <Space>
          <Form.Item name="birthday" label={t('rec.birthday')}><DatePicker disabledDate={(d) => d.isAfter(dayjs())} /></Form.Item>
          <Form.Item name="ageBand" label={t('rec.ageBand')}>
            <Select allowClear style={{ width: 160 }} placeholder={t('rec.ageBand.fromBirthday')} options={AGE_BANDS.map((b) => ({ value: b, label: t(`rec.age.${b}` as MsgKey) }))} />
          </Form.Item>
        </Space>
        {fields.map((f) => (
          <Form.Item key={f.key} name={`custom_${f.key}`} label={f.label}>
            {f.type === 'text' ? <Input maxLength={200} />
              : f.type === 'number' ? <InputNumber style={{ width: 200 }} />
              : f.type === 'date' ? <DatePicker />
              : <Select allowClear mode={f.type === 'multi' ? 'multiple' : undefined} options={f.options.map((o) => ({ value: o, label: o }))} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

export function FollowupsCard({ customerId, onTask }: { customerId: number; onTask?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const staffName = useStaffName();
  const list = useApiQuery(['customer-followups', customerId], async () =>
    unwrap(await client.GET('/api/v1/customers/{id}/followups', { params: { path: { id: customerId } } })).items);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const add = async (v: { type: (typeof FOLLOWUP_TYPES)[number]; note: string; nextOn?: dayjs.Dayjs | null }) => {
    setBusy(true);
    try {
      const f = unwrap(await client.POST('/api/v1/customers/{id}/followups', {
        params: { path: { id: customerId } },
        body: { type: v.type, note: v.note, ...(v.nextOn ? { nextOn: v.nextOn.format('YYYY-MM-DD') } : {}) },
      }));
      message.success(t('common.saved'));
      form.resetFields();
      list.reload();
      if (f.task) onTask?.();
    } catch (e) { message.error(errorText(e, t)); } finally { setBusy(false); }
  };
  return (
    <Card title={t('rec.fu.title')} size="small" data-testid="customer-followups">
      <Form form={form} layout="vertical" initialValues={{ type: 'call' }} onFinish={(v) => void add(v)} data-testid="followup-form">
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <Form.Item name="type" noStyle><Select style={{ width: 100 }} options={FOLLOWUP_TYPES.map((x) => ({ value: x, label: t(`rec.fu.type.${x}` as MsgKey) }))} /></Form.Item>
          <Form.Item name="nextOn" noStyle><DatePicker placeholder={t('rec.fu.next')} disabledDate={(d) => d.isBefore(dayjs(), 'day')} /></Form.Item>
        </Space.Compact>
        <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('rec.fu.note') }]} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('rec.fu.note')} data-testid="followup-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="small" icon={<PlusOutlined />} loading={busy} data-testid="followup-add">{t('rec.fu.add')}</Button>
      </Form>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (list.data ?? []).length === 0 ? <p className="muted" style={{ marginTop: 12, marginBottom: 0 }}>{t('rec.fu.none')}</p> : (
        <List size="small" style={{ marginTop: 8 }} dataSource={list.data ?? []} renderItem={(f) => (
          <List.Item data-testid="followup-entry">
            <List.Item.Meta
              title={<Space size={4} wrap><Tag>{t(`rec.fu.type.${f.type}` as MsgKey)}</Tag><span>{f.note}</span></Space>}
              description={<>{fmtDateTime(f.createdAt)} · {staffName(f.staffId)}{f.task && <> · <Tag color={f.task.status === 'pending' ? 'blue' : 'green'}>{t('rec.fu.task', { at: fmtDateTime(f.task.dueAt) })} · {t(`tasks.status.${f.task.status}` as MsgKey)}</Tag></>}</>} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

/** Settings: the workspace's custom fields. */
export function CustomFieldsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const fields = useFields();
  const [editing, setEditing] = useState<Field | 'new' | null>(null);
  const [form] = Form.useForm();
  const type = Form.useWatch('type', form) as Field['type'] | undefined;
  const save = async (v: { key: string; label: string; type: Field['type']; options?: string[] }) => {
    try {
      unwrap(await client.PUT('/api/v1/custom-fields/{key}', {
        params: { path: { key: v.key } },
        body: { label: v.label, type: v.type, ...(v.type === 'single' || v.type === 'multi' ? { options: v.options ?? [] } : {}) },
      }));
      message.success(t('common.saved')); setEditing(null); fields.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const remove = async (key: string) => {
    try {
      const r = unwrap(await client.DELETE('/api/v1/custom-fields/{key}', { params: { path: { key } } }));
      message.success(t('rec.fields.removed', { n: r.valuesRemoved })); fields.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  const open = (f: Field | 'new') => {
    setEditing(f);
    form.setFieldsValue(f === 'new' ? { key: '', label: '', type: 'text', options: [] } : f);
  };
  return (
    <Card size="small" title={t('rec.fields.title')} data-testid="custom-fields"
      extra={<Button size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="custom-field-add">{t('rec.fields.add')}</Button>}>
      <p className="muted" style={{ marginTop: 0 }}>{t('rec.fields.help')}</p>
      {fields.error ? <ErrorState error={fields.error} onRetry={fields.reload} /> : (
        <Table size="small" rowKey="key" pagination={false} dataSource={fields.data ?? []} locale={{ emptyText: t('rec.fields.none') }} columns={[
          { title: t('rec.fields.label'), dataIndex: 'label' },
          { title: t('rec.fields.key'), dataIndex: 'key', render: (k: string) => <code data-raw>{k}</code> },
          { title: t('rec.fields.type'), dataIndex: 'type', render: (x: Field['type']) => t(`rec.type.${x}` as MsgKey) },
          { title: t('rec.fields.options'), dataIndex: 'options', render: (o: string[]) => o.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('common.actions'), key: 'a', render: (_: unknown, f: Field) => (
            <Space size={4}>
              <Button size="small" onClick={() => open(f)}>{t('common.edit')}</Button>
              <Popconfirm title={t('rec.fields.removeConfirm')} onConfirm={() => void remove(f.key)}><Button size="small" danger>{t('common.delete')}</Button></Popconfirm>
            </Space>
          ) },
        ]} />
      )}
      <Modal open={editing !== null} title={editing === 'new' ? t('rec.fields.add') : t('common.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="key" label={t('rec.fields.key')} extra={t('rec.fields.keyHelp')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('rec.fields.keyHelp') }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="label" label={t('rec.fields.label')} rules={[{ required: true, whitespace: true, message: t('rec.fields.label') }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="type" label={t('rec.fields.type')}><Select options={FIELD_TYPES.map((x) => ({ value: x, label: t(`rec.type.${x}` as MsgKey) }))} /></Form.Item>
          {(type === 'single' || type === 'multi') && (
            <Form.Item name="options" label={t('rec.fields.options')}><Select mode="tags" tokenSeparators={['|', '，', ',']} /></Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
