/**
 * A rule as a form: WHEN (trigger) · IF (conditions, with the filter builder) · THEN (actions).
 * It edits the same definition the JSON view shows; what the form cannot show stays as it is.
 */
import { Alert, Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { client, unwrap, type Schemas } from '../api/typed.ts';
import { useApiQuery } from '../api/query.ts';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { emptyBuilder, FilterBuilder, fromFilter, sameJson, toFilter, useFields, type BuilderState } from './filter-builder.tsx';
import { CouponPicker, SopPicker, StagePicker, TagPathPicker } from './pickers.tsx';

type Trigger = Schemas['RuleTrigger'];
type Action = Schemas['RuleAction'];
type EventName = Extract<Trigger, { kind: 'event' }>['event'];
export type RuleDef = { name: string; description?: string; trigger: Trigger; if?: unknown; actions: Action[]; [k: string]: unknown };

/** Every event type the server knows (the typecheck fails when the server adds or drops one). */
const EVENT_NAMES: Record<EventName, true> = {
  'contact.added': true, 'contact.removed': true, 'message.received': true, 'message.sent': true, 'moment.liked': true, 'moment.commented': true,
  'group.joined': true, 'group.left': true, 'group.message': true, 'content.viewed': true, 'content.shared': true, 'product.viewed': true, 'cart.added': true, 'form.submitted': true,
  'campaign.joined': true, 'coupon.issued': true, 'coupon.redeemed': true, 'order.paid': true, 'order.refunded': true, 'complaint.filed': true, 'referral.made': true,
};
export const EVENTS = Object.keys(EVENT_NAMES) as EventName[];
const KINDS: Trigger['kind'][] = ['event', 'tagAdded', 'tagRemoved', 'stageEntered', 'stageLeft', 'model', 'elapsed', 'recurring', 'date', 'holiday'];
/** Customer dates a calendar rule can follow. */
const DATE_FIELDS = ['birthday', 'firstOrder', 'added'] as const;
const FESTIVALS = ['春节', '元宵', '端午', '七夕', '中秋', '国庆'];
const ACTIONS: Action['type'][] = ['task', 'tag', 'untag', 'moveStage', 'startSop', 'webhook'];
const MODELS = ['trust', 'lifecycle_ecommerce', 'lifecycle_sales', 'rfm', 'value_tier'] as const;

function defaultTrigger(kind: Trigger['kind']): Trigger {
  switch (kind) {
    case 'event': return { kind, event: 'order.paid' };
    case 'model': return { kind, model: 'trust' };
    case 'elapsed': return { kind, tag: '', days: 7 };
    case 'recurring': return { kind, tag: '', everyDays: 14 };
    case 'date': return { kind, field: 'firstOrder', daysBefore: 0, hour: 9 };
    case 'holiday': return { kind, holiday: '春节', daysBefore: 1, hour: 9 };
    case 'stageEntered': case 'stageLeft': return { kind, stage: '' };
    default: return { kind, tag: '' };
  }
}
function defaultAction(type: Action['type']): Action {
  switch (type) {
    case 'task': return { type, title: '', content: '', purpose: 'service', channel: 'private_chat', dueInHours: 0 };
    case 'moveStage': return { type, journey: '', stage: '' };
    case 'startSop': return { type, sop: '' };
    case 'webhook': return { type, url: 'https://' };
    default: return { type, tag: '' };
  }
}

export function RuleBuilder({ value, onChange }: { value: RuleDef; onChange(v: RuleDef): void }) {
  const { t } = useI18n();
  const fields = useFields();
  const list = fields.data?.fields ?? [];
  const [edited, setEdited] = useState<BuilderState>();
  // The rows the form edits; a condition changed in the JSON view (or just loaded) is read
  // back into rows, item by item, unless it is more than the rows can show.
  const builder = edited && sameJson(toFilter(edited, list), value.if) ? edited : fields.data ? fromFilter(value.if, list) : emptyBuilder();
  const set = (patch: Partial<RuleDef>) => onChange({ ...value, ...patch });
  const tr = value.trigger;
  const setTrigger = (patch: Partial<Trigger>) => set({ trigger: { ...tr, ...patch } as Trigger });
  const setAction = (i: number, a: Action) => set({ actions: value.actions.map((x, j) => (j === i ? a : x)) });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rule-builder">
      <Space wrap>
        <Input style={{ width: 280 }} value={value.name} onChange={(e) => set({ name: e.target.value })} placeholder={t('rules.name')} data-testid="rb-name" />
        <Input style={{ width: 360 }} value={value.description ?? ''} onChange={(e) => set({ description: e.target.value || undefined })} placeholder={t('rb.description')} />
      </Space>
      <Card size="small" title={t('rb.when')}>
        <Space wrap>
          <Select style={{ width: 200 }} value={tr.kind} onChange={(k: Trigger['kind']) => set({ trigger: defaultTrigger(k) })} data-testid="rb-trigger-kind"
            options={KINDS.map((k) => ({ value: k, label: t(`rb.trigger.${k}` as MsgKey) }))} />
          {tr.kind === 'event' && <Select showSearch style={{ width: 240 }} value={tr.event} onChange={(event: EventName) => setTrigger({ event })} data-testid="rb-event"
            options={EVENTS.map((e) => ({ value: e, label: t(`event.${e}` as MsgKey) }))} />}
          {(tr.kind === 'tagAdded' || tr.kind === 'tagRemoved' || tr.kind === 'elapsed') && <TagPathPicker value={tr.tag || undefined} onChange={(tag) => setTrigger({ tag: tag ?? '' })} includeSystem />}
          {(tr.kind === 'stageEntered' || tr.kind === 'stageLeft') && <StagePicker value={tr.stage || undefined} onChange={(stage) => setTrigger({ stage: stage ?? '' })} testId="rb-stage" />}
          {tr.kind === 'elapsed' && <>
            <InputNumber min={1} max={3650} value={tr.days} onChange={(days) => setTrigger({ days: days ?? 1 })} addonAfter={t('rb.days')} />
            <Select allowClear style={{ width: 220 }} placeholder={t('rb.withoutEvent')} value={tr.withoutEvent} onChange={(withoutEvent?: EventName) => setTrigger({ withoutEvent })}
              options={EVENTS.map((e) => ({ value: e, label: t(`event.${e}` as MsgKey) }))} />
          </>}
          {tr.kind === 'recurring' && <>
            <TagPathPicker value={tr.tag || undefined} onChange={(tag) => setTrigger({ tag: tag ?? '' })} includeSystem />
            <InputNumber min={1} max={365} value={tr.everyDays} onChange={(everyDays) => setTrigger({ everyDays: everyDays ?? 14 })} addonBefore={t('rb.everyDays')} addonAfter={t('rb.days')} />
          </>}
          {tr.kind === 'date' && <Select<string> style={{ width: 220 }} value={tr.field} onChange={(field) => setTrigger({ field: field as typeof DATE_FIELDS[number] })} data-testid="rb-date-field"
            options={DATE_FIELDS.map((f) => ({ value: f, label: t(`rb.dateField.${f}` as MsgKey) }))} />}
          {tr.kind === 'holiday' && <HolidayPicker value={tr.holiday} onChange={(holiday) => setTrigger({ holiday })} />}
          {(tr.kind === 'date' || tr.kind === 'holiday') && <>
            <InputNumber min={0} max={60} value={tr.daysBefore} onChange={(daysBefore) => setTrigger({ daysBefore: daysBefore ?? 0 })} addonBefore={t('rb.daysBefore')} addonAfter={t('rb.days')} />
            <InputNumber min={0} max={23} value={tr.hour} onChange={(hour) => setTrigger({ hour: hour ?? 9 })} addonBefore={t('rb.fromHour')} addonAfter=":00" />
          </>}
          {tr.kind === 'model' && <Select style={{ width: 200 }} value={tr.model} onChange={(model: typeof MODELS[number]) => setTrigger({ model })}
            options={MODELS.map((m) => ({ value: m, label: t(`rb.model.${m}` as MsgKey) }))} />}
        </Space>
      </Card>
      <Card size="small" title={t('rb.if')}>
        {!builder ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('rb.ifJson')}</Typography.Text>
            <pre className="code" style={{ margin: 0 }}>{JSON.stringify(value.if, null, 2)}</pre>
            <Button size="small" onClick={() => { setEdited(emptyBuilder()); set({ if: undefined }); }}>{t('rb.ifRewrite')}</Button>
          </Space>
        ) : (
          <FilterBuilder state={builder} fields={list}
            onChange={(b) => { setEdited(b); set({ if: toFilter(b, list) }); }} />
        )}
      </Card>
      <Card size="small" title={t('rb.then')} extra={
        <Select<Action['type']> size="small" style={{ width: 200 }} placeholder={<span><PlusOutlined /> {t('rb.addAction')}</span>} value={null as unknown as Action['type']}
          onChange={(type) => set({ actions: [...value.actions, defaultAction(type)] })} data-testid="rb-add-action"
          options={ACTIONS.map((a) => ({ value: a, label: t(`rules.action.${a}` as MsgKey) }))} />
      }>
        {value.actions.length === 0 && <Alert type="warning" showIcon title={t('rb.noActions')} />}
        <Space orientation="vertical" style={{ width: '100%' }}>
          {value.actions.map((a, i) => (
            <Card key={i} size="small" type="inner" data-testid="rb-action"
              title={`${i + 1}. ${t(`rules.action.${a.type}` as MsgKey)}`}
              extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => set({ actions: value.actions.filter((_, j) => j !== i) })} />}>
              <ActionForm action={a} onChange={(x) => setAction(i, x)} />
            </Card>
          ))}
        </Space>
      </Card>
    </Space>
  );
}

function ActionForm({ action: a, onChange }: { action: Action; onChange(a: Action): void }) {
  const { t } = useI18n();
  switch (a.type) {
    case 'task':
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input value={a.title} onChange={(e) => onChange({ ...a, title: e.target.value })} placeholder={t('rb.taskTitle')} data-testid="rb-task-title" />
          <Input.TextArea rows={2} value={a.content} onChange={(e) => onChange({ ...a, content: e.target.value })} placeholder={t('mass.contentHint')} />
          <Space wrap>
            <Select style={{ width: 120 }} value={a.purpose} onChange={(purpose: 'marketing' | 'service') => onChange({ ...a, purpose })}
              options={(['service', 'marketing'] as const).map((p) => ({ value: p, label: t(`purpose.${p}`) }))} />
            <Select style={{ width: 120 }} value={a.channel} onChange={(channel: 'private_chat' | 'moments' | 'group') => onChange({ ...a, channel })}
              options={(['private_chat', 'moments', 'group'] as const).map((c) => ({ value: c, label: t(`ch.${c}`) }))} />
            <InputNumber min={0} max={8760} value={a.dueInHours} onChange={(h) => onChange({ ...a, dueInHours: h ?? 0 })} addonBefore={t('rb.dueIn')} addonAfter={t('rb.hours')} />
            <CouponPicker value={a.couponId} onChange={(couponId) => { const { couponId: _drop, ...rest } = a; onChange(couponId ? { ...rest, couponId } : rest); }} testId="rb-coupon" />
          </Space>
        </Space>
      );
    case 'tag': case 'untag':
      return <Space wrap>
        <TagPathPicker value={a.tag || undefined} onChange={(tag) => onChange({ ...a, tag: tag ?? '' })} />
        {a.type === 'tag' && <InputNumber min={1} max={3650} placeholder={t('rb.expires')} value={a.expiresInDays} onChange={(d) => onChange({ ...a, expiresInDays: d ?? undefined })} addonAfter={t('rb.days')} />}
      </Space>;
    case 'moveStage':
      return <StagePicker value={a.journey && a.stage ? `${a.journey}/${a.stage}` : undefined}
        onChange={(path) => { const [journey = '', ...rest] = (path ?? '').split('/'); onChange({ ...a, journey, stage: rest.join('/') }); }} />;
    case 'startSop':
      return <SopPicker value={a.sop ? String(a.sop) : undefined} onChange={(sop) => onChange({ ...a, sop: sop ?? '' })} />;
    case 'webhook':
      return <Input value={a.url} onChange={(e) => onChange({ ...a, url: e.target.value })} placeholder="https://…" />;
  }
}

/** Built-in festivals and the workspace's own days (会员日 …), by name. */
function HolidayPicker({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const days = useApiQuery(['holidays.names'], async () => unwrap(await client.GET('/api/v1/holidays', {})));
  const names = [...new Set([...FESTIVALS, ...(days.data?.items ?? []).map((h) => h.name)])];
  return <Select showSearch style={{ width: 180 }} value={value} onChange={onChange} placeholder={t('rb.trigger.holiday')} data-testid="rb-holiday"
    options={names.map((n) => ({ value: n, label: n }))} />;
}
