/**
 * Webhook signatures: HMAC-SHA256 over "<timestamp>.<raw body>" with the source's secret,
 * sent as `X-Siyu-Signature: sha256=<hex>` beside `X-Siyu-Timestamp: <unix seconds>`.
 * The timestamp bounds replays of a captured request to the tolerance window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-siyu-signature';
export const TIMESTAMP_HEADER = 'x-siyu-timestamp';
export const TOLERANCE_SECONDS = 300;

export function signBody(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function checkSignature(secret: string, body: string, signature: string | undefined, timestamp: string | undefined, nowMs: number): SignatureCheck {
  if (!signature) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER} header (unix seconds)` };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    return { ok: false, reason: `${TIMESTAMP_HEADER} is more than ${TOLERANCE_SECONDS} s away from the server clock` };
  }
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature.trim());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
