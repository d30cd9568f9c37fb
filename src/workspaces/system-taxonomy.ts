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

/** Where imported `group/tag` references land when the group does not exist yet. */
export const IMPORT_CATEGORY = '导入标签';
