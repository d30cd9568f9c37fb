import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../api/auth.tsx';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { staffOptions, useApiQuery, useStaff, useStaffName } from '../api/query.ts';
import { Chart, PALETTE } from '../components/chart.tsx';
import { ErrorState, LoadingState } from '../components/states.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { daysAgo, fmtNumber, fmtPercent, todayInZone } from '../lib/format.ts';
import { Change } from './operations.tsx';

type Board = Answer<'/api/v1/analytics/content'>;
type Item = Board['items'][number];
const WINDOWS = [1, 3, 7, 14, 30];
const TYPES = ['article', 'video', 'poster', 'mini_program', 'live', 'other'];

export function ContentPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manager = me?.role !== 'staff';
  const staffName = useStaffName();
  const staff = useStaff();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(daysAgo(29)), dayjs(todayInZone())]);
  const [staffId, setStaffId] = useState<string | undefined>();
  const [windowDays, setWindowDays] = useState(7);
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), windowDays, ...(staffId ? { staff: staffId } : {}) };
  const board = useApiQuery(['ct.board', query], async () => unwrap(await client.GET('/api/v1/analytics/content', { params: { query } })));
  const name = (i: Item) => i.title ?? i.contentId;
  const yuan = (fen: number) => `¥${fmtNumber(Math.round(fen / 100))}`;

  const chart = useMemo(() => board.data && board.data.items.length > 0 ? {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 140, right: 56, top: 32, bottom: 24 },
    xAxis: [{ type: 'value' }, { type: 'value', max: 1, position: 'top', show: false }],
    yAxis: { type: 'category', inverse: true, data: board.data.items.slice(0, 10).map(name) },
    series: [
      { type: 'bar', name: t('ct.col.views'), data: board.data.items.slice(0, 10).map((i) => i.views) },
      { type: 'bar', name: t('ct.col.shares'), data: board.data.items.slice(0, 10).map((i) => i.shares) },
      { type: 'bar', name: t('ct.col.buyers'), data: board.data.items.slice(0, 10).map((i) => i.buyers) },
    ],
  } : undefined, [board.data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const b = board.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('ct.title')} extra={<Typography.Text type="secondary">{t('ct.hint')}</Typography.Text>}>
        <Space wrap size={12}>
          <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          {manager && <Select allowClear style={{ width: 160 }} placeholder={t('ops.allStaff')} value={staffId} onChange={setStaffId} options={staffOptions(staff.data)} aria-label={t('ops.staff')} />}
          <Space>{t('ct.window')}<Select style={{ width: 100 }} value={windowDays} onChange={setWindowDays} options={WINDOWS.map((d) => ({ value: d, label: t('ct.window.days', { n: d }) }))} /></Space>
        </Space>
        <div style={{ marginTop: 8 }}><Typography.Text type="secondary">{t('ct.listHint')}</Typography.Text></div>
      </Card>
      {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : !b ? <LoadingState /> : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={6}>
              <Card><Statistic title={t('ct.reads')} value={fmtNumber(b.views.current)} suffix={<Change c={b.views} />} />
                <Typography.Text type="secondary">{t('ops.before', { v: fmtNumber(b.views.previous) })}</Typography.Text></Card>
            </Col>
            <Col xs={24} lg={18}>
              <Card title={t('ct.items')}>{chart ? <Chart option={chart} height={Math.max(200, 40 * Math.min(10, b.items.length) + 60)} testId="ct-items" /> : <Empty description={t('ct.none')} />}</Card>
            </Col>
          </Row>
          <Card>
            <Table rowKey="contentId" size="small" pagination={false} dataSource={b.items} columns={[
              { title: t('ct.col.rank'), dataIndex: 'rank', width: 64 },
              { title: t('ct.col.title'), key: 'title', render: (_: unknown, i: Item) => name(i) },
              { title: t('ct.col.type'), dataIndex: 'type', render: (v: string | null) => (v && TYPES.includes(v) ? t(`ct.type.${v}` as MsgKey) : '—') },
              { title: t('ct.col.views'), dataIndex: 'views', align: 'right' as const, render: fmtNumber },
              { title: t('ct.col.viewers'), dataIndex: 'viewers', align: 'right' as const, render: fmtNumber },
              { title: t('ct.col.shares'), dataIndex: 'shares', align: 'right' as const, render: fmtNumber },
              { title: t('ct.col.buyers'), dataIndex: 'buyers', align: 'right' as const, render: fmtNumber },
              { title: t('ct.col.conversion'), dataIndex: 'conversion', align: 'right' as const, render: (v: number) => fmtPercent(v) },
              { title: t('ct.col.revenue'), dataIndex: 'revenueFen', align: 'right' as const, render: yuan },
              { title: t('ct.col.previous'), dataIndex: 'previousViews', align: 'right' as const, render: fmtNumber },
            ]} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t('ct.byStaff')}>
                <Table rowKey={(s) => s.staffId ?? ''} size="small" pagination={false} dataSource={b.byStaff} columns={[
                  { title: t('ct.col.staff'), key: 'staff', render: (_: unknown, s: Board['byStaff'][number]) => s.name ?? staffName(s.staffId) },
                  { title: t('ct.col.contents'), dataIndex: 'contents', align: 'right' as const, render: fmtNumber },
                  { title: t('ct.col.views'), dataIndex: 'views', align: 'right' as const, render: fmtNumber },
                  { title: t('ct.col.viewers'), dataIndex: 'viewers', align: 'right' as const, render: fmtNumber },
                ]} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('ct.visitors')}>
                <Table rowKey="customerId" size="small" pagination={false} dataSource={b.visitors.slice(0, 10)} columns={[
                  { title: t('ct.col.customer'), key: 'c', render: (_: unknown, v: Board['visitors'][number]) => <Link to={`/customers/${v.customerId}`}>{v.name ?? `#${v.customerId}`}</Link> },
                  { title: t('ct.col.views'), dataIndex: 'views', align: 'right' as const, render: fmtNumber },
                  { title: t('ct.col.contents'), dataIndex: 'contents', align: 'right' as const, render: fmtNumber },
                  { title: t('ct.col.shares'), dataIndex: 'shares', align: 'right' as const, render: fmtNumber },
                ]} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
