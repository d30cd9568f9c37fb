import { App, Button, Card, Checkbox, Col, Empty, List, Progress, Row, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CopyOutlined, FastForwardOutlined, SendOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../api/auth.tsx';
import { staffOptions, useStaff, useStaffName } from '../api/query.ts';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { RfmTag, TrustTag } from '../components/tags.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import type { FocusEntry, Task } from '../api/types.ts';
import { client, unwrap } from '../api/typed.ts';
import { fmtDate, fmtDateTime, fmtPercent, fromNow, lastDays, todayInZone } from '../lib/format.ts';

export type { Task };
type View = 'open' | 'pending' | 'sent';
type GroupBy = 'due' | 'source';
const PAGE = 20;
const KINDS = ['sop_step', 'rule', 'mass_message', 'care', 'manual'] as const;

async function copy(text: string): Promise<void> {
  try { await navigator.clipboard.writeText(text); return; } catch { /* fall back below */ }
  const ta = document.createElement('textarea');
  ta.value = text; document.body.appendChild(ta); ta.select(); document.execCommand('copy'); ta.remove();
}

/** Mark a task sent or skipped; the caller refreshes the lists. */
export async function markTask(taskId: number, status: 'sent' | 'skipped'): Promise<void> {
  unwrap(await client.PATCH('/api/v1/tasks/{id}', { params: { path: { id: taskId } }, body: { status } }));
}

export function TasksPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const manager = me?.role !== 'staff';
  const staff = (manager ? params.get('staff') : me?.staffId) ?? undefined;
  const asked = params.get('view');
  const view: View = asked === 'pending' || asked === 'sent' ? asked : 'open';
  const massMessage = Number(params.get('massMessage')) || undefined;
  const kind = KINDS.find((k) => k === params.get('kind'));
  const groupBy: GroupBy = params.get('group') === 'source' ? 'source' : 'due';
  const set = (k: string, v: string | undefined) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(k, v); else n.delete(k); return n; }, { replace: true });
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);

  const staffList = useStaff();
  const staffName = useStaffName();
  const query = { staff, massMessage, kind, ...(view === 'open' ? { due: 'open' as const } : { status: view }) };
  const tasks = useInfiniteQuery({
    queryKey: ['tasks', query],
    queryFn: async ({ pageParam }) => unwrap(await client.GET('/api/v1/tasks', { params: { query: { ...query, limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const focus = useQuery({
    queryKey: ['focus', staff], enabled: !!staff,
    queryFn: async () => unwrap(await client.GET('/api/v1/focus', { params: { query: { staff, limit: 20 } } })),
  });
  // The last 7 days through the end of today: today's tasks count (as pending) from the morning on.
  const stats = useQuery({ queryKey: ['task-stats'], queryFn: async () => unwrap(await client.GET('/api/v1/tasks/stats', { params: { query: lastDays(7) } })) });

  const all = useMemo(() => (tasks.data?.pages ?? []).flatMap((p) => p.items), [tasks.data]);
  // Due date groups keep the list's order (by due time); source groups follow the order of KINDS, each by due time.
  const groups = useMemo(() => {
    const today = todayInZone();
    const out = new Map<string, Task[]>();
    const keyOf = (k: Task): string => {
      if (groupBy === 'source') return t(`tasks.kind.${k.kind}` as MsgKey);
      const day = fmtDate(k.dueAt);
      return day < today && k.status === 'pending' ? t('tasks.group.overdue') : day === today ? t('tasks.group.today') : day;
    };
    const ordered = groupBy === 'source' ? KINDS.flatMap((kd) => all.filter((k) => k.kind === kd)) : all;
    for (const k of ordered) out.set(keyOf(k), [...(out.get(keyOf(k)) ?? []), k]);
    return [...out.entries()];
  }, [all, groupBy, t]);

  const refresh = () => { setSelected([]); void qc.invalidateQueries({ queryKey: ['tasks'] }); void qc.invalidateQueries({ queryKey: ['task-stats'] }); void qc.invalidateQueries({ queryKey: ['focus'] }); };
  const mark = async (ids: number[], status: 'sent' | 'skipped') => {
    setBusy(true);
    let failed = 0;
    for (const id of ids) { try { await markTask(id, status); } catch (e) { failed++; message.error(errorText(e, t)); } }
    setBusy(false);
    if (ids.length - failed > 0) message.success(ids.length === 1 ? t('tasks.marked', { status: t(`tasks.status.${status}`) }) : t('tasks.markedMany', { n: ids.length - failed, status: t(`tasks.status.${status}`) }));
    refresh();
  };
  const sendToWecom = async (ids: number[]) => {
    setBusy(true);
    try {
      const r = unwrap(await client.POST('/api/v1/tasks/send-to-wecom', { body: { ...(ids.length > 0 ? { taskIds: ids } : {}), ...(manager && staff ? { staffId: staff } : {}) } }));
      const tasksSent = r.sends.reduce((n, x) => n + x.tasks, 0);
      const refused = r.sends.reduce((n, x) => n + x.refused, 0);
      const left = [r.notContacts ? t('dlv.notContacts', { n: r.notContacts }) : '', r.overMassCap ? t('dlv.overCap', { n: r.overMassCap }) : ''];
      if (r.sends.length === 0 && r.failed.length === 0) message.info(left.filter(Boolean).join('；') || t('dlv.nothing'));
      else message.success([t('dlv.done', { sends: r.sends.length, tasks: tasksSent }), refused ? t('dlv.refused', { n: refused }) : '', ...left].filter(Boolean).join('；'));
      for (const f of r.failed) message.error(f.error);
    } catch (e) { message.error(errorText(e, t)); } finally { setBusy(false); refresh(); }
  };
  const pendingIds = all.filter((k) => k.status === 'pending').map((k) => k.taskId);
  const myStats = (stats.data?.staff ?? []).filter((s) => s.staffId && (!staff || s.staffId === staff));

  return (
    <div data-testid="tasks-page">
      <div className="page-head">
        <h2>{t('tasks.title')}</h2>
        <Space wrap>
          {manager && (
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} placeholder={t('tasks.pickStaff')} value={staff} loading={staffList.isPending}
              onChange={(v: string | undefined) => set('staff', v)} options={staffOptions(staffList.data)} data-testid="tasks-staff" />
          )}
          <Select allowClear style={{ width: 140 }} placeholder={t('tasks.source')} value={kind} onChange={(v: string | undefined) => set('kind', v)}
            options={KINDS.map((k) => ({ value: k, label: t(`tasks.kind.${k}` as MsgKey) }))} data-testid="tasks-kind" />
          <Segmented<GroupBy> value={groupBy} onChange={(v) => set('group', v === 'due' ? undefined : v)} data-testid="tasks-group"
            options={[{ value: 'due', label: t('tasks.groupBy.due') }, { value: 'source', label: t('tasks.groupBy.source') }]} />
          <Segmented<View> value={view} onChange={(v) => set('view', v === 'open' ? undefined : v)} options={[{ value: 'open', label: t('tasks.today') }, { value: 'pending', label: t('tasks.all') }, { value: 'sent', label: t('tasks.done') }]} />
        </Space>
      </div>
      {massMessage && <p><Tag closable color="blue" onClose={() => set('massMessage', undefined)} data-testid="tasks-mass-filter">{t('tasks.ofMass', { id: massMessage })}</Tag></p>}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          {tasks.error ? <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} /> : tasks.isPending ? <LoadingState /> : all.length === 0 ? (
            <Card><Empty description={t('tasks.none')} /></Card>
          ) : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="task-list">
              {pendingIds.length > 0 && (
                <Space>
                  <Checkbox checked={selected.length > 0 && selected.length === pendingIds.length} indeterminate={selected.length > 0 && selected.length < pendingIds.length}
                    onChange={(e) => setSelected(e.target.checked ? pendingIds : [])} data-testid="tasks-select-all">{t('tasks.selectAll')}</Checkbox>
                  <Button type="primary" disabled={selected.length === 0} loading={busy} icon={<CheckOutlined />} onClick={() => void mark(selected, 'sent')} data-testid="tasks-bulk-sent">
                    {t('tasks.bulkSent', { n: selected.length })}
                  </Button>
                  <Tooltip title={t('dlv.help')}>
                    <Button icon={<SendOutlined />} loading={busy} onClick={() => void sendToWecom(selected)} data-testid="tasks-send-wecom">
                      {selected.length > 0 ? t('dlv.sendSelected', { n: selected.length }) : t('dlv.send')}
                    </Button>
                  </Tooltip>
                </Space>
              )}
              {groups.map(([label, items]) => (
                <div key={label}>
                  <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>{label} <span className="muted">· {items.length}</span></Typography.Title>
                  <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                    {items.map((k) => (
                      <Card key={k.taskId} size="small" data-testid="task-card" title={<Space wrap>
                        {k.status === 'pending' && <Checkbox checked={selected.includes(k.taskId)} onChange={(e) => setSelected((s) => (e.target.checked ? [...s, k.taskId] : s.filter((x) => x !== k.taskId)))} />}
                        <Tag color="blue">{t(`tasks.kind.${k.kind}` as MsgKey)}</Tag><span>{k.title}</span></Space>}
                        extra={<Space><Tag color={k.status === 'pending' ? 'gold' : k.status === 'sent' ? 'green' : 'default'}>{t(`tasks.status.${k.status}` as MsgKey)}</Tag><span className="muted">{t('tasks.due', { at: fmtDateTime(k.dueAt) })}</span></Space>}>
                        <Space wrap size={4}>
                          {k.customerId ? <Link to={`/customers/${k.customerId}`}>{k.customerName ?? `#${k.customerId}`}</Link> : null}
                          <Tag>{t(`ch.${k.channel}` as MsgKey)}</Tag><Tag>{t(`purpose.${k.purpose}` as MsgKey)}</Tag>
                          {k.staffId && <span className="muted">{staffName(k.staffId)}</span>}
                          {k.statusReason && <span className="muted">· {k.statusReason}</span>}
                        </Space>
                        <div className="task-content" data-testid="task-content">{k.content}</div>
                        <Space>
                          <Button icon={<CopyOutlined />} onClick={() => void copy(k.content).then(() => message.success(t('common.copied')))} data-testid="task-copy">{t('tasks.copy')}</Button>
                          {k.status === 'pending' && <>
                            <Button type="primary" icon={<CheckOutlined />} onClick={() => void mark([k.taskId], 'sent')} data-testid="task-sent">{t('tasks.markSent')}</Button>
                            <Button icon={<FastForwardOutlined />} onClick={() => void mark([k.taskId], 'skipped')}>{t('tasks.markSkipped')}</Button>
                          </>}
                        </Space>
                      </Card>
                    ))}
                  </Space>
                </div>
              ))}
              <div style={{ textAlign: 'center' }}>
                {tasks.hasNextPage
                  ? <Button loading={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()} data-testid="tasks-more">{t('tasks.more', { n: all.length })}</Button>
                  : <span className="muted">{t('tasks.end', { n: all.length })}</span>}
              </div>
            </Space>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('tasks.focus')} size="small" data-testid="focus-list">
            <p className="muted" style={{ marginTop: 0 }}>{t('tasks.focusHint')}</p>
            {!staff ? <span className="muted">{t('tasks.pickStaffForFocus')}</span> : focus.error ? <ErrorState error={focus.error} onRetry={() => void focus.refetch()} /> : !focus.data ? <LoadingState /> : focus.data.entries.length === 0 ? <span className="muted">{t('tasks.focusNone')}</span> : (
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
          <Card title={t('tasks.execution')} size="small" style={{ marginTop: 16 }} data-testid="tasks-execution">
            <p className="muted" style={{ marginTop: 0 }}>{t('tasks.executionHint')}</p>
            {stats.error ? <ErrorState error={stats.error} /> : !stats.data ? <LoadingState rows={2} /> : myStats.length === 0 ? <span className="muted">{t('common.empty')}</span> : (
              <List size="small" dataSource={myStats} renderItem={(s) => (
                <List.Item extra={<span className="muted">{t('tasks.executionCounts', { sent: s.sent, pending: s.pending, overdue: s.overdue })}</span>}>
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <span>{s.staffName ?? staffName(s.staffId)}</span>
                    {s.executionRate === null ? <span className="muted">{t('tasks.executionNone')}</span> : <Progress percent={Math.round(s.executionRate * 100)} size="small" format={() => fmtPercent(s.executionRate ?? 0)} />}
                  </Space>
                </List.Item>
              )} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
