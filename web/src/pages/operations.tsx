import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useAuth } from '../api/auth.tsx';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { staffOptions, useApiQuery, useChannels, useStaff, useStaffName } from '../api/query.ts';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { daysAgo, fmtDate, fmtNumber, fmtPercent, todayInZone } from '../lib/format.ts';

type Board = Answer<'/api/v1/analytics/operations'>;
type Comparison = Board['touches']['sent'];

const KNOWN_REASONS = ['frequency_cap', 'trust_below_min', 'mass_daily_limit'];

/** A change against the period before as a small coloured tag (green up, red down; `inverse` for figures where less is better). */
export function Change({ c, inverse = false }: { c: Pick<Comparison, 'change'>; inverse?: boolean }) {
  if (c.change === null) return null;
  const up = c.change >= 0;
  const good = inverse ? !up : up;
  return <Tag color={c.change === 0 ? 'default' : good ? 'green' : 'red'}>{`${up ? '+' : ''}${(c.change * 100).toFixed(1)}%`}</Tag>;
}

export function OperationsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manager = me?.role !== 'staff';
  const staffName = useStaffName();
  const staff = useStaff();
  const channels = useChannels();
  const segments = useApiQuery(['ops.segments'], async () => unwrap(await client.GET('/api/v1/segments/saved')));
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(daysAgo(29)), dayjs(todayInZone())]);
  const [staffId, setStaffId] = useState<string | undefined>();
  const [channel, setChannel] = useState<string | undefined>();
  const [segment, setSegment] = useState<string | undefined>();
  const query = {
    from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'),
    ...(staffId ? { staff: staffId } : {}), ...(channel ? { channel } : {}), ...(segment ? { segment } : {}),
  };
  const board = useApiQuery(['ops.board', query], async () => unwrap(await client.GET('/api/v1/analytics/operations', { params: { query } })));
  const reason = (code: string) => t(`ops.reason.${KNOWN_REASONS.includes(code) ? code : 'other'}` as MsgKey);
  const rate = (v: number | null) => (v === null ? '—' : fmtPercent(v));

  const rateChart = useMemo(() => board.data && board.data.leaderboard.length > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPercent(v) },
    grid: { left: 72, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', inverse: true, data: board.data.leaderboard.map((s) => s.name ?? staffName(s.staffId)) },
    series: [{ type: 'bar', name: t('ops.rate'), data: board.data.leaderboard.map((s) => s.rate ?? 0), label: { show: true, position: 'right', formatter: (p: { value: number }) => fmtPercent(p.value) } }],
  } : undefined, [board.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const reasonChart = useMemo(() => board.data && board.data.touches.byReason.length > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['40%', '70%'], top: -20, label: { formatter: '{b}: {c}' }, data: board.data.touches.byReason.map((r) => ({ name: reason(r.code), value: r.count })) }],
  } : undefined, [board.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const b = board.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('ops.title')} extra={<Typography.Text type="secondary">{t('ops.hint')}</Typography.Text>}>
        <Space wrap size={12}>
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          {manager && <Select allowClear style={{ width: 160 }} placeholder={t('ops.allStaff')} value={staffId} onChange={setStaffId} options={staffOptions(staff.data)} aria-label={t('ops.staff')} />}
          <Select allowClear style={{ width: 160 }} placeholder={t('ops.allChannels')} value={channel} onChange={setChannel} aria-label={t('ops.channel')}
            options={(channels.data ?? []).map((c) => ({ value: c.channel, label: c.name || c.channel }))} />
          <Select allowClear style={{ width: 180 }} placeholder={t('ops.allSegments')} value={segment} onChange={setSegment} aria-label={t('ops.segment')}
            options={(segments.data ?? []).map((s) => ({ value: String(s.segmentId), label: s.name }))} />
        </Space>
      </Card>
      {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : !b ? <LoadingState /> : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={4}><Card><Statistic title={t('ops.rate')} value={rate(b.tasks.rate)} />
              <Typography.Text type="secondary">{t('ops.before', { v: rate(b.tasks.previous.rate) })}</Typography.Text></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('ops.due')} value={fmtNumber(b.tasks.due)} />
              <Typography.Text type="secondary">{t('ops.before', { v: fmtNumber(b.tasks.previous.due) })}</Typography.Text></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('ops.sent')} value={fmtNumber(b.tasks.sent)} />
              <Typography.Text type="secondary">{t('ops.skipped')} {fmtNumber(b.tasks.skipped)}</Typography.Text></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('ops.overdue')} value={fmtNumber(b.tasks.pending)} /></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('ops.touchesSent')} value={fmtNumber(b.touches.sent.current)} suffix={<Change c={b.touches.sent} />} />
              <Typography.Text type="secondary">{t('ops.before', { v: fmtNumber(b.touches.sent.previous) })}</Typography.Text></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('ops.suppressed')} value={fmtNumber(b.touches.suppressed.current)} suffix={<Change c={b.touches.suppressed} inverse />} />
              <Typography.Text type="secondary">{t('ops.before', { v: fmtNumber(b.touches.suppressed.previous) })}</Typography.Text></Card></Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={t('ops.leaderboard')}>
                {b.leaderboard.length === 0 ? <Empty description={t('ops.none')} /> : (
                  <>
                    {rateChart && <Chart option={rateChart} height={Math.max(120, 36 * b.leaderboard.length + 40)} testId="ops-rates" />}
                    <Table rowKey="staffId" size="small" pagination={false} dataSource={b.leaderboard} columns={[
                      { title: t('ops.col.rank'), dataIndex: 'rank', width: 64 },
                      { title: t('ops.col.staff'), key: 'staff', render: (_: unknown, s: Board['leaderboard'][number]) => s.name ?? staffName(s.staffId) },
                      { title: t('ops.col.due'), dataIndex: 'due', align: 'right' as const, render: fmtNumber },
                      { title: t('ops.col.sent'), dataIndex: 'sent', align: 'right' as const, render: fmtNumber },
                      { title: t('ops.overdue'), dataIndex: 'pending', align: 'right' as const, render: fmtNumber },
                      { title: t('ops.col.rate'), dataIndex: 'rate', align: 'right' as const, render: rate },
                      { title: t('ops.col.late'), dataIndex: 'medianMinutesLate', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : t('ops.minutes', { n: v })) },
                    ]} />
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('ops.today', { date: b.today.date })}>
                <Table rowKey="staffId" size="small" pagination={false} dataSource={b.today.byStaff} columns={[
                  { title: t('ops.col.staff'), key: 'staff', render: (_: unknown, s: Board['today']['byStaff'][number]) => s.name ?? staffName(s.staffId) },
                  { title: t('ops.today.pending'), dataIndex: 'pending', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.sent'), dataIndex: 'sent', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.skipped'), dataIndex: 'skipped', align: 'right' as const, render: fmtNumber },
                ]} />
              </Card>
              <Card title={t('ops.reasons')} style={{ marginTop: 16 }}>
                {reasonChart ? <Chart option={reasonChart} height={240} /> : <Empty />}
                <Table rowKey="code" size="small" pagination={false} dataSource={b.touches.byReason} columns={[
                  { title: t('ops.col.reason'), dataIndex: 'code', render: reason },
                  { title: t('ops.col.count'), dataIndex: 'count', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.previous'), dataIndex: 'previous', align: 'right' as const, render: fmtNumber },
                ]} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t('ops.bySop')}>
                <Table rowKey="sopId" size="small" pagination={false} dataSource={b.bySop} columns={[
                  { title: t('ops.col.name'), key: 'name', render: (_: unknown, s: Board['bySop'][number]) => s.name ?? `#${s.sopId}` },
                  { title: t('ops.col.due'), dataIndex: 'due', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.sent'), dataIndex: 'sent', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.rate'), dataIndex: 'rate', align: 'right' as const, render: rate },
                ]} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('ops.byMass')}>
                <Table rowKey="massMessageId" size="small" pagination={false} dataSource={b.byMass} columns={[
                  { title: t('ops.col.name'), dataIndex: 'title' },
                  { title: t('ops.col.dueAt'), dataIndex: 'dueAt', render: (v: string) => fmtDate(v) },
                  { title: t('ops.col.recipients'), dataIndex: 'recipients', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.sent'), dataIndex: 'sent', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.pending'), dataIndex: 'pending', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.suppressed'), dataIndex: 'suppressed', align: 'right' as const, render: fmtNumber },
                  { title: t('ops.col.rate'), dataIndex: 'rate', align: 'right' as const, render: rate },
                ]} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
