import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateTime, fmtNumber, TIME_ZONE } from '../lib/format.ts';

export type ScheduledRow = Answer<'/api/v1/scheduled-sends'>['items'][number];

const STATUS_COLOR = { scheduled: 'blue', sent: 'green', cancelled: 'default', failed: 'red' } as const;

/** A send time picker: only the future, minutes, shown in the workspace zone. */
export function SendTimePicker({ value, onChange, testId }: { value: Dayjs | null; onChange: (d: Dayjs | null) => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={value} onChange={onChange} placeholder={t('sched.pickTime')}
      disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} data-testid={testId} />
  );
}

/** The upcoming and recent scheduled sends, each editable or cancellable until it starts. */
export function ScheduledSendsCard({ reloadKey }: { reloadKey: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const since = dayjs().tz(TIME_ZONE).subtract(7, 'day').toISOString();
  const list = useApiQuery(['scheduled-sends', reloadKey], async () => unwrap(await client.GET('/api/v1/scheduled-sends', { params: { query: { from: since, limit: 50 } } })));
  const [editing, setEditing] = useState<ScheduledRow>();
  const [time, setTime] = useState<Dayjs | null>(null);
  const [content, setContent] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);

  const open = (r: ScheduledRow) => { setEditing(r); setTime(dayjs(r.sendAt)); setContent(r.content); setTitle(r.title); };
  const save = async () => {
    if (!editing) return;
    if (!time || time.isBefore(dayjs())) { message.error(t('sched.needTime')); return; }
    setBusy(true);
    try {
      const r = unwrap(await client.PATCH('/api/v1/scheduled-sends/{id}', { params: { path: { id: editing.scheduleId } }, body: { sendAt: time.toISOString(), content, title } }));
      message.success(t('sched.updated', { n: fmtNumber(r.estimate.recipients) }));
      setEditing(undefined);
      list.reload();
    } catch (e) {
      message.error(errorText(e, t));
    } finally { setBusy(false); }
  };
  const cancel = async (r: ScheduledRow) => {
    try {
      unwrap(await client.POST('/api/v1/scheduled-sends/{id}/cancel', { params: { path: { id: r.scheduleId } }, body: {} }));
      message.success(t('sched.cancelled'));
      list.reload();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };

  return (
    <Card size="small" title={t('sched.list')} data-testid="scheduled-sends">
      <p className="muted" style={{ marginTop: 0 }}>{t('sched.listHint')}</p>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (
        <Table size="small" pagination={false} rowKey="scheduleId" loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: t('sched.empty') }}
          columns={[
            { title: t('sched.sendAt'), render: (_, r: ScheduledRow) => fmtDateTime(r.sendAt), width: 140 },
            { title: t('mass.titleField'), render: (_, r: ScheduledRow) => <Tooltip title={r.content}>{r.title}</Tooltip> },
            {
              title: t('common.status'), width: 150,
              render: (_, r: ScheduledRow) => (
                <Space size={4}>
                  <Tooltip title={r.error ?? undefined}><Tag color={STATUS_COLOR[r.status]}>{t(`sched.status.${r.status}`)}</Tag></Tooltip>
                  {r.massMessageId !== null && <Tooltip title={t('sched.goMass', { id: r.massMessageId })}><Link to={`/tasks?view=pending&massMessage=${r.massMessageId}`}>#{r.massMessageId}</Link></Tooltip>}
                </Space>
              ),
            },
            {
              title: '', width: 80,
              render: (_, r: ScheduledRow) => r.status !== 'scheduled' ? null : (
                <Space size={0}>
                  <Tooltip title={t('sched.edit')}><Button type="text" size="small" icon={<EditOutlined />} onClick={() => open(r)} data-testid={`sched-edit-${r.scheduleId}`} /></Tooltip>
                  <Popconfirm title={t('sched.cancelConfirm')} onConfirm={() => void cancel(r)} okButtonProps={{ 'data-testid': 'sched-cancel-confirm' } as Record<string, string>}>
                    <Tooltip title={t('sched.cancel')}><Button type="text" size="small" danger icon={<StopOutlined />} data-testid={`sched-cancel-${r.scheduleId}`} /></Tooltip>
                  </Popconfirm>
                </Space>
              ),
            },
          ]} />
      )}
      <Modal open={!!editing} title={t('sched.edit')} onCancel={() => setEditing(undefined)} onOk={() => void save()} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')}>
        <Form layout="vertical">
          <Form.Item label={t('sched.sendAt')} required><SendTimePicker value={time} onChange={setTime} /></Form.Item>
          <Form.Item label={t('mass.titleField')}><Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} /></Form.Item>
          <Form.Item label={t('mass.content')} extra={t('mass.contentHint')}><Input.TextArea rows={4} value={content} onChange={(e) => setContent(e.target.value)} maxLength={4000} showCount /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
