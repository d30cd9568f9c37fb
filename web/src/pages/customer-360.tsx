import { App, Avatar, Button, Card, Col, Descriptions, Empty, Input, List, Popconfirm, Row, Select, Space, Statistic, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined, PushpinOutlined, UnlockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { optional } from '../api/client.ts';
import type { Customer, CustomerModels, Evidence, GuidanceZhEn } from '../api/types.ts';
import { ErrorState, LoadingState, errorText } from '../components/states.tsx';
import { RfmTag, TierTag, TrustTag } from '../components/tags.tsx';
import { TagPicker } from '../components/tag-picker.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { fmtPhone, useChannelName, useStaffName } from '../api/query.ts';
import { markTask } from './tasks.tsx';
import { client, unwrap, type Answer } from '../api/typed.ts';
import { fmtDate, fmtDateTime, fmtNumber } from '../lib/format.ts';
import { useApiQuery } from '../api/query.ts';
import { FollowupsCard, RecordCard } from './customer-record.tsx';
import { CouponsCard } from './customer-coupons.tsx';

const ECOM = ['新进', '首购', '复购', '超级用户'];
const SALES = ['陌生', '潜在', '意向', '首单', '复购', '超级用户'];
const TIERS = ['普通', '一般价值', '中等价值', '高价值', '核心'];

type TimelinePage = Answer<'/api/v1/customers/{id}/timeline'>;
type TimelineEntry = TimelinePage['items'][number];

/** Predicted value: P(alive), expected purchases and CLV, with what they mean in plain words. */
function ClvCard({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const clv = useApiQuery(['customer-360.clv', customerId], async () => unwrap(await client.GET('/api/v1/customers/{id}/clv', { params: { path: { id: customerId } } })));
  const p = clv.data?.prediction;
  const money = (v: number) => `¥${v.toLocaleString(undefined, { maximumFractionDigits: 0 })}`;
  return (
    <Card title={t('c360.clv')} size="small" data-testid="c360-clv" loading={clv.loading}>
      {clv.error ? <ErrorState error={clv.error} onRetry={clv.reload} /> : !p ? <span className="muted">{t('c360.clv.none')}</span> : (
        <>
          <Row gutter={8}>
            <Col span={8}><Statistic title={t('c360.clv.pAlive')} value={`${Math.round(p.pAlive * 100)}%`} styles={{ content: { fontSize: 18 } }} /></Col>
            <Col span={8}><Statistic title={t('c360.clv.purchases', { n: p.horizonMonths })} value={p.expectedPurchases.toFixed(1)} styles={{ content: { fontSize: 18 } }} /></Col>
            <Col span={8}><Statistic title={t('c360.clv.value', { n: p.horizonMonths })} value={money(p.clv)} styles={{ content: { fontSize: 18 } }} /></Col>
          </Row>
          <p style={{ marginTop: 12, marginBottom: 0 }} data-testid="c360-clv-explain">
            {t('c360.clv.explain', {
              x: p.x + 1, alive: Math.round(p.pAlive * 100), n: p.horizonMonths, e: p.expectedPurchases.toFixed(1), s: money(p.expectedSpend), v: money(p.clv), d: p.calibrationEnd,
            })}
          </p>
          <p className="muted" style={{ marginTop: 6, marginBottom: 0 }}>{t('c360.clv.how', { r: (p.monthlyDiscount * 100).toFixed(0) })}</p>
        </>
      )}
    </Card>
  );
}

function items<T>(v: T[] | { items: T[] } | null | undefined): T[] { return !v ? [] : Array.isArray(v) ? v : v.items ?? []; }

export function Customer360Page() {
  const { id } = useParams();
  const { t, tv, lang } = useI18n();
  const { message } = App.useApp();
  const staffName = useStaffName();
  const channelName = useChannelName();
  const orders = useApiQuery(['customer-orders', id], async () => unwrap(await client.GET('/api/v1/customers/{id}/orders', { params: { path: { id: Number(id) }, query: { limit: 20 } } })));
  const cust = useApiQuery(['customer-360.cust', id], async () => unwrap(await client.GET('/api/v1/customers/{id}', { params: { path: { id: Number(id) } } })));
  const journeys = useApiQuery(['customer-360.journeys', id], async () => {
    const r = await optional(client.GET('/api/v1/customers/{id}/journeys', { params: { path: { id: Number(id) } } }).then(unwrap));
    return r === null ? null : r.positions;
  });
  const tasks = useApiQuery(['customer-360.tasks', id], () => optional(client.GET('/api/v1/tasks', { params: { query: { customer: Number(id), limit: 20 } } }).then(unwrap)));
  const [newTag, setNewTag] = useState<number>();

  if (cust.error) return <ErrorState error={cust.error} onRetry={cust.reload} />;
  if (!cust.data) return <LoadingState rows={12} />;
  const c = cust.data;
  const m = c.models;
  const agg = c.aggregates as Record<string, string | number | null>;

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try { await fn(); message.success(ok); cust.reload(); journeys.reload(); } catch (e) { message.error(errorText(e, t)); }
  };
  const addTag = () => newTag && act(async () => unwrap(await client.POST('/api/v1/customers/{id}/tags', { params: { path: { id: c.customerId } }, body: { tag: newTag, reason: 'console' } })), t('common.saved')).then(() => setNewTag(undefined));

  const groups = new Map<string, typeof c.tags>();
  for (const tg of c.tags) groups.set(tg.group, [...(groups.get(tg.group) ?? []), tg]);

  return (
    <div data-testid="customer-360">
      <div className="page-head">
        <Space>
          <Link to="/customers"><Button icon={<ArrowLeftOutlined />}>{t('c360.back')}</Button></Link>
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Space align="center" size={16} wrap>
          <Avatar size={56} style={{ background: '#13a38b', fontSize: 24 }} icon={c.name ? undefined : <UserOutlined />}>{c.name?.slice(0, 1)}</Avatar>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">{c.name ?? t('cust.unnamed')} <span className="muted" style={{ fontSize: 14 }}>#{c.customerId}</span></Typography.Title>
            <Space size={4} wrap style={{ marginTop: 6 }}>
              {m && <TrustTag level={m.trust.level} pinned={m.trust.pinned !== null} />}
              {m && <TierTag tier={m.valueTier.tier} />}
              {m?.rfm && <RfmTag segment={m.rfm.segment} />}
              {!c.wecomFriend && <Tag color="orange">{t('cust.notFriend')}</Tag>}
              {c.contactRemoved && <Tag color="red">contact removed</Tag>}
            </Space>
          </div>
          <div style={{ flex: 1 }} />
          <Statistic title={t('c360.paidOrders')} value={Number(agg.paidOrders ?? 0)} />
          <Statistic title={t('c360.paidAmount')} prefix="¥" value={String(agg.paidAmount ?? '0.00')} />
          <Statistic title={t('c360.chatRounds')} value={Number(agg.chatRounds ?? 0)} />
          <Statistic title={t('c360.score')} value={m ? m.engagement.toFixed(1) : '—'} />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('c360.profile')} size="small">
              <Descriptions column={1} size="small" items={[
                { key: 'id', label: t('c360.identities'), children: <Space orientation="vertical" size={2}>{c.identities.map((i) => <span key={i.kind + i.value}><Tag>{t(`ident.${i.kind}` as MsgKey)}</Tag><Typography.Text copyable={{ text: i.value }} data-testid={`identity-${i.kind}`} data-raw>{i.kind === 'phone' ? fmtPhone(i.value) : i.value}</Typography.Text></span>)}</Space> },
                { key: 'owner', label: t('c360.owner'), children: staffName(c.ownerStaff) },
                { key: 'followers', label: t('c360.followers'), children: c.followers.filter((f) => !f.removedAt).map((f) => <Tag key={f.staffId}>{staffName(f.staffId)}</Tag>) },
                { key: 'channel', label: t('c360.channel'), children: channelName(c.channel) },
                ...(c.campaign ? [{ key: 'campaign', label: t('c360.campaign'), children: c.campaign }] : []),
                { key: 'gender', label: t('c360.gender'), children: tv(c.gender ?? 'unknown') },
                { key: 'added', label: t('c360.addedAt'), children: fmtDateTime(c.addedAt) },
                { key: 'last', label: t('c360.lastInteraction'), children: fmtDateTime(agg.lastInteractionAt as string | null) },
                { key: 'events', label: t('c360.events'), children: fmtNumber(Number(agg.events ?? 0)) },
              ]} />
            </Card>
            <RecordCard customerId={c.customerId} />
            <FollowupsCard customerId={c.customerId} onTask={tasks.reload} />
            <CouponsCard customerId={c.customerId} onChange={tasks.reload} />
            <Card title={t('c360.tags')} size="small" data-testid="customer-tags" extra={
              <Space.Compact>
                <TagPicker value={newTag} onChange={(v) => setNewTag(v)} placeholder={t('c360.addTag')} style={{ width: 200 }} />
                <Button type="primary" disabled={!newTag} onClick={() => void addTag()}>{t('c360.addTag')}</Button>
              </Space.Compact>
            }>
              {[...groups.entries()].map(([g, tags]) => (
                <div key={g} style={{ marginBottom: 10 }}>
                  <div className="muted" style={{ fontSize: 12, marginBottom: 4 }}>{tv(tags[0]!.category)} / {tv(g)}</div>
                  {tags.map((tg) => (
                    <Tooltip key={tg.tagId} title={`${t('c360.tagSource', { source: tg.source + (tg.sourceId ? `:${tg.sourceId}` : ''), at: fmtDateTime(tg.taggedAt) })}${tg.reason ? ` · ${tg.reason}` : ''}`}>
                      <Tag color={tg.category === '系统模型' ? 'geekblue' : 'green'} closable={tg.category !== '系统模型'}
                        onClose={(e) => { e.preventDefault(); void act(async () => unwrap(await client.DELETE('/api/v1/customers/{id}/tags/{tagId}', { params: { path: { id: c.customerId, tagId: tg.tagId } } })), t('common.deleted')); }}>
                        {tv(tg.tag)}
                      </Tag>
                    </Tooltip>
                  ))}
                </div>
              ))}
            </Card>
            <Card title={t('c360.journeys')} size="small" data-testid="customer-journeys">
              {journeys.data === null ? <span className="muted">{t('common.notReady', { path: 'journeys' })}</span>
                : items(journeys.data).length === 0 ? <span className="muted">{t('c360.journeys.none')}</span>
                : items(journeys.data).map((j, i) => (
                  <div key={i} style={{ marginBottom: 6 }}>
                    <Link to={`/journeys/${j.journeyId}`}><b>{tv(j.journey)}</b></Link> → <Tag color="purple" data-testid="journey-stage">{tv(j.stage)}</Tag>
                    <span className="muted">{j.enteredAt ? t('c360.journeys.since', { at: fmtDate(j.enteredAt) }) : ''}</span>
                  </div>
                ))}
            </Card>
            <Card title={t('c360.orders', { n: orders.data?.total ?? 0 })} size="small" data-testid="c360-orders">
              {orders.error ? <ErrorState error={orders.error} onRetry={orders.reload} /> : !orders.data ? null : orders.data.items.length === 0 ? <span className="muted">{t('c360.orders.none')}</span> : (
                <List size="small" dataSource={orders.data.items} renderItem={(o) => (
                  <List.Item extra={<span>¥{o.amount ?? '—'}{o.refunded !== '0.00' && <Tag color="orange" style={{ marginLeft: 6 }}>{t('c360.orders.refunded', { amount: o.refunded })}</Tag>}</span>}>
                    <List.Item.Meta title={<span data-raw>{o.orderId}</span>} description={`${fmtDateTime(o.paidAt)}${o.platform ? ` · ${o.platform}` : ''}`} />
                  </List.Item>
                )} />
              )}
            </Card>
            <Card title={t('c360.tasks')} size="small">
              {tasks.data === null ? <span className="muted">{t('common.notReady', { path: '/api/v1/tasks' })}</span>
                : items(tasks.data).length === 0 ? <span className="muted">{t('c360.tasks.none')}</span>
                : <List size="small" dataSource={items(tasks.data)} renderItem={(k) => (
                  <List.Item data-testid="c360-task" extra={<Space size={4}>
                    <Tag color={k.status === 'pending' ? 'blue' : k.status === 'sent' ? 'green' : undefined}>{t(`tasks.status.${k.status}` as MsgKey)}</Tag>
                    {k.status === 'pending' && <Button size="small" type="primary" data-testid="c360-task-sent"
                      onClick={() => void markTask(k.taskId, 'sent').then(() => { message.success(t('tasks.marked', { status: t('tasks.status.sent') })); tasks.reload(); }, (e: unknown) => message.error(errorText(e, t)))}>{t('tasks.markSent')}</Button>}
                  </Space>}>
                    <List.Item.Meta title={k.title} description={`${fmtDateTime(k.dueAt)} · ${staffName(k.staffId)}`} />
                  </List.Item>
                )} />}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={15}>
          {!m ? <Card><Empty description="—" /></Card> : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <TrustCard c={c} m={m} onDone={cust.reload} />
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Card title={t('c360.lifecycle')} size="small" style={{ height: '100%' }}>
                    <div className="muted" style={{ marginBottom: 6 }}>{t('c360.lifeEcom')}</div>
                    <StagePath stages={ECOM} current={m.lifecycle.ecommerce.value} />
                    <div className="muted" style={{ margin: '14px 0 6px' }}>{t('c360.lifeSales')}</div>
                    <StagePath stages={SALES} current={m.lifecycle.sales.value} />
                    {m.lifecycle.ecommerce.guidance && <p style={{ marginTop: 12, marginBottom: 0 }}><b>{t('c360.goal')}：</b>{m.lifecycle.ecommerce.guidance[lang].goal}</p>}
                  </Card>
                </Col>
                <Col xs={24} md={12}>
                  <Card title={t('c360.rfm')} size="small" style={{ height: '100%' }} extra={m.rfm && <RfmTag segment={m.rfm.segment} />}>
                    {!m.rfm ? <span className="muted">{t('c360.rfm.none')}</span> : (
                      <>
                        <Row gutter={8}>
                          <Col span={8}><Statistic title={`R · ${t('c360.rfm.r')}`} value={t('c360.rfm.days', { n: m.rfm.r })} styles={{ content: { fontSize: 18 } }} /></Col>
                          <Col span={8}><Statistic title={`F · ${t('c360.rfm.f')}`} value={m.rfm.f} styles={{ content: { fontSize: 18 } }} /></Col>
                          <Col span={8}><Statistic title={`M · ${t('c360.rfm.m')}`} value={`¥${m.rfm.m}`} styles={{ content: { fontSize: 18 } }} /></Col>
                        </Row>
                        <p style={{ marginTop: 12, marginBottom: 0 }}><b>{t('c360.goal')}：</b>{m.rfm.guidance[lang].goal}</p>
                      </>
                    )}
                  </Card>
                </Col>
              </Row>
              <TierCard c={c} m={m} onDone={cust.reload} />
              <ClvCard customerId={c.customerId} />
              <Card title={t('c360.timeline')} size="small" data-testid="customer-timeline">
                <TimelineView customerId={c.customerId} />
              </Card>
            </Space>
          )}
        </Col>
      </Row>
    </div>
  );
}

/** A lifecycle path: passed stages filled, the current one highlighted, the rest outlined. */
function StagePath({ stages, current }: { stages: string[]; current: string | null }) {
  const { tv } = useI18n();
  const at = stages.indexOf(current ?? '');
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
      {stages.map((s, i) => (
        <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <Tag style={{ margin: 0, fontWeight: i === at ? 700 : 400 }} color={i === at ? '#13a38b' : i < at ? 'cyan' : undefined}>{tv(s)}</Tag>
          {i < stages.length - 1 && <span className="muted">›</span>}
        </span>
      ))}
    </div>
  );
}

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { lang } = useI18n();
  return <ul className="evidence" style={{ paddingLeft: 18, margin: 0 }} data-testid="evidence">{evidence.map((e, i) => <li key={i}>{e[lang]}{e.at ? <span className="muted"> · {fmtDate(e.at)}</span> : null}</li>)}</ul>;
}

function GuidanceBlock({ g }: { g: GuidanceZhEn }) {
  const { t, lang } = useI18n();
  const x = g[lang];
  return (
    <div data-testid="guidance">
      <p style={{ margin: '0 0 6px' }}><b>{t('c360.goal')}：</b>{x.goal}</p>
      <Row gutter={12}>
        <Col span={14}><div style={{ color: '#0f7f6c', fontWeight: 600 }}>✓ {t('c360.do')}</div><ul style={{ paddingLeft: 18, margin: '4px 0' }}>{x.actions.map((a) => <li key={a}>{a}</li>)}</ul></Col>
        <Col span={10}><div style={{ color: '#cf1322', fontWeight: 600 }}>✗ {t('c360.avoid')}</div><ul style={{ paddingLeft: 18, margin: '4px 0' }}>{x.avoid.map((a) => <li key={a}>{a}</li>)}</ul></Col>
      </Row>
    </div>
  );
}

function PinControl({ c, model, options, pinned, onDone }: { c: Customer; model: 'trust' | 'value_tier'; options: { value: string; label: string }[]; pinned: boolean; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<string>();
  const [reason, setReason] = useState('');
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try { await fn(); message.success(ok); onDone(); } catch (e) { message.error(errorText(e, t)); }
  };
  return (
    <Space wrap>
      <Select size="small" style={{ width: 150 }} placeholder={model === 'trust' ? t('c360.pin') : t('c360.pinTier')} value={value} onChange={setValue} options={options} data-testid={`pin-${model}`} />
      <Input size="small" style={{ width: 160 }} placeholder={t('c360.pinReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button size="small" icon={<LockOutlined />} disabled={!value} onClick={() => void run(async () => unwrap(await client.PUT('/api/v1/customers/{id}/pins/{model}', { params: { path: { id: c.customerId, model } }, body: { value: value!, ...(reason ? { reason } : {}) } })), t('c360.pinDone', { v: value ?? '' }))}>{model === 'trust' ? t('c360.pin') : t('c360.pinTier')}</Button>
      {pinned && (
        <Popconfirm title={t('c360.unpin')} onConfirm={() => void run(async () => unwrap(await client.DELETE('/api/v1/customers/{id}/pins/{model}', { params: { path: { id: c.customerId, model } } })), t('c360.unpinDone'))}>
          <Button size="small" icon={<UnlockOutlined />} danger>{t('c360.unpin')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function TrustCard({ c, m, onDone }: { c: Customer; m: CustomerModels; onDone(): void }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" data-testid="trust-card"
      title={<Space>{t('c360.trust')}<TrustTag level={m.trust.level} pinned={m.trust.pinned !== null} />{m.trust.pinned !== null && <Tag icon={<PushpinOutlined />} color="orange">{t('c360.pinned')} · {t('c360.computed', { v: `L${m.trust.computed}` })}</Tag>}</Space>}
      extra={<span className="muted">{t('c360.asOf', { at: fmtDateTime(m.asOf) })}</span>}>
      <Row gutter={16}>
        <Col xs={24} md={9}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('c360.evidence')}</div>
          <EvidenceList evidence={m.trust.evidence} />
        </Col>
        <Col xs={24} md={15}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('c360.guidance')} · {m.trust.guidance[lang].label}</div>
          <GuidanceBlock g={m.trust.guidance} />
        </Col>
      </Row>
      <div style={{ marginTop: 8 }}>
        <PinControl c={c} model="trust" pinned={m.trust.pinned !== null} onDone={onDone} options={[0, 1, 2, 3, 4, 5].map((l) => ({ value: `L${l}`, label: `L${l}` }))} />
      </div>
    </Card>
  );
}

function TierCard({ c, m, onDone }: { c: Customer; m: CustomerModels; onDone(): void }) {
  const { t, tv } = useI18n();
  return (
    <Card size="small" title={<Space>{t('c360.tier')}<TierTag tier={m.valueTier.tier} />{m.valueTier.pinned && <Tag icon={<PushpinOutlined />} color="orange">{t('c360.pinned')} · {t('c360.computed', { v: tv(m.valueTier.computed) })}</Tag>}</Space>}>
      <Row gutter={16}>
        <Col xs={24} md={9}><EvidenceList evidence={m.valueTier.evidence} /></Col>
        <Col xs={24} md={15}><GuidanceBlock g={m.valueTier.guidance} /></Col>
      </Row>
      <div style={{ marginTop: 8 }}>
        <PinControl c={c} model="value_tier" pinned={m.valueTier.pinned !== null} onDone={onDone} options={TIERS.map((x) => ({ value: x, label: tv(x) }))} />
      </div>
    </Card>
  );
}

/** Names for what the timeline shows, zh first; an unknown type shows as it is. */
const TL_NAMES: Record<string, { zh: string; en: string }> = {
  trust: { zh: '信任等级', en: 'Trust level' }, value_tier: { zh: '价值分层', en: 'Value tier' }, rfm: { zh: 'RFM 分层', en: 'RFM segment' },
  lifecycle_ecommerce: { zh: '生命周期·电商', en: 'Lifecycle · e-commerce' }, lifecycle_sales: { zh: '生命周期·高客单', en: 'Lifecycle · high-ticket' },
  'contact.added': { zh: '添加好友', en: 'Added as contact' }, 'contact.removed': { zh: '删除好友', en: 'Contact removed' },
  'message.received': { zh: '收到消息', en: 'Message received' }, 'message.sent': { zh: '发出消息', en: 'Message sent' },
  'moment.liked': { zh: '朋友圈点赞', en: 'Liked a Moment' }, 'moment.commented': { zh: '朋友圈评论', en: 'Commented on a Moment' },
  'group.joined': { zh: '入群', en: 'Joined a group' }, 'group.left': { zh: '退群', en: 'Left a group' }, 'group.message': { zh: '群内发言', en: 'Group message' },
  'content.viewed': { zh: '浏览内容', en: 'Viewed content' }, 'content.shared': { zh: '分享内容', en: 'Shared content' },
  'product.viewed': { zh: '点击商品', en: 'Clicked a product' }, 'cart.added': { zh: '加入购物车', en: 'Added to cart' },
  'form.submitted': { zh: '提交表单', en: 'Submitted a form' }, 'campaign.joined': { zh: '参加活动', en: 'Joined a campaign' },
  'coupon.issued': { zh: '领券', en: 'Coupon issued' }, 'coupon.redeemed': { zh: '用券', en: 'Coupon redeemed' },
  'order.paid': { zh: '付款', en: 'Paid an order' }, 'order.refunded': { zh: '退款', en: 'Refund' },
  'complaint.filed': { zh: '投诉', en: 'Complaint' }, 'referral.made': { zh: '转介绍', en: 'Referral' },
  'tag.added': { zh: '打上', en: 'added' }, 'tag.removed': { zh: '移除', en: 'removed' }, 'tag.replaced': { zh: '被替换', en: 'replaced' },
  'tag.expired': { zh: '过期', en: 'expired' }, 'tag.updated': { zh: '更新', en: 'updated' }, 'tag.merged': { zh: '合并', en: 'merged' },
  private_chat: { zh: '私聊', en: 'private chat' }, group: { zh: '社群', en: 'group' }, moments: { zh: '朋友圈', en: 'Moments' },
  article: { zh: '文章', en: 'article' }, mini_program: { zh: '小程序', en: 'mini program' }, shop: { zh: '店铺', en: 'shop' }, store: { zh: '门店', en: 'store' },
  event: { zh: '事件', en: 'event' }, recompute: { zh: '重新计算', en: 'recompute' }, pin: { zh: '手动锁定', en: 'pinned' }, config: { zh: '参数变更', en: 'settings' }, merge: { zh: '合并', en: 'merge' },
};

const TASK_KINDS = ['sop_step', 'rule', 'mass_message', 'care', 'manual'];
const TASK_STATUSES = ['pending', 'sent', 'skipped', 'failed', 'suppressed', 'cancelled'];
const KIND_COLOR: Record<TimelineEntry['kind'], string> = { event: 'blue', tag: 'green', model: 'gray', stage: 'purple', task: 'orange' };

/** The customer's timeline from the API, newest first, with "older" pages on demand. */
function TimelineView({ customerId }: { customerId: number }) {
  const staffName = useStaffName();
  const { t, tv, lang } = useI18n();
  const nm = (v: string) => TL_NAMES[v]?.[lang] ?? tv(v);
  const [more, setMore] = useState<TimelineEntry[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const first = useApiQuery(['customer-360.first', customerId], async () => {
    const p = unwrap(await client.GET('/api/v1/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: 30 } } }));
    setMore([]); setNext(p.nextBefore);
    return p;
  });
  if (first.error) return <ErrorState error={first.error} onRetry={first.reload} />;
  if (!first.data) return <LoadingState />;
  const rows = [...first.data.items, ...more];
  if (rows.length === 0) return <span className="muted">{t('c360.timeline.none')}</span>;
  const loadMore = async () => {
    if (!next) return;
    setBusy(true); setMoreError(undefined);
    try {
      const p = unwrap(await client.GET('/api/v1/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: 30, before: next } } }));
      setMore((m) => [...m, ...p.items]); setNext(p.nextBefore);
    } catch (e) { setMoreError(e); } finally { setBusy(false); }
  };
  const title = (e: TimelineEntry) => {
    if (e.kind === 'event') return nm(e.type);
    if (e.kind === 'model') return `${t('c360.tl.model')} · ${nm(e.type)}`;
    if (e.kind === 'stage') return `${t('c360.tl.stage')} · ${t(e.type === 'left' ? 'c360.tl.left' : 'c360.tl.entered')}`;
    if (e.kind === 'tag') return `${t('c360.tl.tag')} · ${nm(e.type)}`;
    return `${t('c360.tl.task')} · ${TASK_KINDS.includes(e.type) ? t(`tasks.kind.${e.type}` as MsgKey) : tv(e.type)}`;
  };
  const text = (e: TimelineEntry) => {
    if (e.kind === 'model') return `${tv(String(e.details.from ?? '—'))} → ${tv(String(e.details.to ?? '—'))} (${nm(String(e.details.cause ?? ''))})`;
    // A task's summary is "title · status": the status as words.
    if (e.kind === 'task' && TASK_STATUSES.includes(String(e.details.status))) return `${String(e.details.title ?? '')} · ${t(`tasks.status.${String(e.details.status)}` as MsgKey)}`;
    return e.summary;
  };
  return (
    <>
      <Timeline items={rows.map((e) => ({
        key: `${e.kind}:${e.id}`, color: e.kind === 'event' && e.type.startsWith('order') ? 'green' : KIND_COLOR[e.kind],
        content: (
          <div data-testid="timeline-entry" data-kind={e.kind}>
            <b>{title(e)}</b> <span className="muted">{fmtDateTime(e.at)}</span>
            <div>{[text(e), e.touchpoint && nm(e.touchpoint), e.staffId && staffName(e.staffId)].filter(Boolean).join(' · ')}</div>
          </div>
        ),
      }))} />
      {moreError ? <ErrorState error={moreError} onRetry={() => void loadMore()} /> : null}
      {next && <Button size="small" loading={busy} onClick={() => void loadMore()} data-testid="timeline-more">{t('c360.timeline.more')}</Button>}
    </>
  );
}
