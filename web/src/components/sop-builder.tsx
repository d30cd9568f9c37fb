/**
 * An SOP as a form: its stage (picked from the journeys), re-entry, and timed steps. It edits
 * the same definition the JSON view shows.
 */
import { Button, Card, Input, InputNumber, Select, Space, Switch, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Schemas } from '../api/typed.ts';
import { useI18n } from '../i18n/index.tsx';
import { CouponPicker, MaterialPicker, StagePicker } from './pickers.tsx';

export type SopDef = Schemas['SopDefinition'];
type Step = SopDef['steps'][number];

const stagePath = (s: SopDef['stage']) => (typeof s === 'string' ? s : `${s.journey}/${s.stage}`);

type Attachment = NonNullable<Step['attachments']>[number];
/** The ids of a step's library materials; other attachments (kinds the form does not show) are kept as they are. */
const materialRefs = (s: Step) => (s.attachments ?? []).filter((a) => a.kind === 'material').map((a) => a.ref);
function withMaterials(s: Step, refs: string[]): Step['attachments'] {
  const others = (s.attachments ?? []).filter((a) => a.kind !== 'material');
  const all: Attachment[] = [...refs.map((ref) => ({ kind: 'material', ref })), ...others];
  return all.length ? all.slice(0, 9) : undefined;
}

function nextKey(steps: Step[]): string {
  for (let i = steps.length + 1; ; i++) if (!steps.some((s) => s.key === `step-${i}`)) return `step-${i}`;
}

export function SopBuilder({ value, onChange }: { value: SopDef; onChange(v: SopDef): void }) {
  const { t } = useI18n();
  const set = (patch: Partial<SopDef>) => onChange({ ...value, ...patch });
  const setStep = (i: number, patch: Partial<Step>) => set({ steps: value.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const reentry = value.reentry ?? { allowed: false };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="sop-builder">
      <Space wrap>
        <Input style={{ width: 260 }} value={value.name} onChange={(e) => set({ name: e.target.value })} placeholder={t('sb.name')} data-testid="sb-name" />
        <StagePicker value={stagePath(value.stage) || undefined} onChange={(stage) => set({ stage: stage ?? '' })} testId="sb-stage" />
      </Space>
      <Space wrap>
        <span>{t('sb.reentry')}</span>
        <Switch size="small" checked={reentry.allowed} onChange={(allowed) => set({ reentry: { ...reentry, allowed } })} />
        {reentry.allowed && <InputNumber min={0} max={3650} value={reentry.coolDownDays ?? 0} onChange={(d) => set({ reentry: { ...reentry, coolDownDays: d ?? 0 } })} addonBefore={t('sb.coolDown')} />}
      </Space>
      <Card size="small" title={t('sb.steps')} extra={<Button size="small" icon={<PlusOutlined />} data-testid="sb-add-step"
        onClick={() => set({ steps: [...value.steps, { key: nextKey(value.steps), offsetDays: 0, channel: 'private_chat', purpose: 'service', content: '' }] })}>{t('sb.addStep')}</Button>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {value.steps.map((s, i) => (
            <Card key={i} size="small" type="inner" data-testid="sb-step" title={<Space>
              <Typography.Text type="secondary">{i + 1}.</Typography.Text>
              <Input size="small" style={{ width: 140 }} value={s.key} onChange={(e) => setStep(i, { key: e.target.value })} aria-label={t('sb.key')} />
              <Input size="small" style={{ width: 200 }} value={s.title ?? ''} onChange={(e) => setStep(i, { title: e.target.value || undefined })} placeholder={t('sb.title')} />
            </Space>} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} disabled={value.steps.length === 1}
              onClick={() => set({ steps: value.steps.filter((_, j) => j !== i) })} />}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <InputNumber min={0} max={3650} value={s.offsetDays ?? 0} onChange={(d) => setStep(i, { offsetDays: d ?? 0 })} addonBefore={t('sb.offsetDays')} addonAfter={t('rb.days')} />
                  <TimePicker.RangePicker format="HH:mm" minuteStep={5} allowClear placeholder={[t('sb.window'), '']}
                    value={s.window ? [dayjs(`2000-01-01T${s.window.start}`), dayjs(`2000-01-01T${s.window.end}`)] : null}
                    onChange={(r) => setStep(i, { window: r && r[0] && r[1] ? { start: r[0].format('HH:mm'), end: r[1].format('HH:mm') } : undefined })} />
                  <Select style={{ width: 110 }} value={s.channel} onChange={(channel: Step['channel']) => setStep(i, { channel })}
                    options={(['private_chat', 'moments', 'group'] as const).map((c) => ({ value: c, label: t(`ch.${c}`) }))} />
                  <Select style={{ width: 100 }} value={s.purpose} onChange={(purpose: Step['purpose']) => setStep(i, { purpose })}
                    options={(['service', 'marketing'] as const).map((p) => ({ value: p, label: t(`purpose.${p}`) }))} />
                </Space>
                <Input.TextArea rows={2} value={s.content} onChange={(e) => setStep(i, { content: e.target.value })} placeholder={t('sb.content')} data-testid="sb-content" />
                <Space wrap align="start">
                  <MaterialPicker value={materialRefs(s)} onChange={(refs) => setStep(i, { attachments: withMaterials(s, refs) })}
                    max={9 - (s.attachments ?? []).filter((a) => a.kind !== 'material').length} testId="sb-materials" />
                  <CouponPicker value={s.couponId} onChange={(couponId) => setStep(i, { couponId })} testId="sb-coupon" />
                </Space>
                {s.couponId && <Typography.Text type="secondary">{t('pk.couponHint')}</Typography.Text>}
              </Space>
            </Card>
          ))}
        </Space>
      </Card>
    </Space>
  );
}
