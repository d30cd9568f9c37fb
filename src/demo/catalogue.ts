/**
 * The demo business: 鲜果说 (Xianguo Shuo), a fruit and snack brand with a store, a Youzan
 * shop and a Tmall shop, run by four staff on WeCom. Plain data: who works there, where
 * followers come from and what they cost, what is sold, and what people say.
 */

export interface DemoStaff {
  staffId: string;
  name: string;
}

/** WeCom userids and display names; `share` is the part of new followers each one takes. */
export const STAFF = [
  { staffId: 'zhangwei', name: '张伟', share: 0.34 },
  { staffId: 'lina', name: '李娜', share: 0.26 },
  { staffId: 'wangfang', name: '王芳', share: 0.22 },
  { staffId: 'liuyang', name: '刘洋', share: 0.18 },
] as const;
export type StaffId = (typeof STAFF)[number]['staffId'];

export interface DemoChannel {
  channel: string;
  name: string;
  fixedCostFen: number;
  trafficCostFen: number;
}

/**
 * 活码 states with six months of cost (fixed: printing, equipment; traffic: ads, 投流,
 * referral rewards), so cost per follower differs by an order of magnitude between them.
 * `share` weighs the channel among new followers who could have come through it
 * (包裹卡 only reach Youzan buyers, referrals need a buyer to refer them).
 */
export const CHANNELS = [
  { channel: 'qr-store', name: '门店收银台活码', fixedCostFen: 30_000, trafficCostFen: 0, share: 0.26 },
  { channel: 'youzan-card', name: '有赞包裹卡', fixedCostFen: 120_000, trafficCostFen: 0, share: 0.16 },
  { channel: 'qr-moments-ad', name: '朋友圈广告', fixedCostFen: 0, trafficCostFen: 1_500_000, share: 0.15 },
  { channel: 'douyin-live', name: '抖音直播间', fixedCostFen: 300_000, trafficCostFen: 900_000, share: 0.14 },
  { channel: 'xiaohongshu', name: '小红书笔记', fixedCostFen: 80_000, trafficCostFen: 400_000, share: 0.11 },
  { channel: 'community-event', name: '社区地推活动', fixedCostFen: 250_000, trafficCostFen: 0, share: 0.10 },
  { channel: 'referral', name: '老带新', fixedCostFen: 0, trafficCostFen: 200_000, share: 0.08 },
] as const;
export type ChannelId = (typeof CHANNELS)[number]['channel'];

export interface Product {
  productId: string;
  sku: string;
  name: string;
  priceFen: number;
  /** 人群-independent interest tag a buyer or reader of this product gets. */
  interest: string;
}

export const PRODUCTS = {
  mango: { productId: 'p-mango', sku: 'p-mango-5j', name: '海南贵妃芒 5斤', priceFen: 5990, interest: '芒果' },
  citrus: { productId: 'p-citrus', sku: 'p-citrus-5j', name: '爱媛果冻橙 5斤', priceFen: 4990, interest: '柑橘' },
  strawberry: { productId: 'p-strawberry', sku: 'p-strawberry-3j', name: '丹东99草莓 3斤', priceFen: 7990, interest: '草莓' },
  cherry: { productId: 'p-cherry', sku: 'p-cherry-jj-2j', name: '智利车厘子 JJ级 2斤', priceFen: 12900, interest: '车厘子' },
  kiwi: { productId: 'p-kiwi', sku: 'p-kiwi-12', name: '佳沛阳光金果 12个', priceFen: 9900, interest: '奇异果' },
  durian: { productId: 'p-durian', sku: 'p-durian-1', name: '泰国金枕榴莲 整颗', priceFen: 19900, interest: '榴莲' },
  nuts: { productId: 'p-nuts', sku: 'p-nuts-30', name: '每日坚果 30袋', priceFen: 8900, interest: '坚果零食' },
  driedMango: { productId: 'p-dried-mango', sku: 'p-dried-mango-500', name: '芒果干 500g', priceFen: 2990, interest: '坚果零食' },
  giftbox: { productId: 'p-giftbox', sku: 'p-giftbox-std', name: '鲜果礼盒', priceFen: 29800, interest: '礼盒' },
  giftboxLux: { productId: 'p-giftbox-lux', sku: 'p-giftbox-lux', name: '臻选果礼', priceFen: 59800, interest: '礼盒' },
} as const satisfies Record<string, Product>;
export type ProductKey = keyof typeof PRODUCTS;

/** Baskets by spend level: low baskets keep M under the mean, high ones above it. */
export const BASKETS: Record<'low' | 'mid' | 'high', readonly ProductKey[]> = {
  low: ['driedMango', 'citrus', 'mango'],
  mid: ['strawberry', 'kiwi', 'nuts', 'cherry'],
  high: ['giftbox', 'durian', 'giftboxLux', 'cherry'],
};

export const CONTENTS = [
  { contentId: 'art-mango-guide', title: '贵妃芒怎么挑才甜', products: ['mango', 'driedMango'] },
  { contentId: 'art-cherry-grades', title: '车厘子J和JJ有什么区别', products: ['cherry'] },
  { contentId: 'art-strawberry-farm', title: '探访丹东草莓基地', products: ['strawberry'] },
  { contentId: 'art-giftbox-season', title: '这个季节送礼送什么', products: ['giftbox', 'giftboxLux'] },
  { contentId: 'art-nuts-daily', title: '每天一把坚果的正确吃法', products: ['nuts'] },
  { contentId: 'art-durian-open', title: '开榴莲不踩雷', products: ['durian'] },
  { contentId: 'vid-kiwi-kids', title: '孩子爱吃的金果小点心', products: ['kiwi'] },
  { contentId: 'vid-store-tour', title: '门店新装修开业', products: [] },
] as const satisfies readonly { contentId: string; title: string; products: readonly ProductKey[] }[];

export const GROUPS = {
  fans1: { groupId: 'grp-fans-1', name: '鲜果说福利1群' },
  fans2: { groupId: 'grp-fans-2', name: '鲜果说福利2群' },
  store: { groupId: 'grp-store-neighbors', name: '门店邻里群' },
  vip: { groupId: 'grp-vip', name: '鲜果说VIP会员群' },
} as const;

/** Campaign windows as fractions of the demo period, one week each. */
export const CAMPAIGNS = [
  { campaignId: 'tasting-day', name: '门店试吃日', at: 0.15 },
  { campaignId: 'member-day', name: '会员日', at: 0.4 },
  { campaignId: 'fruit-festival', name: '鲜果节', at: 0.65 },
  { campaignId: 'giftbox-presale', name: '礼盒预售', at: 0.88 },
] as const;

export const COUPONS = {
  newcomer: { couponId: 'cp-newcomer-10', minFen: 5900, offFen: 1000 },
  repurchase: { couponId: 'cp-repurchase-20', minFen: 19900, offFen: 2000 },
  vip: { couponId: 'cp-vip-50', minFen: 39900, offFen: 5000 },
} as const;
export type CouponKey = keyof typeof COUPONS;

export const FORMS = {
  memberSignup: 'form-member-signup',
  tasteSurvey: 'form-taste-survey',
  giftboxBooking: 'form-giftbox-booking',
} as const;

/** 人群 of the persona journey template (DESIGN §2.4), with their share of known customers. */
export const AUDIENCES = [
  ['宝妈', 0.34], ['白领', 0.3], ['学生', 0.1], ['银发族', 0.12], ['企业客户', 0.06], ['蓝领', 0.08],
] as const;

/** Words that show purchase intent in a customer's message (DESIGN §4.1, L3). */
export const INTENT_KEYWORDS = ['多少钱', '价格', '怎么买', '有货吗', '链接', '优惠', '发货'] as const;
