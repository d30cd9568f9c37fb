import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { TIER_COLORS, TRUST_COLORS } from '../lib/format.ts';

const TRUST_NAMES = ['陌生人', '知道我的人', '认识我的人', '认同我的人', '信任我的人', '超级用户'];

export function TrustTag({ level, pinned }: { level: number | null | undefined; pinned?: boolean }) {
  const { tv } = useI18n();
  if (level === null || level === undefined) return <Tag>—</Tag>;
  return (
    <Tag style={{ background: TRUST_COLORS[level], color: '#fff', fontWeight: 600, borderColor: 'transparent' }}>
      L{level} {tv(TRUST_NAMES[level])}{pinned ? ' 📌' : ''}
    </Tag>
  );
}

/** A trust value given as "L3" or "L3 认同我的人". */
export function trustOf(v: string | null | undefined): number | undefined {
  const m = /^L(\d)/.exec(v ?? '');
  return m ? Number(m[1]) : undefined;
}

export function TierTag({ tier }: { tier: string | null | undefined }) {
  const { tv } = useI18n();
  if (!tier) return <Tag>—</Tag>;
  return <Tag color={TIER_COLORS[tier] ?? 'default'}>{tv(tier)}</Tag>;
}

const RFM_COLORS: Record<string, string> = {
  重要价值客户: 'gold', 重要发展客户: 'green', 重要保持客户: 'orange', 重要挽留客户: 'red',
  一般价值客户: 'cyan', 一般发展客户: 'blue', 一般保持客户: 'purple', 一般挽留客户: 'default',
};
export function RfmTag({ segment }: { segment: string | null | undefined }) {
  const { tv } = useI18n();
  if (!segment) return <span style={{ color: '#aaa' }}>—</span>;
  return <Tag color={RFM_COLORS[segment] ?? 'default'}>{tv(segment)}</Tag>;
}

export function PlainTag({ text, tip }: { text: string; tip?: string }) {
  const { tv } = useI18n();
  return tip ? <Tooltip title={tip}><Tag>{tv(text)}</Tag></Tooltip> : <Tag>{tv(text)}</Tag>;
}
