import { App, Button, Card, Col, DatePicker, Empty, Input, List, Popconfirm, Row, Space, Tag, Tooltip } from 'antd';
import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../api/auth.tsx';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';
import { ErrorState, errorText } from '../components/states.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fmtDateTime, todayInZone } from '../lib/format.ts';

type Day = Answer<'/api/v1/operations-calendar'>['days'][number];
type Holiday = Answer<'/api/v1/holidays'>['items'][number];
const SPAN = 14;

export function OperationsCalendarPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const manager = me?.role !== 'staff';
  const [from, setFrom] = useState(todayInZone());
  const to = dayjs(from).add(SPAN - 1, 'day').format('YYYY-MM-DD');
  const cal = useApiQuery(['operations-calendar', from], async () => unwrap(await client.GET('/api/v1/operations-calendar', { params: { query: { from, to } } })));
  const shift = (days: number) => setFrom(dayjs(from).add(days, 'day').format('YYYY-MM-DD'));
  const weekday = (d: string) => dayjs(d).locale(lang === 'zh' ? 'zh-cn' : 'en').format('ddd');

  return (
    <div data-testid="calendar-page">
      <div className="page-head">
        <h2>{t('cal.title')}</h2>
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => shift(-SPAN)} aria-label={t('cal.prev')} />
          <Button onClick={() => setFrom(todayInZone())}>{t('cal.today')}</Button>
          <Button icon={<RightOutlined />} onClick={() => shift(SPAN)} aria-label={t('cal.next')} data-testid="calendar-next" />
        </Space>
      </div>
      <p className="page-hint">{t('cal.hint')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="red">{t('cal.legend.holiday')}</Tag><Tag color="orange">{t('cal.legend.touch')}</Tag>
        <Tag color="blue">{t('cal.legend.send')}</Tag><Tag color="green">{t('cal.legend.sop')}</Tag>
      </Space>
      {cal.error ? <ErrorState error={cal.error} onRetry={cal.reload} /> : (
        <Row gutter={[8, 8]} data-testid="calendar-days">
          {(cal.data?.days ?? []).map((d) => (
            <Col key={d.date} style={{ flex: '0 0 14.28%', maxWidth: '14.28%', minWidth: 150 }}>
              <DayCard day={d} weekday={weekday(d.date)} today={d.date === todayInZone()} />
            </Col>
          ))}
        </Row>
      )}
      {manager && <HolidaysCard />}
    </div>
  );
}

function DayCard({ day, weekday, today }: { day: Day; weekday: string; today: boolean }) {
  const { t, lang } = useI18n();
  const empty = day.holidays.length + day.touches.length + day.scheduledSends.length + day.sopSteps.length + day.items.length === 0 && day.tasks.pending + day.tasks.done === 0;
  return (
    <Card size="small" data-testid={`calendar-day-${day.date}`} style={{ height: '100%', borderColor: today ? '#13a38b' : undefined }}
      title={<span>{day.date.slice(5)} <span className="muted">{weekday}</span></span>}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {day.holidays.map((h) => <Tag key={`${h.name}`} color="red">{h.label[lang]}</Tag>)}
        {day.touches.map((x) => (
          <Tooltip key={`${x.ruleId}-${x.occurrence}`} title={`${x.label[lang]} ${x.occurrence}${x.enabled ? '' : ` ${t('cal.touchOff')}`}`}>
            <Tag color={x.enabled ? 'orange' : 'default'} style={{ whiteSpace: 'normal' }}>{t('cal.touch', { rule: x.rule, n: x.customers })}</Tag>
          </Tooltip>
        ))}
        {day.scheduledSends.map((s) => (
          <Tooltip key={s.scheduleId} title={s.content}>
            <Link to="/mass-messages"><Tag color="blue" style={{ whiteSpace: 'normal' }}>{t('cal.send', { time: fmtDateTime(s.sendAt).slice(11), title: s.title })}</Tag></Link>
          </Tooltip>
        ))}
        {day.sopSteps.map((s) => (
          <Tooltip key={s.sopId} title={s.delivered > 0 ? t('cal.sopDone', { n: s.delivered }) : undefined}>
            <Tag color="green" style={{ whiteSpace: 'normal' }}>{t('cal.sop', { name: s.sop, n: s.scheduled + s.delivered })}</Tag>
          </Tooltip>
        ))}
        {day.items.map((i) => <Tag key={`${i.kind}-${i.id}`}>{i.title}</Tag>)}
        {day.tasks.pending + day.tasks.done > 0 && (
          <Link to="/tasks" className="muted" style={{ fontSize: 12 }}>{t('cal.tasks', { pending: day.tasks.pending, done: day.tasks.done })}</Link>
        )}
        {empty && <span className="muted" style={{ fontSize: 12 }}>{t('cal.nothing')}</span>}
      </Space>
    </Card>
  );
}

function HolidaysCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const from = todayInZone();
  const list = useApiQuery(['holidays', from], async () => unwrap(await client.GET('/api/v1/holidays', { params: { query: { from } } })));
  const [name, setName] = useState('');
  const [date, setDate] = useState<Dayjs | null>(null);
  const add = async () => {
    if (!name.trim() || !date) { message.error(t('cal.needDay')); return; }
    try {
      const r = unwrap(await client.POST('/api/v1/holidays', { body: { days: [{ date: date.format('YYYY-MM-DD'), name: name.trim() }] } }));
      if (r.errors.length > 0) message.error(r.errors.map((e) => e.reason).join('; '));
      else message.success(t('cal.added', { n: r.added.length }));
      list.reload();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  const remove = async (h: Holiday) => {
    try {
      unwrap(await client.DELETE('/api/v1/holidays/{id}', { params: { path: { id: h.holidayId! } } }));
      message.success(t('cal.removed'));
      list.reload();
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  return (
    <Card size="small" title={t('cal.holidays')} style={{ marginTop: 16 }} data-testid="holidays-card">
      <p className="muted" style={{ marginTop: 0 }}>{t('cal.holidaysHint')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input placeholder={t('cal.dayName')} value={name} onChange={(e) => setName(e.target.value)} maxLength={40} style={{ width: 200 }} data-testid="holiday-name" />
        <DatePicker value={date} onChange={setDate} placeholder={t('cal.dayDate')} data-testid="holiday-date" />
        <Button icon={<PlusOutlined />} onClick={() => void add()} data-testid="holiday-add">{t('cal.addDay')}</Button>
      </Space>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (
        <List size="small" loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: <Empty description={t('common.empty')} /> }}
          grid={{ gutter: 8, xs: 1, sm: 2, md: 3, xl: 4 }}
          renderItem={(h) => (
            <List.Item>
              <Space>
                <span>{h.date}</span>
                <Tag color={h.source === 'builtin' ? 'red' : 'purple'}>{h.label[lang]}</Tag>
                <span className="muted">{h.source === 'builtin' ? t('cal.builtin') : t('cal.own')}</span>
                {h.holidayId !== null && (
                  <Popconfirm title={t('cal.removeConfirm')} onConfirm={() => void remove(h)}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                )}
              </Space>
            </List.Item>
          )} />
      )}
    </Card>
  );
}
