/**
 * Operator guidance as data: for every trust level, lifecycle stage, RFM segment and value
 * tier, its goal, what to do and what not to do, in Chinese and English (DESIGN §4 and the
 * seeds: 私域最實用的一套用戶分層方法, RFM seed 003, value tiers seed 004).
 *
 * The catalogue is keyed by the value lists of types.ts, so adding a level, stage, segment or
 * tier there makes the compiler ask for its guidance here.
 */
import { SiyuError } from '../shared/errors.ts';
import type { LifecycleEcommerce, LifecycleSales, RfmSegment, TrustLevel, ValueTier } from './types.ts';

export type Lang = 'zh' | 'en';

export interface Guidance {
  /** The value's display name in this language. */
  label: string;
  goal: string;
  actions: readonly string[];
  avoid: readonly string[];
}

export type GuidanceEntry = Readonly<Record<Lang, Guidance>>;

export interface GuidanceCatalogue {
  trust: Readonly<Record<TrustLevel, GuidanceEntry>>;
  lifecycleEcommerce: Readonly<Record<LifecycleEcommerce, GuidanceEntry>>;
  lifecycleSales: Readonly<Record<LifecycleSales, GuidanceEntry>>;
  rfm: Readonly<Record<RfmSegment, GuidanceEntry>>;
  valueTier: Readonly<Record<ValueTier, GuidanceEntry>>;
}

export type GuidanceModel = keyof GuidanceCatalogue;
export type GuidanceValue<M extends GuidanceModel> = keyof GuidanceCatalogue[M];

const superUser: GuidanceEntry = {
  zh: {
    label: '超级用户',
    goal: '给最好的：最好的服务、定制与共创，欢迎转介绍',
    actions: ['提供专属服务和优先权益', '邀请参与新品共创、内测和定制', '请对方分享使用体验，设计转介绍奖励', '负责人定期亲自关怀'],
    avoid: ['和普通客户一样的群发对待', '过度索取转介绍'],
  },
  en: {
    label: 'Super user',
    goal: 'Give the best: top service, customisation and co-creation; referrals welcome',
    actions: ['Offer dedicated service and priority benefits', 'Invite them to co-create, test and customise new products', 'Ask them to share their experience; reward referrals', 'Have the owner check in personally and regularly'],
    avoid: ['Treating them like everyone else in mass messages', 'Pressing too hard for referrals'],
  },
};

export const GUIDANCE: GuidanceCatalogue = {
  trust: {
    0: {
      zh: {
        label: '陌生人',
        goal: '让对方记住你：用心评论朋友圈，建立存在感',
        actions: ['在对方的朋友圈留下真诚、具体的评论', '发有温度的生活和专业内容，让对方从朋友圈认识你', '添加时简短自我介绍，说明你能提供的价值'],
        avoid: ['任何产品推送或广告', '群发促销消息', '频繁打扰'],
      },
      en: {
        label: 'Stranger',
        goal: 'Be remembered: thoughtful Moments comments, a visible and likeable presence',
        actions: ['Leave sincere, specific comments on their Moments', 'Post personal and expert content with warmth so they get to know you', 'Introduce yourself briefly and say what value you offer'],
        avoid: ['Any product push or advertising', 'Promotional mass messages', 'Frequent interruptions'],
      },
    },
    1: {
      zh: {
        label: '知道我的人',
        goal: '从朋友圈互动进入私聊',
        actions: ['回应对方在朋友圈的点赞和评论，顺势开启私聊', '私聊先聊对方关心的事，提一个容易回答的问题', '在社群里点名感谢、回应对方的发言'],
        avoid: ['任何产品推送', '一开口就发链接或价目表'],
      },
      en: {
        label: 'Knows me',
        goal: 'Move from a Moments interaction into a private chat',
        actions: ['Answer their likes and comments and use them to start a private chat', 'In private, talk about what they care about first and ask an easy question', 'Thank and answer them by name in the group'],
        avoid: ['Any product push', 'Opening with links or price lists'],
      },
    },
    2: {
      zh: {
        label: '认识我的人',
        goal: '获得认同：持续提供有价值的内容，耐心经营',
        actions: ['分享与对方需求相关的干货、经验和案例', '记住对方的情况，下次聊天时提起', '邀请进社群或参加活动，在互动中建立专业形象'],
        avoid: ['硬性推销', '催促下单'],
      },
      en: {
        label: 'Acquainted',
        goal: 'Earn recognition with valuable content and patience',
        actions: ['Share know-how, experience and cases that fit their needs', 'Remember their situation and bring it up next time', 'Invite them to a group or an event and show your expertise there'],
        avoid: ['Hard selling', 'Pushing for an order'],
      },
    },
    3: {
      zh: {
        label: '认同我的人',
        goal: '促成首单：了解需求，展示匹配的产品，服务好第一单',
        actions: ['问清需求、预算和顾虑', '只推荐真正匹配的一两款产品，并说明理由', '及时回答价格、发货等问题，可给首单优惠', '下单后跟进物流和使用体验'],
        avoid: ['推荐不匹配的产品凑单', '成交后不再跟进'],
      },
      en: {
        label: 'Approves',
        goal: 'First purchase: understand their needs, show the matching product, serve the first order well',
        actions: ['Ask about needs, budget and concerns', 'Recommend one or two products that really fit, and say why', 'Answer price and delivery questions promptly; a first-order offer helps', 'Follow up on delivery and first use'],
        avoid: ['Recommending unsuitable products to raise the basket', 'Going silent after the order'],
      },
    },
    4: {
      zh: {
        label: '信任我的人',
        goal: '促成第二单和第 N 单：关怀、服务、礼物',
        actions: ['回访使用效果，解决售后问题', '节日、生日送上问候和小礼物', '根据购买记录推荐相关或升级的产品', '邀请加入会员或 VIP 社群'],
        avoid: ['成交后只发广告', '忽视投诉和退款的原因'],
      },
      en: {
        label: 'Trusts me',
        goal: 'Second and N-th purchase through care, service and gifts',
        actions: ['Check how the product works for them and solve after-sales issues', 'Send greetings and small gifts on holidays and birthdays', 'Recommend related or upgraded products from their purchase history', 'Invite them into membership or the VIP group'],
        avoid: ['Sending only ads after the sale', 'Ignoring complaints and the reasons for refunds'],
      },
    },
    5: superUser,
  },

  lifecycleEcommerce: {
    新进: {
      zh: {
        label: '新进',
        goal: '促成首购',
        actions: ['发送新人礼或首单券', '推荐热销和口碑商品', '引导关注店铺、加入社群'],
        avoid: ['连续催单', '消息轰炸'],
      },
      en: {
        label: 'New',
        goal: 'Reach the first purchase',
        actions: ['Send a welcome gift or first-order coupon', 'Recommend best sellers and well-reviewed products', 'Invite them to follow the shop and join the group'],
        avoid: ['Chasing for an order again and again', 'Flooding them with messages'],
      },
    },
    首购: {
      zh: {
        label: '首购',
        goal: '把第一单变成第二单',
        actions: ['确认收货和使用体验', '根据首单推荐搭配或可复购的商品', '发放复购券，在合适的周期提醒回购'],
        avoid: ['只发广告、不关心使用体验'],
      },
      en: {
        label: 'First purchase',
        goal: 'Turn the first order into a second',
        actions: ['Confirm delivery and ask about first use', 'Recommend matching or replenishable products from the first order', 'Give a repeat-purchase coupon and remind them when a refill is due'],
        avoid: ['Sending ads without asking how the product works'],
      },
    },
    复购: {
      zh: {
        label: '复购',
        goal: '提高频次和客单价，培养成超级用户',
        actions: ['会员积分与等级权益', '基于购买记录的个性化推荐', '邀请加入 VIP 社群'],
        avoid: ['同一内容重复推送'],
      },
      en: {
        label: 'Repeat',
        goal: 'Raise frequency and basket size; grow them into super users',
        actions: ['Membership points and tier benefits', 'Personal recommendations from purchase history', 'Invite them into the VIP group'],
        avoid: ['Pushing the same content twice'],
      },
    },
    超级用户: superUser,
  },

  lifecycleSales: {
    陌生: {
      zh: {
        label: '陌生',
        goal: '建立联系，让对方记住你',
        actions: ['用心评论朋友圈', '分享行业洞察和真实案例', '从朋友圈互动自然进入私聊'],
        avoid: ['任何产品推送', '一上来就报价'],
      },
      en: {
        label: 'Stranger',
        goal: 'Make contact and be remembered',
        actions: ['Comment thoughtfully on their Moments', 'Share industry insight and real cases', 'Move naturally from a Moments interaction into a private chat'],
        avoid: ['Any product push', 'Quoting prices from the start'],
      },
    },
    潜在: {
      zh: {
        label: '潜在',
        goal: '建立信任，了解需求和决策过程',
        actions: ['提供有价值的专业内容', '了解对方的场景、预算和决策人', '邀请参加线上分享或线下活动'],
        avoid: ['硬性推销', '催促决定'],
      },
      en: {
        label: 'Prospect',
        goal: 'Build trust; learn their needs and how they decide',
        actions: ['Offer valuable expert content', 'Learn their situation, budget and who decides', 'Invite them to an online talk or an event'],
        avoid: ['Hard selling', 'Rushing the decision'],
      },
    },
    意向: {
      zh: {
        label: '意向',
        goal: '推进到方案、报价和首单',
        actions: ['做需求诊断，给出匹配的方案', '提供同类客户的案例和口碑', '安排试用、体验或到店', '及时报价，处理顾虑'],
        avoid: ['推荐超出需求的方案', '报价后长时间不跟进'],
      },
      en: {
        label: 'Interested',
        goal: 'Move to a proposal, a quote and the first deal',
        actions: ['Diagnose their needs and propose a matching solution', 'Share cases and reviews from similar customers', 'Arrange a trial, a demo or a store visit', 'Quote promptly and address concerns'],
        avoid: ['Proposing more than they need', 'Leaving a quote without follow-up'],
      },
    },
    首单: {
      zh: {
        label: '首单',
        goal: '交付好第一单，争取复购和转介绍',
        actions: ['确认交付和使用效果', '及时处理售后问题', '在满意时邀请评价和推荐'],
        avoid: ['成交后失联'],
      },
      en: {
        label: 'First deal',
        goal: 'Deliver the first deal well; earn a repeat order and referrals',
        actions: ['Confirm delivery and results', 'Resolve after-sales issues quickly', 'Ask for a review and a referral once they are satisfied'],
        avoid: ['Disappearing after the sale'],
      },
    },
    复购: {
      zh: {
        label: '复购',
        goal: '长期服务，深化合作',
        actions: ['定期回访和保养、续费提醒', '推荐升级和配套服务', '邀请加入老客户社群'],
        avoid: ['把老客户当新客户一样推销'],
      },
      en: {
        label: 'Repeat',
        goal: 'Serve them for the long term and deepen the relationship',
        actions: ['Regular check-ins, maintenance and renewal reminders', 'Recommend upgrades and related services', 'Invite them into the returning-customer group'],
        avoid: ['Selling to them as if they were new'],
      },
    },
    超级用户: superUser,
  },

  rfm: {
    重要价值客户: {
      zh: {
        label: '重要价值客户',
        goal: '保持：专属优惠和专属服务',
        actions: ['专属折扣和会员特权', '一对一专属客服', '新品优先体验'],
        avoid: ['频繁低价促销稀释价值感', '和普通客户一样群发'],
      },
      en: {
        label: 'Important value',
        goal: 'Keep them: exclusive discounts and exclusive service',
        actions: ['Exclusive discounts and member privileges', 'A dedicated one-to-one service contact', 'Early access to new products'],
        avoid: ['Frequent cheap promotions that dilute the sense of value', 'Treating them like everyone else in mass messages'],
      },
    },
    重要发展客户: {
      zh: {
        label: '重要发展客户',
        goal: '提高购买频次：最近买过、花得多，但次数少',
        actions: ['会员卡、储值或订阅', '根据购买记录推荐相关商品', '上新和补货提醒'],
        avoid: ['推送与其偏好无关的商品'],
      },
      en: {
        label: 'Important development',
        goal: 'Raise purchase frequency: bought recently and big, but seldom',
        actions: ['Membership, stored value or a subscription', 'Recommend related products from purchase history', 'New-arrival and refill reminders'],
        avoid: ['Pushing products unrelated to their taste'],
      },
    },
    重要保持客户: {
      zh: {
        label: '重要保持客户',
        goal: '召回：买得多也买得大，但最近没有来',
        actions: ['负责人主动问候，了解最近没来的原因', '专属回归礼或优惠', '推送其常买品类的上新'],
        avoid: ['只靠群发', '等客户自己回来'],
      },
      en: {
        label: 'Important retention',
        goal: 'Recall them: they buy often and big, but not lately',
        actions: ['Have the owner reach out and learn why they have not come back', 'A dedicated welcome-back gift or offer', 'Tell them about new items in the categories they buy'],
        avoid: ['Relying on mass messages', 'Waiting for them to return on their own'],
      },
    },
    重要挽留客户: {
      zh: {
        label: '重要挽留客户',
        goal: '挽回：花得多，但买得少且很久没来，正在流失',
        actions: ['一对一私聊或电话回访，了解流失原因（服务、价格、竞品）', '有力度的挽回优惠', '解决过去的不满'],
        avoid: ['无差别的打折轰炸', '不问原因只发券'],
      },
      en: {
        label: 'Important win-back',
        goal: 'Win them back: big spenders who bought seldom and long ago',
        actions: ['Call or chat one-to-one to learn why they left (service, price, a competitor)', 'A strong win-back offer', 'Resolve past dissatisfaction'],
        avoid: ['Indiscriminate discount blasts', 'Sending coupons without asking why'],
      },
    },
    一般价值客户: {
      zh: {
        label: '一般价值客户',
        goal: '提高客单价：常买、最近买过，但花得少',
        actions: ['满减、组合套装、加价购', '推荐升级款'],
        avoid: ['用大额折扣换频次'],
      },
      en: {
        label: 'General value',
        goal: 'Raise spend: they buy often and recently, but small',
        actions: ['Spend-more-save-more offers, bundles, add-on deals', 'Recommend upgraded versions'],
        avoid: ['Buying frequency with deep discounts'],
      },
    },
    一般发展客户: {
      zh: {
        label: '一般发展客户',
        goal: '培育：提高频次和客单价',
        actions: ['新客培育内容和使用指南', '复购券', '邀请进社群'],
        avoid: ['过早高频推送'],
      },
      en: {
        label: 'General development',
        goal: 'Nurture: raise frequency and spend',
        actions: ['Onboarding content and how-to guides', 'A repeat-purchase coupon', 'Invite them into the group'],
        avoid: ['Frequent pushes too early'],
      },
    },
    一般保持客户: {
      zh: {
        label: '一般保持客户',
        goal: '低成本提醒：常买但花得少，最近没来',
        actions: ['群发提醒和优惠券', '朋友圈种草'],
        avoid: ['投入过多人工精力'],
      },
      en: {
        label: 'General retention',
        goal: 'Low-cost reminders: frequent but small buyers who have not come lately',
        actions: ['Mass-message reminders and coupons', 'Product stories in Moments'],
        avoid: ['Spending much staff time'],
      },
    },
    一般挽留客户: {
      zh: {
        label: '一般挽留客户',
        goal: '低优先级：用促销活动统一激活',
        actions: ['大促和节日活动统一触达', '自动化提醒'],
        avoid: ['投入一对一人工精力'],
      },
      en: {
        label: 'General win-back',
        goal: 'Low priority: reactivate with campaigns',
        actions: ['Reach them with seasonal sales and holiday campaigns', 'Automated reminders'],
        avoid: ['Spending one-to-one staff time'],
      },
    },
  },

  valueTier: {
    普通: {
      zh: {
        label: '普通',
        goal: '激活：只建立了联系，先引起互动',
        actions: ['用朋友圈内容和社群活动吸引互动', '低成本的自动化触达'],
        avoid: ['产品硬推', '高成本的人工投入'],
      },
      en: {
        label: 'Ordinary',
        goal: 'Activate: only connected so far; spark an interaction first',
        actions: ['Draw interaction with Moments content and group activities', 'Low-cost automated touches'],
        avoid: ['Hard product pushes', 'Costly staff time'],
      },
    },
    一般价值: {
      zh: {
        label: '一般价值',
        goal: '促成本周期下单：有互动或以前买过，但本周期没有订单',
        actions: ['根据对方互动过的内容推荐相关商品', '老客户：问候上次买的商品用得如何，再推荐', '限时优惠或试用'],
        avoid: ['忽视对方的互动', '把老客户当作陌生人群发'],
      },
      en: {
        label: 'Some value',
        goal: 'Convert within the period: active or a past buyer, but no order this period',
        actions: ['Recommend products related to what they interacted with', 'Past buyers: ask how their last purchase serves them, then recommend', 'A time-limited offer or a trial'],
        avoid: ['Ignoring their interactions', 'Mass-messaging a past buyer like a stranger'],
      },
    },
    中等价值: {
      zh: {
        label: '中等价值',
        goal: '促成本周期复购',
        actions: ['回访使用体验', '复购券和搭配推荐'],
        avoid: ['成交后不再联系'],
      },
      en: {
        label: 'Medium value',
        goal: 'Earn a repeat order within the period',
        actions: ['Ask how the purchase works for them', 'Repeat coupons and matching recommendations'],
        avoid: ['Going silent after the sale'],
      },
    },
    高价值: {
      zh: {
        label: '高价值',
        goal: '提高忠诚度，争取转介绍，升级为核心',
        actions: ['会员权益和专属服务', '邀请推荐好友，设计转介绍奖励'],
        avoid: ['和普通客户一样对待'],
      },
      en: {
        label: 'High value',
        goal: 'Deepen loyalty and earn referrals to become core',
        actions: ['Member benefits and dedicated service', 'Invite them to refer friends; reward referrals'],
        avoid: ['Treating them like everyone else'],
      },
    },
    核心: {
      zh: {
        label: '核心',
        goal: '重点维护：把最多的时间给最重要的客户（二八法则）',
        actions: ['专人维护，优先响应', '共创、内测和定制', '转介绍奖励与荣誉'],
        avoid: ['因客户多而疏于关怀', '过度推销'],
      },
      en: {
        label: 'Core',
        goal: 'Look after them first: most of your time for your most important customers (80/20)',
        actions: ['A dedicated owner and priority response', 'Co-creation, early tests and customisation', 'Referral rewards and recognition'],
        avoid: ['Letting care slip as the customer base grows', 'Over-selling'],
      },
    },
  },
};

/** The guidance for one value of one model, e.g. guidanceFor('rfm', '重要挽留客户', 'en'). */
export function guidanceFor<M extends GuidanceModel>(model: M, value: GuidanceValue<M>, lang: Lang = 'zh'): Guidance {
  const entry = (GUIDANCE[model] as Readonly<Record<PropertyKey, GuidanceEntry>>)[value as PropertyKey];
  if (!entry) throw new SiyuError('bad_request', `no guidance for ${model} "${String(value)}"`);
  return entry[lang];
}
