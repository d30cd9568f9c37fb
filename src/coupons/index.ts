/** Coupons: definitions, issuance (by task, SOP step, rule or API) with its reminder, redemption by event or order, expiry. */
export { checkCoupon, expiresAt, reminderAt, ISSUE_SOURCES, COUPON_ID, type CouponInput, type CouponDefinition, type IssueSource } from './values.ts';
export {
  listCoupons, defineCoupon, issueCoupon, issueCouponIn, customerCoupons, processCoupons, redeemCoupon,
  type Coupon, type CouponIssue, type IssueInput, type CouponPass,
} from './coupons-store.ts';
