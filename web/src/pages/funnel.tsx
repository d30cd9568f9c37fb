import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { client, unwrap, type Answer, type Schemas } from '../api/typed.ts';
import { useApiQuery, useChannelName, useStaffName } from '../api/query.ts';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { daysAgo, fmtNumber, fmtPercent, todayInZone } from '../lib/format.ts';

type Funnel = Answer<'/api/v1/analytics/funnel', 'post'>;
type StepResult = Funnel['steps'][number];
type Split = NonNullable<Funnel['split']>;
type FunnelStep = Schemas['FunnelStep'];
const SPLITS: Split[] = ['channel', 'staff', 'rfmSegment', 'valueTier'];
const WINDOWS = [24, 72, 168, 336, 720];

/** Seconds as the largest unit that reads well. */
export function useDuration(): (s: number | null) => string {
  const { t } = useI18n();
  return (s) => {
    if (s === null) return '—';
    if (s < 120) return t('dur.seconds', { n: Math.round(s) });
    if (s < 7200) return t('dur.minutes', { n: Math.round(s / 60) });
    if (s < 172_800) return t('dur.hours', { n: (s / 3600).toFixed(1) });
    return t('dur.days', { n: (s / 86_400).toFixed(1) });
  };
}

export function FunnelPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const dur = useDuration();
  const channelName = useChannelName();
  const staffName = useStaffName();
  const defaults = useApiQuery(['funnel.defaults'], async () => unwrap(await client.GET('/api/v1/analytics/funnel/defaults')));
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(daysAgo(29)), dayjs(todayInZone())]);
  const [windowHours, setWindowHours] = useState(168);
  const [split, setSplit] = useState<Split | 'none'>('none');
  const [types, setTypes] = useState<string[] | undefined>(undefined);
  const [saving, setSaving] = useState<StepResult | null>(null);

  const steps: FunnelStep[] | undefined = useMemo(() => {
    if (!defaults.data) return undefined;
    if (!types) return defaults.data.steps;
    return types.map((type) => defaults.data!.steps.find((s) => s.type === type) ?? { type });
  }, [defaults.data, types]);
  const query = useMemo(() => (steps && steps.length >= 2 ? {
    from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), windowHours, steps: steps.map(({ type, where }) => (where ? { type, where } : { type })),
    ...(split === 'none' ? {} : { split }),
  } : undefined), [steps, range, windowHours, split]);
  const funnel = useApiQuery(['funnel.run', query], async () => unwrap(await client.POST('/api/v1/analytics/funnel', { body: query! })), { enabled: query !== undefined });

  const stepName = (s: { type: string }) => t(`event.${s.type}` as MsgKey);
  const groupName = (key: string | null) => {
    if (key === null) return t('funnel.none');
    if (split === 'channel') return channelName(key);
    if (split === 'staff') return staffName(key);
    return tv(key);
  };

  const chart = useMemo(() => funnel.data && funnel.data.steps[0]!.customers > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; dataIndex: number }) => `${p.name}<br/>${fmtNumber(p.value)} · ${fmtPercent(funnel.data!.steps[p.dataIndex]!.overall)}` },
    series: [{
      type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 8, bottom: 8, gap: 2, minSize: '8%',
      label: { show: true, position: 'inside', formatter: (p: { name: string; value: number }) => `${p.name}  ${fmtNumber(p.value)}` },
      data: funnel.data.steps.map((s) => ({ name: stepName(s), value: s.customers })),
    }],
  } : undefined, [funnel.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const groupsChart = useMemo(() => funnel.data && funnel.data.groups.length > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPercent(v) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: funnel.data.steps.map(stepName) },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: funnel.data.groups.slice(0, 8).map((g) => ({ name: groupName(g.key), type: 'line', data: g.steps.map((s) => s.overall) })),
  } : undefined, [funnel.data, t, tv]); // eslint-disable-line react-hooks/exhaustive-deps

  if (defaults.error) return <ErrorState error={defaults.error} onRetry={defaults.reload} />;
  if (!defaults.data) return <LoadingState />;

  const columns = [
    { title: t('funnel.col.step'), key: 'step', render: (_: unknown, s: StepResult) => `${s.step}. ${stepName(s)}` },
    { title: t('funnel.col.customers'), dataIndex: 'customers', align: 'right' as const, render: (v: number) => fmtNumber(v) },
    { title: t('funnel.col.conversion'), dataIndex: 'conversion', align: 'right' as const, render: (v: number) => fmtPercent(v) },
    { title: t('funnel.col.overall'), dataIndex: 'overall', align: 'right' as const, render: (v: number) => fmtPercent(v) },
    { title: t('funnel.col.median'), dataIndex: 'medianSeconds', align: 'right' as const, render: (v: number | null) => dur(v) },
  ];
  const last = funnel.data?.steps[funnel.data.steps.length - 1];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('funnel.title')} extra={<Typography.Text type="secondary">{t('funnel.hint')}</Typography.Text>}>
        <Space wrap size={16}>
          <Space>{t('funnel.range')}
            <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          </Space>
          <Space>{t('funnel.window')}
            <Select style={{ width: 120 }} value={windowHours} onChange={setWindowHours}
              options={WINDOWS.map((h) => ({ value: h, label: h < 72 ? t('funnel.window.hours', { n: h }) : t('funnel.window.days', { n: h / 24 }) }))} />
          </Space>
          <Select style={{ width: 160 }} value={split} onChange={setSplit} aria-label={t('funnel.split')}
            options={[{ value: 'none', label: t('funnel.split.none') }, ...SPLITS.map((s) => ({ value: s, label: t(`funnel.split.${s}` as MsgKey) }))]} />
        </Space>
        <div style={{ marginTop: 12 }}>
          <Space wrap>
            {t('funnel.steps')}
            <Select mode="multiple" style={{ minWidth: 480 }} value={(steps ?? []).map((s) => s.type)} onChange={(v: string[]) => setTypes(v)}
              options={defaults.data.eventTypes.map((e) => ({ value: e, label: t(`event.${e}` as MsgKey) }))} />
            <Button onClick={() => setTypes(undefined)}>{t('funnel.reset')}</Button>
          </Space>
          {steps && steps.length < 2 && <div><Typography.Text type="warning">{t('funnel.steps.few')}</Typography.Text></div>}
        </div>
      </Card>
      {funnel.error ? <ErrorState error={funnel.error} onRetry={funnel.reload} /> : !funnel.data ? (query ? <LoadingState /> : null) : (
        <>
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Card title={last ? t('funnel.entered', { n: fmtNumber(funnel.data.steps[0]!.customers), m: fmtNumber(last.customers) }) : undefined}>
                {chart ? <Chart option={chart} height={320} testId="funnel-chart" /> : <Empty description={t('funnel.empty')} />}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card>
                <Table rowKey="step" size="small" pagination={false} dataSource={funnel.data.steps}
                  columns={[...columns, {
                    title: '', key: 'save', render: (_: unknown, s: StepResult) => (
                      <Button size="small" disabled={s.customers === 0} onClick={() => setSaving(s)}>{t('funnel.save')}</Button>
                    ),
                  }]} />
              </Card>
            </Col>
          </Row>
          {funnel.data.groups.length > 0 && (
            <Card title={t('funnel.groups')}>
              {groupsChart && <Chart option={groupsChart} height={260} />}
              <Table rowKey={(g) => g.key ?? ''} size="small" pagination={false} dataSource={funnel.data.groups}
                columns={[
                  { title: t('funnel.col.group'), key: 'key', render: (_: unknown, g: Funnel['groups'][number]) => groupName(g.key) },
                  ...funnel.data.steps.map((s, i) => ({
                    title: stepName(s), key: `s${i}`, align: 'right' as const,
                    render: (_: unknown, g: Funnel['groups'][number]) => `${fmtNumber(g.steps[i]!.customers)} · ${fmtPercent(g.steps[i]!.overall)}`,
                  })),
                ]} />
            </Card>
          )}
        </>
      )}
      {saving && query && (
        <SaveModal step={saving} onClose={() => setSaving(null)} onSave={async (name, dropped) => {
          try {
            const r = unwrap(await client.POST('/api/v1/analytics/funnel/audience', { body: { funnel: query, step: saving.step, name, ...(dropped ? { dropped } : {}) } }));
            message.success(t('funnel.saved', { name: r.name, n: fmtNumber(r.customers) }));
            setSaving(null);
          } catch (e) { message.error(errorText(e, t)); }
        }} />
      )}
    </Space>
  );
}

function SaveModal({ step, onClose, onSave }: { step: StepResult; onClose(): void; onSave(name: string, dropped: boolean): Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [dropped, setDropped] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={t('funnel.save.title', { n: step.step })} onCancel={onClose} okButtonProps={{ disabled: !name.trim(), loading: busy }}
      onOk={async () => { setBusy(true); try { await onSave(name.trim(), dropped); } finally { setBusy(false); } }}>
      <Form layout="vertical">
        <Form.Item label={t('funnel.save.name')}><Input value={name} maxLength={64} onChange={(e) => setName(e.target.value)} /></Form.Item>
        <Checkbox checked={dropped} onChange={(e) => setDropped(e.target.checked)}>{t('funnel.save.dropped')}</Checkbox>
      </Form>
    </Modal>
  );
}
