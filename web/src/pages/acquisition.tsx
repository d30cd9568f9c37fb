import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery, useStaff } from '../api/query.ts';
import { useAuth } from '../api/auth.tsx';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { daysAgo, fmtNumber } from '../lib/format.ts';

type Board = Answer<'/api/v1/analytics/acquisition'>;
type ChannelRow = Board['byChannel'][number];
type Campaign = Board['campaigns'][number];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : `${(v * 100).toFixed(1)}%`);
const yuan = (fen: number) => `¥${fmtNumber(Math.round(fen / 100))}`;

/** 获客看板: who came in, through which channel and staff member, who left, and what they bought. */
export function AcquisitionPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const isStaff = me?.role === 'staff';
  const [range, setRange] = useState<[string, string]>(() => [daysAgo(29), daysAgo(0)]);
  const [channel, setChannel] = useState<string | undefined>();
  const [staff, setStaff] = useState<string | undefined>();
  const [segment, setSegment] = useState<string | undefined>();
  const staffList = useStaff();
  const channels = useApiQuery(['channels.list'], async () => unwrap(await client.GET('/api/v1/channels')).items);
  const segments = useApiQuery(['segments.saved'], async () => unwrap(await client.GET('/api/v1/segments/saved')));
  const board = useApiQuery(['acq', range, channel, staff, segment], async () => unwrap(await client.GET('/api/v1/analytics/acquisition', {
    params: { query: { from: range[0], to: range[1], ...(channel ? { channel } : {}), ...(staff ? { staff } : {}), ...(segment ? { segment } : {}) } },
  })));
  const channelName = (c: string, name?: string | null) => (c === '(none)' ? t('acq.noChannel') : name ? `${name}` : c);

  const daily = useMemo(() => {
    const b = board.data;
    if (!b) return undefined;
    const days = b.daily.map((d) => d.day);
    const names = new Map(b.byChannel.map((c) => [c.channel, channelName(c.channel, c.name)]));
    const chans = [...new Set(b.dailyByChannel.map((d) => d.channel))];
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 44, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value' },
      series: [
        ...chans.map((c) => ({
          name: names.get(c) ?? c, type: 'bar', stack: 'adds', barMaxWidth: 18,
          data: days.map((d) => b.dailyByChannel.find((x) => x.day === d && x.channel === c)?.newFollowers ?? 0),
        })),
        { name: t('acq.removals'), type: 'line', smooth: true, symbol: 'none', itemStyle: { color: '#e8684a' }, data: b.daily.map((d) => -d.removals) },
        { name: t('acq.net'), type: 'line', smooth: true, symbol: 'none', itemStyle: { color: '#0f2a3d' }, lineStyle: { type: 'dashed' }, data: b.daily.map((d) => d.net) },
      ],
    };
  }, [board.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const staffChart = useMemo(() => {
    const b = board.data;
    if (!b || b.byStaff.length === 0) return undefined;
    const rows = [...b.byStaff].reverse();
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 80, right: 24, top: 32, bottom: 20 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((s) => s.name ?? s.staffId) },
      series: [
        { name: t('acq.newFollowers'), type: 'bar', stack: 's', itemStyle: { color: '#13a38b' }, data: rows.map((s) => s.newFollowers) },
        { name: t('acq.removals'), type: 'bar', stack: 's', itemStyle: { color: '#e8684a' }, data: rows.map((s) => -s.removals) },
      ],
    };
  }, [board.data, t]);

  if (board.error) return <ErrorState error={board.error} onRetry={board.reload} />;
  const b = board.data;
  // More removals is bad news: its change is coloured the other way round.
  const delta = (v: number | null, worse = false) => (v === null ? <Tag>{t('acq.vsNone')}</Tag>
    : <Tag color={v === 0 ? 'default' : (v > 0) !== worse ? 'green' : 'red'}>{t('acq.vsPrevious', { v: `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` })}</Tag>);

  return (
    <div data-testid="acquisition-page">
      <div className="page-head">
        <h2>{t('acq.title')}</h2>
        <Space wrap>
          <DatePicker.RangePicker
            allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} aria-label={t('acq.range')}
            onChange={(v) => { if (v?.[0] && v[1]) setRange([(v[0] as Dayjs).format('YYYY-MM-DD'), (v[1] as Dayjs).format('YYYY-MM-DD')]); }}
          />
          <Select allowClear style={{ minWidth: 160 }} placeholder={t('acq.allChannels')} value={channel} onChange={setChannel}
            options={(channels.data ?? []).map((c) => ({ value: c.channel, label: c.name ?? c.channel }))} />
          {isStaff ? <Tag color="blue">{t('acq.ownOnly')}</Tag> : (
            <Select allowClear style={{ minWidth: 140 }} placeholder={t('acq.allStaff')} value={staff} onChange={setStaff}
              options={(staffList.data ?? []).map((s) => ({ value: s.staffId, label: s.name ?? s.staffId }))} />
          )}
          <Select allowClear style={{ minWidth: 160 }} placeholder={t('acq.allCustomers')} value={segment} onChange={setSegment}
            options={(segments.data ?? []).map((s) => ({ value: String(s.segmentId), label: s.name }))} />
        </Space>
      </div>
      {!b ? <LoadingState rows={10} /> : (
        <Row gutter={[16, 16]}>
          <Col span={24}><span className="muted">{t('acq.previous', { from: b.previous.from, to: b.previous.to })} · {t('acq.attribution', { n: b.attributionDays })}</span></Col>
          {[
            { title: t('acq.newFollowers'), value: fmtNumber(b.totals.newFollowers), d: b.change.newFollowers, color: '#13a38b' },
            { title: t('acq.removals'), value: fmtNumber(b.totals.removals), d: b.change.removals, color: '#e8684a', worse: true },
            { title: t('acq.net'), value: fmtNumber(b.totals.net), d: b.change.net, color: '#0f2a3d' },
            { title: t('acq.firstOrders'), value: fmtNumber(b.totals.firstOrders), d: b.change.firstOrders, color: '#4a7dff' },
            { title: t('acq.conversion'), value: pct(b.totals.conversionRate) ?? '—', d: null, color: '#9270ca', hideDelta: true },
            { title: t('acq.revenue'), value: yuan(b.totals.revenueFen), d: b.change.revenueFen, color: '#f5a623' },
          ].map((s) => (
            <Col xs={12} lg={4} key={s.title}>
              <Card className="stat-tile" style={{ borderTop: `3px solid ${s.color}` }}>
                <Statistic title={s.title} value={s.value} />
                {!s.hideDelta && delta(s.d, s.worse)}
              </Card>
            </Col>
          ))}
          <Col xs={24} xl={16}>
            <Card title={t('acq.daily')} extra={<span className="muted">{t('acq.removedBy', { c: fmtNumber(b.removedBy.customer), s: fmtNumber(b.removedBy.staff) })}</span>}>
              {b.totals.newFollowers + b.totals.removals === 0 ? <Empty description={t('acq.none')} /> : daily && <Chart option={daily} height={300} testId="chart-acq-daily" />}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('acq.retention')}>
              <Row gutter={8}>
                {([['acq.retention7', b.retention.d7], ['acq.retention30', b.retention.d30], ['acq.retention90', b.retention.d90]] as const).map(([k, v]) => (
                  <Col span={8} key={k}><Statistic title={t(k)} value={pct(v) ?? t('acq.notYet')} /></Col>
                ))}
              </Row>
              <div style={{ marginTop: 16 }}>{staffChart ? <Chart option={staffChart} height={200} testId="chart-acq-staff" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</div>
              <div className="muted">{t('acq.byStaff')}</div>
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('acq.byChannel')}>
              <Table<ChannelRow>
                size="small" rowKey="channel" pagination={false} dataSource={b.byChannel} scroll={{ x: 900 }}
                locale={{ emptyText: t('acq.none') }}
                columns={[
                  { title: t('acq.col.channel'), dataIndex: 'channel', render: (c: string, r) => <span title={c}>{channelName(c, r.name)}</span> },
                  { title: t('acq.col.new'), dataIndex: 'newFollowers', align: 'right', render: fmtNumber },
                  { title: t('acq.col.prev'), dataIndex: 'previousNewFollowers', align: 'right', render: fmtNumber },
                  { title: t('acq.col.change'), dataIndex: 'change', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`) },
                  { title: t('acq.col.removed'), dataIndex: 'removals', align: 'right', render: fmtNumber },
                  { title: t('acq.col.net'), dataIndex: 'net', align: 'right', render: fmtNumber },
                  { title: t('acq.retention7'), key: 'r7', align: 'right', render: (_: unknown, r) => pct(r.retention.d7) ?? '—' },
                  { title: t('acq.retention30'), key: 'r30', align: 'right', render: (_: unknown, r) => pct(r.retention.d30) ?? '—' },
                  { title: t('acq.retention90'), key: 'r90', align: 'right', render: (_: unknown, r) => pct(r.retention.d90) ?? '—' },
                  { title: t('acq.col.firstOrders'), dataIndex: 'firstOrders', align: 'right', render: fmtNumber },
                  { title: t('acq.col.conversion'), dataIndex: 'conversionRate', align: 'right', render: (v: number | null) => pct(v) ?? '—' },
                  { title: t('acq.col.revenue'), dataIndex: 'revenueFen', align: 'right', render: yuan },
                ]}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('acq.campaigns')} extra={<span className="muted">{t('acq.campaignsHint')}</span>}>
              <Table<Campaign>
                size="small" rowKey="campaign" pagination={false} dataSource={b.campaigns} locale={{ emptyText: t('acq.noCampaigns') }}
                columns={[
                  { title: '#', dataIndex: 'rank', width: 48 },
                  { title: t('acq.col.campaign'), dataIndex: 'campaign' },
                  { title: t('acq.col.joins'), dataIndex: 'joins', align: 'right', render: fmtNumber },
                  { title: t('acq.newFollowers'), dataIndex: 'newFollowers', align: 'right', render: fmtNumber },
                  { title: t('acq.col.orders'), dataIndex: 'orders', align: 'right', render: fmtNumber },
                  { title: t('acq.col.revenue'), dataIndex: 'revenueFen', align: 'right', render: yuan },
                  { title: t('acq.col.heat'), dataIndex: 'heat', align: 'right', render: (v: number) => <b>{fmtNumber(v)}</b> },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
