/** Customer 360's coupons (issue, redeem) and the settings card of coupon definitions. */
import { App, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';

type Coupon = Answer<'/api/v1/coupons'>['items'][number];
const STATUS_COLOR = { issued: 'blue', redeemed: 'green', expired: undefined } as const;

const useCoupons = () => useApiQuery(['coupons'], async () => unwrap(await client.GET('/api/v1/coupons')).items);

export function CouponsCard({ customerId, onChange }: { customerId: number; onChange?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const defs = useCoupons();
  const list = useApiQuery(['customer-coupons', customerId], async () =>
    unwrap(await client.GET('/api/v1/customers/{id}/coupons', { params: { path: { id: customerId } } })).items);
  const [pick, setPick] = useState<string>();
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try { await fn(); message.success(ok); list.reload(); defs.reload(); onChange?.(); } catch (e) { message.error(errorText(e, t)); }
  };
  const issue = () => pick && run(async () => unwrap(await client.POST('/api/v1/customers/{id}/coupons', { params: { path: { id: customerId } }, body: { couponId: pick } })), t('common.saved'));
  return (
    <Card title={t('cpn.title')} size="small" data-testid="customer-coupons" extra={
      <Space.Compact>
        <Select size="small" style={{ width: 170 }} placeholder={t('cpn.pick')} value={pick} onChange={setPick} data-testid="coupon-pick"
          options={(defs.data ?? []).filter((d) => d.active).map((d) => ({ value: d.couponId, label: `${d.name} ¥${d.value}` }))} />
        <Button size="small" type="primary" disabled={!pick} onClick={() => void issue()} data-testid="coupon-issue">{t('cpn.issue')}</Button>
      </Space.Compact>
    }>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (list.data ?? []).length === 0 ? <span className="muted">{t('cpn.none')}</span> : (
        <List size="small" dataSource={list.data ?? []} renderItem={(c) => (
          <List.Item data-testid="coupon-entry" extra={<Space size={4}>
            <Tag color={STATUS_COLOR[c.status]}>{t(`cpn.status.${c.status}` as MsgKey)}</Tag>
            {c.status === 'issued' && <Button size="small" onClick={() => void run(async () => unwrap(await client.POST('/api/v1/coupon-issues/{issueId}/redeem', { params: { path: { issueId: c.issueId } }, body: {} })), t('cpn.redeemed'))}>{t('cpn.redeem')}</Button>}
          </Space>}>
            <List.Item.Meta title={`${c.couponName} · ¥${c.value}`}
              description={[fmtDateTime(c.issuedAt), t(`cpn.source.${c.source.type}` as MsgKey),
                c.status === 'redeemed' && c.orderId ? t('cpn.usedOn', { order: c.orderId }) : t('cpn.until', { at: fmtDateTime(new Date(Date.parse(c.expiresAt) - 1000).toISOString()) })].join(' · ')} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

export function CouponDefinitionsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const defs = useCoupons();
  const [editing, setEditing] = useState<Coupon | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (c: Coupon | 'new') => {
    setEditing(c);
    form.setFieldsValue(c === 'new' ? { couponId: '', name: '', value: 10, minSpend: 0, validDays: 14, remindDays: 3, active: true }
      : { ...c, value: Number(c.value), minSpend: Number(c.minSpend) });
  };
  const save = async (v: { couponId: string; name: string; value: number; minSpend?: number; validDays: number; remindDays?: number | null; active: boolean }) => {
    try {
      unwrap(await client.PUT('/api/v1/coupons/{couponId}', {
        params: { path: { couponId: v.couponId } },
        body: { name: v.name, value: v.value, minSpend: v.minSpend ?? 0, validDays: v.validDays, remindDays: v.remindDays ?? null, active: v.active },
      }));
      message.success(t('common.saved')); setEditing(null); defs.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };
  return (
    <Card size="small" title={t('cpn.defs.title')} data-testid="coupon-definitions"
      extra={<Button size="small" icon={<PlusOutlined />} onClick={() => open('new')}>{t('cpn.defs.add')}</Button>}>
      <p className="muted" style={{ marginTop: 0 }}>{t('cpn.defs.help')}</p>
      {defs.error ? <ErrorState error={defs.error} onRetry={defs.reload} /> : (
        <Table size="small" rowKey="couponId" pagination={false} dataSource={defs.data ?? []} locale={{ emptyText: t('cpn.defs.none') }} columns={[
          { title: t('cpn.defs.name'), dataIndex: 'name' },
          { title: t('cpn.defs.id'), dataIndex: 'couponId', render: (k: string) => <code data-raw>{k}</code> },
          { title: t('cpn.defs.value'), dataIndex: 'value', render: (v: string, c: Coupon) => `¥${v}${c.minSpend !== '0.00' ? ` / ≥ ¥${c.minSpend}` : ''}` },
          { title: t('cpn.defs.validDays'), dataIndex: 'validDays' },
          { title: t('cpn.defs.remindDays'), dataIndex: 'remindDays', render: (v: number | null) => v ?? '—' },
          { title: t('common.status'), key: 's', render: (_: unknown, c: Coupon) => <Space size={4}>{!c.active && <Tag>{t('common.none')}</Tag>}<span>{t('cpn.defs.counts', { issued: c.issued, redeemed: c.redeemed })}</span></Space> },
          { title: t('common.actions'), key: 'a', render: (_: unknown, c: Coupon) => <Button size="small" onClick={() => open(c)}>{t('common.edit')}</Button> },
        ]} />
      )}
      <Modal open={editing !== null} title={editing === 'new' ? t('cpn.defs.add') : t('common.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="couponId" label={t('cpn.defs.id')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, message: t('cpn.defs.id') }]}><Input disabled={editing !== 'new'} /></Form.Item>
          <Form.Item name="name" label={t('cpn.defs.name')} rules={[{ required: true, whitespace: true, message: t('cpn.defs.name') }]}><Input maxLength={50} /></Form.Item>
          <Space wrap>
            <Form.Item name="value" label={t('cpn.defs.value')}><InputNumber min={0.01} precision={2} /></Form.Item>
            <Form.Item name="minSpend" label={t('cpn.defs.minSpend')}><InputNumber min={0} precision={2} /></Form.Item>
            <Form.Item name="validDays" label={t('cpn.defs.validDays')}><InputNumber min={1} max={3650} precision={0} /></Form.Item>
            <Form.Item name="remindDays" label={t('cpn.defs.remindDays')}><InputNumber min={0} max={365} precision={0} /></Form.Item>
            <Form.Item name="active" label={t('cpn.defs.active')} valuePropName="checked"><Switch /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
