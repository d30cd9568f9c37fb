/**
 * Tag groups reserved for the segmentation models (DESIGN §4). They are exclusive:
 * a customer stands at one trust level, one lifecycle stage, one RFM segment, one tier.
 * Users cannot delete or rename them; the models write them with source "system".
 */
export const SYSTEM_CATEGORY = '系统模型';

export const SYSTEM_GROUPS = [
  { key: 'trust', name: '信任等级', tags: ['L0 陌生人', 'L1 知道我的人', 'L2 认识我的人', 'L3 认同我的人', 'L4 信任我的人', 'L5 超级用户'] },
  { key: 'lifecycle_ecommerce', name: '生命周期·电商', tags: ['新进', '首购', '复购', '超级用户'] },
  { key: 'lifecycle_sales', name: '生命周期·高客单', tags: ['陌生', '潜在', '意向', '首单', '复购', '超级用户'] },
  {
    key: 'rfm',
    name: 'RFM分层',
    tags: ['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户'],
  },
  { key: 'value_tier', name: '价值分层', tags: ['普通', '一般价值', '中等价值', '高价值', '核心'] },
] as const;

type SystemName = typeof SYSTEM_CATEGORY | (typeof SYSTEM_GROUPS)[number]['name'] | (typeof SYSTEM_GROUPS)[number]['tags'][number];

/** English labels of the system category, its groups and their tags; the compiler points at a missing one. */
export const SYSTEM_LABELS_EN: Record<SystemName, string> = {
  系统模型: 'System models',
  信任等级: 'Trust level',
  'L0 陌生人': 'L0 Stranger', 'L1 知道我的人': 'L1 Knows me', 'L2 认识我的人': 'L2 Acquainted',
  'L3 认同我的人': 'L3 Approves', 'L4 信任我的人': 'L4 Trusts me', 'L5 超级用户': 'L5 Super user',
  '生命周期·电商': 'Lifecycle · e-commerce',
  新进: 'New', 首购: 'First purchase', 复购: 'Repeat', 超级用户: 'Super user',
  '生命周期·高客单': 'Lifecycle · high-ticket',
  陌生: 'Cold', 潜在: 'Potential', 意向: 'Intent', 首单: 'First order',
  RFM分层: 'RFM segment',
  重要价值客户: 'Champions', 重要发展客户: 'Promising big spenders', 重要保持客户: 'Big spenders slipping', 重要挽留客户: 'Big spenders to win back',
  一般价值客户: 'Loyal', 一般发展客户: 'New buyers', 一般保持客户: 'Regulars slipping', 一般挽留客户: 'Lapsed',
  价值分层: 'Value tier',
  普通: 'Basic', 一般价值: 'Some value', 中等价值: 'Medium', 高价值: 'High', 核心: 'Core',
};

/** The English label of a system category, group or tag name; other names have none. */
export const systemLabelEn = (name: string): string | undefined => (SYSTEM_LABELS_EN as Record<string, string>)[name];

/** Where imported `group/tag` references land when the group does not exist yet. */
export const IMPORT_CATEGORY = '导入标签';
