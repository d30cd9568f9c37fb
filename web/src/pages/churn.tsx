import { App, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery, useStaffName } from '../api/query.ts';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { daysAgo, fmtDate, fmtNumber } from '../lib/format.ts';

type Report = Answer<'/api/v1/analytics/churn'>;
type Entry = Report['items'][number];
const NOT_RECORDED = '(not recorded)';

/** 流失分析: who removed us, after how long, the last touch before it, and why (staff record the reason). */
export function ChurnPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const staffName = useStaffName();
  const [range, setRange] = useState<[string, string]>(() => [daysAgo(89), daysAgo(0)]);
  const [reason, setReason] = useState<string | undefined>();
  const report = useApiQuery(['churn', range, reason], async () => unwrap(await client.GET('/api/v1/analytics/churn', {
    params: { query: { from: range[0], to: range[1], ...(reason ? { reason } : {}) } },
  })));
  const reasonLabel = (r: string | null) => (r === null || r === NOT_RECORDED ? t('churn.notRecorded') : tv(r));

  const record = async (e: Entry, value: string) => {
    try {
      unwrap(await client.PUT('/api/v1/analytics/churn/{id}/reason', { params: { path: { id: e.customerId } }, body: { reason: value, removedAt: e.removedAt } }));
      message.success(t('churn.recorded'));
      report.reload();
    } catch (err) { message.error(errorText(err, t)); }
  };

  const pie = useMemo(() => {
    const r = report.data;
    if (!r || r.removals === 0) return undefined;
    return {
      color: [...PALETTE.slice(0, r.reasons.length - 1), '#d9d9d9'],
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { orient: 'vertical', right: 8, top: 'middle', type: 'scroll' },
      series: [{ type: 'pie', radius: ['40%', '72%'], center: ['30%', '50%'], itemStyle: { borderColor: '#fff', borderWidth: 2 }, label: { show: false },
        data: r.reasons.filter((s) => s.removals > 0).map((s) => ({ name: reasonLabel(s.reason), value: s.removals })) }],
    };
  }, [report.data, t, tv]); // eslint-disable-line react-hooks/exhaustive-deps

  if (report.error) return <ErrorState error={report.error} onRetry={report.reload} />;
  const r = report.data;
  return (
    <div data-testid="churn-page">
      <div className="page-head">
        <h2>{t('churn.title')}</h2>
        <Space wrap>
          <DatePicker.RangePicker allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => { if (v?.[0] && v[1]) setRange([(v[0] as Dayjs).format('YYYY-MM-DD'), (v[1] as Dayjs).format('YYYY-MM-DD')]); }} />
          <Select allowClear style={{ minWidth: 160 }} placeholder={t('churn.allReasons')} value={reason} onChange={setReason}
            options={[...(r?.options ?? []).map((o) => ({ value: o, label: tv(o) })), { value: NOT_RECORDED, label: t('churn.notRecorded') }]} />
        </Space>
      </div>
      {!r ? <LoadingState rows={8} /> : (
        <Row gutter={[16, 16]}>
          {[
            { title: t('churn.removals'), value: fmtNumber(r.removals), color: '#e8684a' },
            { title: t('churn.byCustomer'), value: fmtNumber(r.byCustomer), color: '#f5a623' },
            { title: t('churn.byStaff'), value: fmtNumber(r.byStaff), color: '#9270ca' },
            { title: t('churn.medianTenure'), value: r.medianTenureDays === null ? '—' : t('churn.days', { n: r.medianTenureDays }), color: '#4a7dff' },
          ].map((s) => (
            <Col xs={12} lg={6} key={s.title}><Card className="stat-tile" style={{ borderTop: `3px solid ${s.color}` }}><Statistic title={s.title} value={s.value} /></Card></Col>
          ))}
          <Col span={24}>
            <Card title={t('churn.reasons')}>
              <Row gutter={16}><Col xs={24} lg={12}>
              {pie ? <Chart option={pie} height={280} testId="chart-churn-reasons" /> : <span className="muted">{t('churn.none')}</span>}
              </Col><Col xs={24} lg={12}>
              <Table size="small" rowKey="reason" pagination={false} dataSource={r.reasons.filter((s) => s.removals > 0)}
                columns={[
                  { title: t('churn.col.reason'), dataIndex: 'reason', render: (v: string) => reasonLabel(v) },
                  { title: t('churn.removals'), dataIndex: 'removals', align: 'right', render: fmtNumber },
                  { title: '%', dataIndex: 'share', align: 'right', render: (v: number) => `${(v * 100).toFixed(1)}%` },
                ]} />
              </Col></Row>
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('churn.list')}>
              <Table<Entry>
                size="small" rowKey={(e) => `${e.customerId}|${e.removedAt}`} dataSource={r.items} pagination={{ pageSize: 12 }} scroll={{ x: 900 }}
                locale={{ emptyText: t('churn.none') }}
                columns={[
                  { title: t('churn.col.customer'), dataIndex: 'name', render: (v: string | null, e) => <Link to={`/customers/${e.customerId}`}>{v ?? `#${e.customerId}`}</Link> },
                  { title: t('churn.col.removed'), dataIndex: 'removedAt', render: fmtDate },
                  { title: t('churn.col.by'), dataIndex: 'by', render: (v: string | null) => (v === 'customer' || v === 'staff' ? <Tag>{t(`churn.by.${v}` as MsgKey)}</Tag> : '—') },
                  { title: t('churn.col.tenure'), dataIndex: 'tenureDays', align: 'right', render: (v: number | null) => (v === null ? '—' : fmtNumber(v)) },
                  { title: t('churn.col.owner'), dataIndex: 'owner', render: staffName },
                  { title: t('churn.col.lastTouch'), dataIndex: 'lastTouch', render: (v: Entry['lastTouch']) => (v ? `${t(`event.${v.type}` as MsgKey)} · ${fmtDate(v.at)}` : '—') },
                  { title: t('churn.col.lastStaff'), dataIndex: 'lastStaffMessageAt', render: (v: string | null) => (v ? fmtDate(v) : '—') },
                  { title: t('churn.col.reason'), dataIndex: 'reason', width: 170, render: (v: string | null, e) => (
                    <Select size="small" style={{ width: 150 }} placeholder={t('churn.pickReason')} value={v ?? undefined}
                      onChange={(x: string) => void record(e, x)} options={r.options.map((o) => ({ value: o, label: tv(o) }))} />
                  ) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
