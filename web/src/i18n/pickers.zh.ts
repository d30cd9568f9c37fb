/** The SOP and rule builders' material and coupon pickers. */
export const pickersZh = {
  'pk.materials': '附带素材（从素材库选，可多选）',
  'pk.materialMissing': '素材 #{ref}（已不在素材库）',
  'pk.coupon': '附带优惠券（可选）',
  'pk.couponMissing': '优惠券 {ref}（找不到）',
  'pk.inactive': '已停用',
  'pk.couponHint': '选了优惠券，内容里就可以用 {coupon} 指代这张券',
};
