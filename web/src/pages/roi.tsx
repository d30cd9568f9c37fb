import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Segmented, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';
import { Chart } from '../components/chart.tsx';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { daysAgo, fmtNumber } from '../lib/format.ts';

type Board = Answer<'/api/v1/analytics/roi'>;
type RoiRow = Board['channels'][number];
type Cost = Answer<'/api/v1/analytics/costs'>[number];

const yuan = (fen: number | null) => (fen === null ? '—' : `¥${fmtNumber(Math.round(fen / 100))}`);
const WINDOWS = [30, 60, 90, 180];

/** 渠道成本与 ROI: what each channel and campaign cost, what its customers bought, when it paid back. */
export function RoiPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [range, setRange] = useState<[string, string]>(() => [daysAgo(89), daysAgo(0)]);
  const [window, setWindow] = useState(90);
  const board = useApiQuery(['roi', range, window], async () => unwrap(await client.GET('/api/v1/analytics/roi', { params: { query: { from: range[0], to: range[1], attributionDays: window } } })));
  const costs = useApiQuery(['roi.costs'], async () => unwrap(await client.GET('/api/v1/analytics/costs')));
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);

  const save = async (v: { kind: 'channel' | 'campaign'; key: string; period: [Dayjs, Dayjs]; fixed?: number; traffic?: number; note?: string }) => {
    setBusy(true);
    try {
      unwrap(await client.PUT('/api/v1/analytics/costs', { body: {
        kind: v.kind, key: v.key.trim(), from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'),
        fixed: v.fixed ?? 0, traffic: v.traffic ?? 0, ...(v.note ? { note: v.note } : {}),
      } }));
      message.success(t('roi.saved'));
      costs.reload(); board.reload();
    } catch (e) { message.error(errorText(e, t)); } finally { setBusy(false); }
  };
  const remove = async (c: Cost) => {
    try {
      unwrap(await client.DELETE('/api/v1/analytics/costs', { params: { query: { kind: c.kind, key: c.key, from: c.from } } }));
      message.success(t('roi.removed'));
      costs.reload(); board.reload();
    } catch (e) { message.error(errorText(e, t)); }
  };

  const chart = useMemo(() => {
    const b = board.data;
    if (!b || b.channels.length === 0) return undefined;
    const rows = b.channels;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 48, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.name ?? r.key), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: [{ type: 'value', name: '¥' }, { type: 'value', name: t('roi.roi'), splitLine: { show: false } }],
      series: [
        { name: t('roi.cost'), type: 'bar', barMaxWidth: 28, itemStyle: { color: '#e8684a' }, data: rows.map((r) => Math.round(r.costFen / 100)) },
        { name: t('roi.revenue'), type: 'bar', barMaxWidth: 28, itemStyle: { color: '#13a38b' }, data: rows.map((r) => Math.round(r.revenueFen / 100)) },
        { name: t('roi.roi'), type: 'line', yAxisIndex: 1, itemStyle: { color: '#4a7dff' }, data: rows.map((r) => (r.roi === null ? null : Number(r.roi.toFixed(2)))) },
      ],
    };
  }, [board.data, t]);

  const payback = (d: number | null) => (d === null ? <Tag color="orange">{t('roi.notYet')}</Tag> : t('roi.paybackDays', { n: d }));
  const columns = [
    { title: t('roi.col.key'), dataIndex: 'key', render: (k: string, r: RoiRow) => r.name ?? k },
    { title: t('roi.col.followers'), dataIndex: 'newFollowers', align: 'right' as const, render: fmtNumber },
    { title: t('roi.col.fixed'), dataIndex: 'fixedFen', align: 'right' as const, render: yuan },
    { title: t('roi.col.traffic'), dataIndex: 'trafficFen', align: 'right' as const, render: yuan },
    { title: t('roi.perFollower'), dataIndex: 'costPerFollowerFen', align: 'right' as const, render: yuan },
    { title: t('roi.revenue'), dataIndex: 'revenueFen', align: 'right' as const, render: yuan },
    { title: t('roi.roi'), dataIndex: 'roi', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : <b>{v.toFixed(2)}</b>) },
    { title: t('roi.payback'), dataIndex: 'paybackDays', align: 'right' as const, render: payback },
  ];

  if (board.error) return <ErrorState error={board.error} onRetry={board.reload} />;
  const b = board.data;
  return (
    <div data-testid="roi-page">
      <div className="page-head">
        <h2>{t('roi.title')}</h2>
        <Space wrap>
          <DatePicker.RangePicker allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => { if (v?.[0] && v[1]) setRange([(v[0] as Dayjs).format('YYYY-MM-DD'), (v[1] as Dayjs).format('YYYY-MM-DD')]); }} />
          <span className="muted">{t('roi.window')}</span>
          <Segmented<number> value={window} onChange={setWindow} options={WINDOWS.map((n) => ({ value: n, label: t('roi.windowDays', { n }) }))} />
        </Space>
      </div>
      {!b ? <LoadingState rows={8} /> : (
        <Row gutter={[16, 16]}>
          {!b.windowComplete && <Col span={24}><Tag color="blue">{t('roi.windowOpen')}</Tag></Col>}
          {[
            { title: t('roi.cost'), value: yuan(b.totals.costFen), color: '#e8684a' },
            { title: t('roi.perFollower'), value: yuan(b.totals.costPerFollowerFen), color: '#9270ca' },
            { title: t('roi.revenue'), value: yuan(b.totals.revenueFen), color: '#13a38b' },
            { title: t('roi.roi'), value: b.totals.roi === null ? '—' : b.totals.roi.toFixed(2), color: '#4a7dff' },
            { title: t('roi.payback'), value: b.totals.paybackDays === null ? t('roi.notYet') : t('roi.paybackDays', { n: b.totals.paybackDays }), color: '#f5a623' },
          ].map((s) => (
            <Col xs={12} lg={Math.floor(24 / 5)} key={s.title} flex="1">
              <Card className="stat-tile" style={{ borderTop: `3px solid ${s.color}` }}><Statistic title={s.title} value={s.value} /></Card>
            </Col>
          ))}
          <Col span={24}>
            <Card title={t('roi.chart')}>{chart ? <Chart option={chart} height={300} testId="chart-roi" /> : <span className="muted">{t('roi.none')}</span>}</Card>
          </Col>
          <Col span={24}>
            <Card title={t('roi.channels')}><Table<RoiRow> size="small" rowKey="key" pagination={false} dataSource={b.channels} columns={columns} scroll={{ x: 760 }} /></Card>
          </Col>
          <Col span={24}>
            <Card title={t('roi.campaigns')}><Table<RoiRow> size="small" rowKey="key" pagination={false} dataSource={b.campaigns}
              columns={columns.filter((c) => c.dataIndex !== 'fixedFen' && c.dataIndex !== 'trafficFen')} scroll={{ x: 560 }} /></Card>
          </Col>
        </Row>
      )}
      <Card title={t('roi.costs')} extra={<span className="muted">{t('roi.costsHint')}</span>} style={{ marginTop: 16 }}>
        <Form form={form} layout="inline" onFinish={save} initialValues={{ kind: 'channel' }} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="kind" label={t('roi.kind')}><Select style={{ width: 110 }} options={[{ value: 'channel', label: t('roi.kind.channel') }, { value: 'campaign', label: t('roi.kind.campaign') }]} /></Form.Item>
          <Form.Item name="key" label={t('roi.key')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="period" label={t('roi.period')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
          <Form.Item name="fixed" label={t('roi.fixed')}><InputNumber min={0} precision={2} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="traffic" label={t('roi.traffic')}><InputNumber min={0} precision={2} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="note" label={t('roi.note')}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" loading={busy}>{t('roi.add')}</Button></Form.Item>
        </Form>
        <Table<Cost>
          size="small" rowKey={(c) => `${c.kind}|${c.key}|${c.from}`} dataSource={costs.data ?? []} loading={costs.loading}
          pagination={{ pageSize: 10 }} locale={{ emptyText: t('roi.none') }}
          columns={[
            { title: t('roi.kind'), dataIndex: 'kind', render: (k: string) => t(k === 'channel' ? 'roi.kind.channel' : 'roi.kind.campaign') },
            { title: t('roi.key'), dataIndex: 'key' },
            { title: t('roi.period'), key: 'p', render: (_: unknown, c) => `${c.from} – ${c.to}` },
            { title: t('roi.col.fixed'), dataIndex: 'fixedFen', align: 'right', render: yuan },
            { title: t('roi.col.traffic'), dataIndex: 'trafficFen', align: 'right', render: yuan },
            { title: t('roi.note'), dataIndex: 'note' },
            { title: t('common.actions'), key: 'a', render: (_: unknown, c) => (
              <Popconfirm title={t('common.confirm')} onConfirm={() => void remove(c)}><Button size="small" danger>{t('common.delete')}</Button></Popconfirm>
            ) },
          ]}
        />
      </Card>
    </div>
  );
}
