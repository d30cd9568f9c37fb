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
  /** How to read the journey: its order, and what a stage means. Becomes the installed journey's description. */
  note: { zh: string; en: string };
}

const stages = (...names: string[]): TemplateStage[] => names.map((name) => ({ name }));

export const JOURNEY_TEMPLATES = [
  {
    key: 'purchase_frequency', name: '购买频次', ordered: true,
    stages: stages('尚未购买', '关注中', '已购买', '已入群', '多次购买'),
    note: {
      zh: '从左到右：新联系人进入「尚未购买」，加为好友后「关注中」，首单后「已购买」，进了会员群「已入群」，第二单起「多次购买」。',
      en: 'Left to right: a new contact enters 尚未购买, a WeCom friend is 关注中, the first order makes 已购买, joining the members\' group 已入群, the second order on 多次购买.',
    },
  },
  {
    key: 'membership', name: '会员价值', ordered: true,
    stages: stages('初级粉丝', '银卡', '金卡', '黑金', '钻石'),
    // The seed's order, lowest to highest; each card follows a value tier (models §4.3).
    note: {
      zh: '从低到高：初级粉丝 < 银卡 < 金卡 < 黑金 < 钻石（黑金在金卡之上、钻石之下）。默认跟随价值分层：普通→初级粉丝，一般价值→银卡，中等价值→金卡，高价值→黑金，核心→钻石。',
      en: 'Lowest to highest: 初级粉丝 < 银卡 < 金卡 < 黑金 < 钻石 (black gold above gold, below diamond). By default it follows the value tier: 普通→初级粉丝, 一般价值→银卡, 中等价值→金卡, 高价值→黑金, 核心→钻石.',
    },
  },
  {
    key: 'persona', name: '用户画像', ordered: false,
    stages: stages('大学生', '白领', '蓝领', '宝妈', '富二代'),
    note: {
      zh: '不分先后的人群画像（种子的五类）。需要更多人群（如自由职业、退休）时，由运营在这个旅程里自行添加阶段。',
      en: 'Unordered personas (the seed\'s five). Operators who need more (freelancers, retirees …) add stages to this journey themselves.',
    },
  },
  {
    key: 'product_interest', name: '商品兴趣', ordered: false,
    stages: stages('商品A', '商品B', '商品C', '商品D', '商品E'),
    // Why one stage: a journey stage is an exclusive tag (a card in one column, a stay with a
    // start and an end, stage-to-stage conversion). Interests are not exclusive, so each one is
    // also kept as a tag of the multi-choice group 兴趣, and per-product SOPs hang on those.
    note: {
      zh: '不分先后；看板上每位客户只在一个阶段：他最近表现出的兴趣（新的兴趣会把客户移过去）。客户表现过的每个兴趣都另记为多选标签「兴趣/商品X」，第二个兴趣不会抹掉第一个；针对某个商品的 SOP 与规则请挂在兴趣标签上，而不是这个旅程的阶段上。',
      en: 'Unordered; on the board each customer stands in one stage: their latest interest (a new interest moves them). Every interest a customer showed is also kept as a multi-choice tag 兴趣/商品X, so a second interest does not erase the first; hang per-product SOPs and rules on the interest tags, not on this journey\'s stages.',
    },
  },
  {
    key: 'b2b_intent', name: '意向阶段', ordered: true,
    stages: stages('兴趣', '了解', '对比', '报价', '下定', '转介绍'),
    note: {
      zh: '长周期（B2B、汽车等）成交的先后：兴趣 → 了解 → 对比 → 报价 → 下定 → 转介绍。',
      en: 'The order of a long-cycle sale (B2B, cars …): interest → learning → comparing → quoted → deposit → referring.',
    },
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
  富二代: 'Wealthy heir',
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

/** The multi-choice tag group that keeps every product interest (商品兴趣 shows only the latest), and its category. */
export const INTEREST_GROUP = '兴趣';
export const PROFILE_CATEGORY = '客户画像';

/** The category every journey's tag group lives in. */
export const JOURNEY_CATEGORY = '旅程';
