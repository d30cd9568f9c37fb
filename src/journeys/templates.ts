/**
 * The journey templates from the seeds (DESIGN §2.4), one typed declaration each. Names are
 * Chinese (they become the tag group and its tags); English labels live in the catalogue.
 * Pure data: adding a template here is the only change needed to offer it.
 */

export interface TemplateStage {
  name: string;
}

export interface JourneyTemplate {
  key: string;
  name: string;
  ordered: boolean;
  stages: readonly TemplateStage[];
}

const stages = (...names: string[]): TemplateStage[] => names.map((name) => ({ name }));

export const JOURNEY_TEMPLATES = [
  {
    key: 'purchase_frequency', name: '购买频次', ordered: true,
    stages: stages('尚未购买', '关注中', '已购买', '已入群', '多次购买'),
  },
  {
    key: 'membership', name: '会员价值', ordered: true,
    stages: stages('初级粉丝', '银卡', '金卡', '黑金', '钻石'),
  },
  {
    key: 'persona', name: '用户画像', ordered: false,
    stages: stages('大学生', '白领', '蓝领', '宝妈', '自由职业', '退休'),
  },
  {
    key: 'product_interest', name: '商品兴趣', ordered: false,
    stages: stages('商品A', '商品B', '商品C', '商品D', '商品E'),
  },
  {
    key: 'b2b_intent', name: '意向阶段', ordered: true,
    stages: stages('兴趣', '了解', '对比', '报价', '下定', '转介绍'),
  },
] as const satisfies readonly JourneyTemplate[];

export type TemplateKey = (typeof JOURNEY_TEMPLATES)[number]['key'];

export const TEMPLATE_KEYS = JOURNEY_TEMPLATES.map((t) => t.key) as readonly TemplateKey[];

export function templateOf(key: string): JourneyTemplate | undefined {
  return JOURNEY_TEMPLATES.find((t) => t.key === key);
}

type TemplateName = (typeof JOURNEY_TEMPLATES)[number]['name'];
type TemplateStageName = (typeof JOURNEY_TEMPLATES)[number]['stages'][number]['name'];

/** English labels of every template and stage name; the compiler points at a missing one. */
export const TEMPLATE_LABELS_EN: Record<TemplateName | TemplateStageName | '旅程', string> = {
  旅程: 'Journeys',
  购买频次: 'Purchase frequency',
  尚未购买: 'Not yet purchased',
  关注中: 'Following',
  已购买: 'Purchased',
  已入群: 'Joined the group',
  多次购买: 'Repeat purchaser',
  会员价值: 'Membership value',
  初级粉丝: 'New fan',
  银卡: 'Silver',
  金卡: 'Gold',
  黑金: 'Black gold',
  钻石: 'Diamond',
  用户画像: 'Persona',
  大学生: 'University student',
  白领: 'Office worker',
  蓝领: 'Blue-collar worker',
  宝妈: 'Young mother',
  自由职业: 'Freelancer',
  退休: 'Retired',
  商品兴趣: 'Product interest',
  商品A: 'Product A',
  商品B: 'Product B',
  商品C: 'Product C',
  商品D: 'Product D',
  商品E: 'Product E',
  意向阶段: 'Purchase intent',
  兴趣: 'Interest',
  了解: 'Learning',
  对比: 'Comparing',
  报价: 'Quoted',
  下定: 'Deposit paid',
  转介绍: 'Referring others',
};

/** The English label of a template or stage name; custom names have none and show as written. */
export const labelEn = (name: string): string | undefined => (TEMPLATE_LABELS_EN as Record<string, string>)[name];

/** The category every journey's tag group lives in. */
export const JOURNEY_CATEGORY = '旅程';
