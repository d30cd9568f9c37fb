import { App, Button, Card, Col, Empty, Row, Segmented, Statistic, Table, Tag, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { daysAgo, fmtDateTime, fmtNumber, TRUST_COLORS } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';

type Distribution = Answer<'/api/v1/segments'>;
type Bucket = Distribution['models']['trust'][number];
type ModelKey = keyof Distribution['models'];
type ModelRun = Answer<'/api/v1/models/runs'>[number];
const WEEKS = 12;

export function BoardPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const dist = useApiQuery(['board.dist'], async () => unwrap(await client.GET('/api/v1/segments')));
  const clv = useApiQuery(['board.clv'], async () => unwrap(await client.GET('/api/v1/clv/distribution')));
  const runs = useApiQuery(['board.runs'], async () => unwrap(await client.GET('/api/v1/models/runs', { params: { query: { limit: 5 } } })));
  const [model, setModel] = useState<ModelKey>('trust');
  // Each week as it stood at its end, from the daily snapshots (what was known that day).
  const history = useApiQuery(['board.history', model], async () => unwrap(await client.GET('/api/v1/analytics/customers/trend', {
    params: { query: { model, interval: 'week', from: daysAgo(WEEKS * 7 - 1) } },
  })));
  const [busy, setBusy] = useState(false);
  const [days, setDays] = useState(30);
  const flows = useApiQuery(['board.flows', model, days], async () => unwrap(await client.GET('/api/v1/models/movement', { params: { query: { model: model === 'rfm' ? 'rfm_segment' : model, from: daysAgo(days) } } })));

  const recompute = async () => {
    setBusy(true);
    try {
      const r = unwrap(await client.POST('/api/v1/recompute', { body: {} }));
      message.success(t('board.recomputed', { n: fmtNumber(r.customers), m: fmtNumber(r.moved) }));
      dist.reload(); runs.reload(); history.reload();
    } catch (e) { message.error(errorText(e, t)); } finally { setBusy(false); }
  };

  const movement = useMemo(() => {
    if (!history.data) return undefined;
    const { values, buckets } = history.data;
    return {
      color: model === 'trust' ? TRUST_COLORS : PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', boundaryGap: false, data: buckets.map((b) => b.day.slice(5)) },
      yAxis: { type: 'value' },
      series: values.map((v) => ({
        name: tv(v), type: 'line', stack: 'all', areaStyle: { opacity: 0.85 }, smooth: true, symbol: 'none', lineStyle: { width: 1 },
        data: buckets.map((b) => b.counts[v] ?? 0),
      })),
    };
  }, [history.data, model, tv]);

  const sankey = useMemo(() => {
    if (!flows.data || flows.data.flows.length === 0) return undefined;
    // Two columns (start, end) so a customer who went L2 → L3 and another L3 → L2 make no cycle.
    const order = (dist.data?.models[model] ?? []).map((b) => b.value);
    const rank = (v: string | null) => (v === null ? -1 : order.indexOf(v));
    const start = (v: string | null) => `${v === null ? t('board.flow.new') : tv(v)} ▸`;
    const end = (v: string | null) => `▸ ${v === null ? '—' : tv(v)}`;
    const froms = [...new Set(flows.data.flows.map((f) => f.from))].sort((a, b) => rank(a) - rank(b));
    const tos = [...new Set(flows.data.flows.map((f) => f.to))].sort((a, b) => rank(a) - rank(b));
    const palette = model === 'trust' ? TRUST_COLORS : PALETTE;
    const color = (v: string | null) => (v === null ? '#bfbfbf' : palette[Math.max(0, rank(v)) % palette.length]);
    return {
      tooltip: { trigger: 'item' },
      series: [{
        type: 'sankey', left: 8, right: 96, top: 8, bottom: 8, nodeGap: 10, draggable: false, layoutIterations: 0,
        emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.45 }, label: { fontSize: 12 },
        data: [...froms.map((v) => ({ name: start(v), itemStyle: { color: color(v) } })), ...tos.map((v) => ({ name: end(v), itemStyle: { color: color(v) } }))],
        links: flows.data.flows.map((f) => ({ source: start(f.from), target: end(f.to), value: f.customers })),
      }],
    };
  }, [flows.data, dist.data, model, t, tv]);

  if (dist.error) return <ErrorState error={dist.error} onRetry={dist.reload} />;
  if (!dist.data) return <LoadingState rows={10} />;
  const d = dist.data;
  const count = (m: ModelKey, v: string) => d.models[m].find((b) => b.value === v)?.count ?? 0;
  const buyers = d.customers - count('rfm', '(no order)');
  const trustBuckets = [0, 1, 2, 3, 4, 5].map((l) => d.models.trust.find((b) => b.value === `L${l}`) ?? { value: `L${l}`, count: 0, share: 0 });

  const bar = (buckets: Bucket[], colors?: string[]) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: buckets.map((b) => tv(b.value)), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', barMaxWidth: 42, data: buckets.map((b, i) => ({ value: b.count, itemStyle: { color: colors?.[i] ?? PALETTE[0], borderRadius: [4, 4, 0, 0] } })), label: { show: true, position: 'top', fontSize: 11 } }],
  });
  const pie = (buckets: Bucket[]) => ({
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 0, top: 'middle', type: 'scroll', textStyle: { fontSize: 11 } },
    series: [{ type: 'pie', radius: ['42%', '70%'], center: ['36%', '50%'], itemStyle: { borderColor: '#fff', borderWidth: 2 }, label: { show: false }, data: buckets.filter((b) => b.count > 0).map((b) => ({ name: tv(b.value), value: b.count })) }],
  });
  const trustName = (l: number) => trustBuckets[l]!.value;

  return (
    <div data-testid="board-page">
      <div className="page-head">
        <h2>{t('board.title')}</h2>
        <Space>
          <span className="muted">{t('board.asOf', { at: fmtDateTime(d.asOf) })}</span>
          <Button icon={<ReloadOutlined />} loading={busy} onClick={recompute}>{t('board.recompute')}</Button>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        {[
          { title: t('board.customers'), value: d.customers, color: '#0f2a3d' },
          { title: t('board.buyers'), value: buyers, color: '#13a38b' },
          { title: t('board.l3'), value: count('trust', trustName(3)), color: '#36cfc9' },
          { title: t('board.core'), value: count('value_tier', '核心') + count('value_tier', '高价值'), color: '#faad14' },
        ].map((s) => (
          <Col xs={12} lg={6} key={s.title}>
            <Card className="stat-tile" style={{ borderTop: `3px solid ${s.color}` }}>
              <Statistic title={s.title} value={s.value} formatter={(v) => fmtNumber(Number(v))} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <Card title={t('board.trust')}><Chart option={bar(trustBuckets, TRUST_COLORS)} testId="chart-trust" /></Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('board.tier')}><Chart option={pie(d.models.value_tier)} /></Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('board.lifeEcom')}><Chart option={bar(d.models.lifecycle_ecommerce)} height={240} /></Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('board.lifeSales')}><Chart option={bar(d.models.lifecycle_sales, PALETTE.map(() => '#4a7dff'))} height={240} /></Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('board.rfm')}><Chart option={pie(d.models.rfm.filter((b) => b.value !== '(no order)'))} /></Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('board.clv')} data-testid="board-clv">
            {clv.error ? <ErrorState error={clv.error} onRetry={clv.reload} /> : !clv.data ? <LoadingState rows={4} /> : clv.data.customers === 0 ? <Empty description={t('board.clv.none')} /> : (
              <>
                <div className="muted">{t('board.clv.total', { n: fmtNumber(clv.data.customers), v: `¥${fmtNumber(Math.round(clv.data.totalClv))}` })}</div>
                <Chart option={clvBars(clv.data, t('board.clv.customers'), t('board.clv.alive'))} height={260} testId="chart-clv" />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('board.runs')}>
            <Table<ModelRun>
              size="small" rowKey="runId" pagination={false} loading={runs.loading} dataSource={runs.data ?? []}
              columns={[
                { title: '#', dataIndex: 'runId', width: 48 },
                { title: t('common.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'done' ? 'green' : s === 'failed' ? 'red' : 'blue'}>{t(`run.status.${s}` as MsgKey)}</Tag> },
                { title: t('common.time'), dataIndex: 'finishedAt', render: (v: string | null, r) => fmtDateTime(v ?? r.requestedAt) },
                { title: t('board.customers'), dataIndex: 'customers', render: (v: number | null) => fmtNumber(v) },
                { title: 'Δ', dataIndex: 'changed', render: (v: number | null, r) => r.error ? <span style={{ color: '#cf1322' }}>{r.error}</span> : fmtNumber(v) },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={t('board.movement')}
            extra={<Segmented<ModelKey> value={model} onChange={setModel} options={[
              { value: 'trust', label: t('board.trust') }, { value: 'value_tier', label: t('board.tier') },
              { value: 'lifecycle_ecommerce', label: t('board.lifeEcom') }, { value: 'rfm', label: t('board.rfm') },
            ]} />}
          >
            <Row gutter={16}>
              <Col xs={24} xl={12}>
                <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }} wrap>
                  <b>{t('board.flow')}</b>
                  <Segmented<number> size="small" value={days} onChange={setDays} options={[30, 90, 180].map((n) => ({ value: n, label: t('board.flow.days', { n }) }))} data-testid="flow-days" />
                </Space>
                {flows.data && <div className="muted" style={{ marginBottom: 8 }}>{t('board.flowHint', { d: days, c: fmtNumber(flows.data.customers), k: fmtNumber(flows.data.changes) })}</div>}
                {flows.error ? <ErrorState error={flows.error} onRetry={flows.reload} path="/api/v1/models/movement" />
                  : !flows.data ? <LoadingState />
                  : sankey ? <Chart option={sankey} height={340} testId="chart-flow" />
                  : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.flow.none')} />}
              </Col>
              <Col xs={24} xl={12}>
                <div style={{ marginBottom: 8 }}><b>{t('board.flow.area')}</b></div>
                <div className="muted" style={{ marginBottom: 8 }}>{t('board.trendHint')} · {t('board.weeks', { n: WEEKS })}</div>
                {history.error ? <ErrorState error={history.error} onRetry={history.reload} /> : movement ? <Chart option={movement} height={310} testId="chart-movement" /> : <LoadingState />}
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** CLV bands above, P(alive) tenths below: what customers are worth and who is still buying. */
function clvBars(d: { clv: { from: number; to: number | null; customers: number }[]; pAlive: { from: number; to: number; customers: number }[] }, customers: string, alive: string) {
  const band = (b: { from: number; to: number | null }) => (b.to === null ? `¥${fmtNumber(b.from)}+` : `¥${fmtNumber(b.from)}–${fmtNumber(b.to)}`);
  return {
    tooltip: { trigger: 'axis' },
    grid: [{ left: 48, right: 16, top: 16, height: '38%' }, { left: 48, right: 16, bottom: 28, height: '28%' }],
    xAxis: [
      { type: 'category', data: d.clv.map(band), gridIndex: 0, axisLabel: { fontSize: 10 } },
      { type: 'category', data: d.pAlive.map((b) => `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`), gridIndex: 1, axisLabel: { fontSize: 10 }, name: alive, nameLocation: 'middle', nameGap: 20 },
    ],
    yAxis: [{ type: 'value', gridIndex: 0, name: customers }, { type: 'value', gridIndex: 1 }],
    series: [
      { type: 'bar', name: customers, data: d.clv.map((b) => b.customers), itemStyle: { color: PALETTE[2] }, xAxisIndex: 0, yAxisIndex: 0 },
      { type: 'bar', name: alive, data: d.pAlive.map((b) => b.customers), itemStyle: { color: PALETTE[0] }, xAxisIndex: 1, yAxisIndex: 1 },
    ],
  };
}
