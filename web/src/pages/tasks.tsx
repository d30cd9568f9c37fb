import { App, Button, Card, Col, Empty, List, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CopyOutlined, FastForwardOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, optional } from '../api/client.ts';
import { useAuth } from '../api/auth.tsx';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { RfmTag, TrustTag } from '../components/tags.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtDateTime, fromNow } from '../lib/format.ts';
import { useLoad } from '../lib/use-load.ts';

interface Task {
  taskId: number; customerId: number | null; customerName: string | null; staffId: string | null; kind: string; purpose: string; channel: string;
  title: string; content: string; massMessageId: number | null; dueAt: string; deferred: boolean; status: string; statusReason: string | null;
}
interface FocusEntry {
  rank: number; customerId: number; name: string | null; trustLevel: number; rfmSegment: string | null; lastContactAt: string | null;
  reason: { code: string; zh: string; en: string }; action: { zh: string; en: string; goalZh: string; goalEn: string };
}
interface UserRow { login: string; name: string; staffId: string | null; role: string }
type View = 'open' | 'pending' | 'sent';

async function copy(text: string): Promise<void> {
  try { await navigator.clipboard.writeText(text); return; } catch { /* fall back below */ }
  const ta = document.createElement('textarea');
  ta.value = text; document.body.appendChild(ta); ta.select(); document.execCommand('copy'); ta.remove();
}

export function TasksPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [staff, setStaff] = useState<string | undefined>(me?.staffId ?? undefined);
  const [params] = useSearchParams();
  const asked = params.get('view');
  const [view, setView] = useState<View>(asked === 'pending' || asked === 'sent' ? asked : 'open');
  const users = useLoad(() => (me?.role === 'staff' ? Promise.resolve([]) : optional(api.get<UserRow[]>('/api/v1/users')).then((u) => u ?? [])), [me?.role]);
  const tasks = useLoad(() => api.get<{ items: Task[] }>('/api/v1/tasks', {
    staff, limit: 200, ...(view === 'open' ? { due: 'open' } : { status: view }),
  }), [staff, view]);
  const focus = useLoad(() => (staff ? api.get<{ entries: FocusEntry[] }>('/api/v1/focus', { staff, limit: 20 }) : Promise.resolve({ entries: [] as FocusEntry[] })), [staff]);
  const staffOptions = [...new Set((users.data ?? []).map((u) => u.staffId).filter((s): s is string => !!s))].map((s) => ({ value: s, label: s }));

  const mark = async (task: Task, status: 'sent' | 'skipped') => {
    try {
      await api.patch(`/api/v1/tasks/${task.taskId}`, { status });
      message.success(t('tasks.marked', { status: t(`tasks.status.${status}`) }));
      tasks.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };

  return (
    <div data-testid="tasks-page">
      <div className="page-head">
        <h2>{t('tasks.title')}</h2>
        <Space>
          {me?.role !== 'staff' && (
            <Select allowClear style={{ width: 200 }} placeholder={t('tasks.pickStaff')} value={staff} onChange={setStaff} options={staffOptions} data-testid="tasks-staff" />
          )}
          <Segmented<View> value={view} onChange={setView} options={[{ value: 'open', label: t('tasks.today') }, { value: 'pending', label: t('tasks.all') }, { value: 'sent', label: t('tasks.done') }]} />
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          {tasks.error ? <ErrorState error={tasks.error} onRetry={tasks.reload} /> : !tasks.data ? <LoadingState /> : tasks.data.items.length === 0 ? (
            <Card><Empty description={t('tasks.none')} /></Card>
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="task-list">
              {tasks.data.items.map((k) => (
                <Card key={k.taskId} size="small" data-testid="task-card" title={<Space wrap><Tag color="blue">{t(`tasks.kind.${k.kind}` as MsgKey)}</Tag><span>{k.title}</span></Space>}
                  extra={<Space><Tag color={k.status === 'pending' ? 'gold' : k.status === 'sent' ? 'green' : 'default'}>{t(`tasks.status.${k.status}` as MsgKey)}</Tag><span className="muted">{t('tasks.due', { at: fmtDateTime(k.dueAt) })}</span></Space>}>
                  <Space wrap size={4}>
                    {k.customerId ? <Link to={`/customers/${k.customerId}`}>{k.customerName ?? `#${k.customerId}`}</Link> : null}
                    <Tag>{t(`ch.${k.channel}` as MsgKey)}</Tag><Tag>{t(`purpose.${k.purpose}` as MsgKey)}</Tag>
                    {k.staffId && <span className="muted">{k.staffId}</span>}
                    {k.statusReason && <span className="muted">· {k.statusReason}</span>}
                  </Space>
                  <div className="task-content" data-testid="task-content">{k.content}</div>
                  <Space>
                    <Button icon={<CopyOutlined />} onClick={() => void copy(k.content).then(() => message.success(t('common.copied')))} data-testid="task-copy">{t('tasks.copy')}</Button>
                    {k.status === 'pending' && <>
                      <Button type="primary" icon={<CheckOutlined />} onClick={() => void mark(k, 'sent')} data-testid="task-sent">{t('tasks.markSent')}</Button>
                      <Button icon={<FastForwardOutlined />} onClick={() => void mark(k, 'skipped')}>{t('tasks.markSkipped')}</Button>
                    </>}
                  </Space>
                </Card>
              ))}
            </Space>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('tasks.focus')} size="small" data-testid="focus-list">
            <p className="muted" style={{ marginTop: 0 }}>{t('tasks.focusHint')}</p>
            {!staff ? <span className="muted">{t('tasks.pickStaff')}</span> : focus.error ? <ErrorState error={focus.error} onRetry={focus.reload} /> : !focus.data ? <LoadingState /> : focus.data.entries.length === 0 ? <span className="muted">{t('tasks.focusNone')}</span> : (
              <List size="small" dataSource={focus.data.entries} renderItem={(f) => (
                <List.Item>
                  <List.Item.Meta
                    title={<Space wrap size={4}><Typography.Text type="secondary">{f.rank}.</Typography.Text><Link to={`/customers/${f.customerId}`}>{f.name ?? `#${f.customerId}`}</Link><TrustTag level={f.trustLevel} /><RfmTag segment={f.rfmSegment} /></Space>}
                    description={<div><div><Tag color="volcano">{f.reason[lang]}</Tag></div><div>→ {f.action[lang]}</div><div className="muted" style={{ fontSize: 12 }}>{fromNow(f.lastContactAt)}</div></div>}
                  />
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
