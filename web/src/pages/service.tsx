import { Alert, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useAuth } from '../api/auth.tsx';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { staffOptions, useApiQuery, useStaff, useStaffName } from '../api/query.ts';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { daysAgo, fmtNumber, fmtPercent, todayInZone } from '../lib/format.ts';
import { useDuration } from './funnel.tsx';
import { Change } from './operations.tsx';

type Responsiveness = Answer<'/api/v1/analytics/responsiveness'>;
type Complaints = Answer<'/api/v1/analytics/complaints'>;
const HOURS = ['9-18', '9-21', '8-22', '0-24'];

export function ServicePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manager = me?.role !== 'staff';
  const dur = useDuration();
  const staffName = useStaffName();
  const staff = useStaff();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(daysAgo(29)), dayjs(todayInZone())]);
  const [staffId, setStaffId] = useState<string | undefined>();
  const [hours, setHours] = useState('9-18');
  const base = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(staffId ? { staff: staffId } : {}) };
  const resp = useApiQuery(['svc.resp', base, hours], async () => unwrap(await client.GET('/api/v1/analytics/responsiveness', { params: { query: { ...base, hours } } })));
  const comp = useApiQuery(['svc.comp', base], async () => unwrap(await client.GET('/api/v1/analytics/complaints', { params: { query: base } })));
  const minutes = (v: number | null) => (v === null ? '—' : dur(v * 60));
  const who = (s: { staffId: string | null; name?: string | null }) => s.name ?? staffName(s.staffId);
  const reasonName = (r: string) => r || t('svc.noReason');

  const staffChart = useMemo(() => resp.data && resp.data.staff.length > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 72, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value', name: t('dur.minutes', { n: '' }).trim() },
    yAxis: { type: 'category', inverse: true, data: resp.data.staff.map(who) },
    series: [
      { type: 'bar', name: t('svc.median'), data: resp.data.staff.map((s) => s.medianMinutes ?? 0) },
      { type: 'bar', name: t('svc.p90'), data: resp.data.staff.map((s) => s.p90Minutes ?? 0) },
    ],
  } : undefined, [resp.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const weeklyChart = useMemo(() => {
    if (!resp.data || resp.data.weekly.length === 0) return undefined;
    const weeks = [...new Set(resp.data.weekly.map((w) => w.week))];
    const people = [...new Set(resp.data.weekly.map((w) => w.staffId))];
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)) },
      yAxis: { type: 'value' },
      series: people.map((p) => ({
        type: 'line', name: staffName(p), connectNulls: true,
        data: weeks.map((w) => resp.data!.weekly.find((x) => x.week === w && x.staffId === p)?.medianMinutes ?? null),
      })),
    };
  }, [resp.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const reasonChart = useMemo(() => comp.data && comp.data.byReason.length > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', radius: ['40%', '70%'], top: -20, label: { formatter: '{b}: {c}' }, data: comp.data.byReason.filter((r) => r.count > 0).map((r) => ({ name: reasonName(r.reason), value: r.count })) }],
  } : undefined, [comp.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const r = resp.data;
  const c = comp.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('svc.title')} extra={<Typography.Text type="secondary">{t('svc.hint')}</Typography.Text>}>
        <Space wrap size={12}>
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          {manager && <Select allowClear style={{ width: 160 }} placeholder={t('ops.allStaff')} value={staffId} onChange={setStaffId} options={staffOptions(staff.data)} aria-label={t('ops.staff')} />}
          <Space>{t('svc.hours')}<Select style={{ width: 150 }} value={hours} onChange={setHours} options={HOURS.map((h) => ({ value: h, label: `${h.replace('-', ':00–')}:00` }))} /></Space>
        </Space>
        <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('svc.rule')} />
      </Card>
      {resp.error ? <ErrorState error={resp.error} onRetry={resp.reload} /> : !r ? <LoadingState /> : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={4}><Card><Statistic title={t('svc.asks')} value={fmtNumber(r.total.asks)} />
              <Typography.Text type="secondary">{t('svc.before', { v: fmtNumber(r.total.previous.asks) })}</Typography.Text></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('svc.unanswered')} value={fmtNumber(r.total.unanswered)} /></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('svc.median')} value={minutes(r.total.medianMinutes)} />
              <Typography.Text type="secondary">{t('svc.before', { v: minutes(r.total.previous.medianMinutes) })}</Typography.Text></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('svc.p90')} value={minutes(r.total.p90Minutes)} /></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('svc.within5')} value={fmtPercent(r.total.within5)} /></Card></Col>
            <Col xs={12} lg={4}><Card><Statistic title={t('svc.within30')} value={fmtPercent(r.total.within30)} />
              <Typography.Text type="secondary">{t('svc.before', { v: fmtPercent(r.total.previous.within30) })}</Typography.Text></Card></Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t('svc.byStaff')}>
                {r.staff.length === 0 ? <Empty description={t('svc.none')} /> : (
                  <>
                    {staffChart && <Chart option={staffChart} height={Math.max(140, 44 * r.staff.length + 60)} testId="svc-staff" />}
                    <Table rowKey={(s) => s.staffId ?? ''} size="small" pagination={false} dataSource={r.staff} columns={[
                      { title: t('svc.col.staff'), key: 'staff', render: (_: unknown, s: Responsiveness['staff'][number]) => who(s) },
                      { title: t('svc.asks'), dataIndex: 'asks', align: 'right' as const, render: fmtNumber },
                      { title: t('svc.median'), dataIndex: 'medianMinutes', align: 'right' as const, render: minutes },
                      { title: t('svc.p90'), dataIndex: 'p90Minutes', align: 'right' as const, render: minutes },
                      { title: t('svc.within30'), dataIndex: 'within30', align: 'right' as const, render: (v: number) => fmtPercent(v) },
                      { title: t('svc.unanswered'), dataIndex: 'unanswered', align: 'right' as const, render: fmtNumber },
                    ]} />
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('svc.weekly')}>
                {weeklyChart ? <Chart option={weeklyChart} height={300} testId="svc-weekly" /> : <Empty description={t('svc.none')} />}
              </Card>
            </Col>
          </Row>
        </>
      )}
      {comp.error ? <ErrorState error={comp.error} onRetry={comp.reload} /> : !c ? null : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title={t('svc.complaints.byReason')} extra={<Space>{t('svc.complaints.total', { n: c.total.current, m: c.total.previous })}<Change c={c.total} inverse /></Space>}>
              {reasonChart ? <Chart option={reasonChart} height={240} /> : <Empty />}
              <Table rowKey="reason" size="small" pagination={false} dataSource={c.byReason} columns={[
                { title: t('svc.col.reason'), dataIndex: 'reason', render: reasonName },
                { title: t('svc.col.count'), dataIndex: 'count', align: 'right' as const, render: fmtNumber },
                { title: t('svc.col.previous'), dataIndex: 'previous', align: 'right' as const, render: fmtNumber },
              ]} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={t('svc.complaints.byStaff')}>
              <Table rowKey={(s) => s.staffId ?? ''} size="small" pagination={false} dataSource={c.byStaff} columns={[
                { title: t('svc.col.staff'), key: 'staff', render: (_: unknown, s: Complaints['byStaff'][number]) => who(s) },
                { title: t('svc.col.count'), dataIndex: 'count', align: 'right' as const, render: fmtNumber },
                { title: t('svc.col.previous'), dataIndex: 'previous', align: 'right' as const, render: fmtNumber },
                { title: t('svc.col.reasons'), key: 'reasons', render: (_: unknown, s: Complaints['byStaff'][number]) => s.reasons.slice(0, 3).map((x) => `${reasonName(x.reason)} ${x.count}`).join('、') },
              ]} />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
