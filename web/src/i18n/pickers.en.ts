/** The SOP and rule builders' material and coupon pickers. */
export const pickersEn = {
  'pk.materials': 'Attach materials (from the library)',
  'pk.materialMissing': 'Material #{ref} (no longer in the library)',
  'pk.coupon': 'Attach a coupon (optional)',
  'pk.couponMissing': 'Coupon {ref} (not found)',
  'pk.inactive': 'inactive',
  'pk.couponHint': 'With a coupon picked, the content may use {coupon} to name it',
};
