/**
 * What to do about a failed WeCom API call (spec §5): refresh the token once, back off on
 * frequency limits, retry a busy system a few times, give up on everything else. Pure.
 */

export type Retry =
  | { action: 'refresh_token' }
  | { action: 'wait'; ms: number }
  | { action: 'fail' };

/** 45009 is a frequency block (minute windows last 60 s): wait long enough to leave it. */
const FREQUENCY_DELAYS = [2_000, 10_000, 30_000, 60_000];
const BUSY_DELAYS = [500, 1_000, 2_000];
const TRANSPORT_DELAYS = [500, 2_000, 5_000];

export const TOKEN_ERRCODES = new Set([40014, 42001]);
export const FREQUENCY_ERRCODES = new Set([45009, 45033, 45011]);

/**
 * @param errcode WeCom's errcode, or 'transport' for a timeout / connection failure
 * @param attempt how many times this call has been retried already (0 first)
 * @param refreshed whether the token was already refreshed for this call
 * @param idempotent whether sending the request twice is harmless (reads are; creating a mass message is not)
 */
export function retryOf(errcode: number | 'transport', attempt: number, refreshed: boolean, idempotent: boolean): Retry {
  if (errcode === 'transport') {
    return idempotent && attempt < TRANSPORT_DELAYS.length ? { action: 'wait', ms: TRANSPORT_DELAYS[attempt]! } : { action: 'fail' };
  }
  if (TOKEN_ERRCODES.has(errcode)) return refreshed ? { action: 'fail' } : { action: 'refresh_token' };
  // The request was refused before it did anything: retrying is safe even for writes.
  if (FREQUENCY_ERRCODES.has(errcode)) return attempt < FREQUENCY_DELAYS.length ? { action: 'wait', ms: FREQUENCY_DELAYS[attempt]! } : { action: 'fail' };
  if (errcode === -1) return attempt < BUSY_DELAYS.length ? { action: 'wait', ms: BUSY_DELAYS[attempt]! } : { action: 'fail' };
  return { action: 'fail' };
}

/** Retry delay for a durable job (inbox row, outbox row) after `attempts` failures. */
export function jobRetryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

export type ErrorKind = 'config' | 'token' | 'rate_limited' | 'busy' | 'permission' | 'invalid' | 'pending' | 'transport' | 'other';

/** A typed reading of the errcodes Siyu meets (spec §5 table). */
export function errorKindOf(errcode: number | 'transport'): ErrorKind {
  if (errcode === 'transport') return 'transport';
  if ([40001, 40013, 41001, 48002, 301002].includes(errcode)) return 'config';
  if (TOKEN_ERRCODES.has(errcode)) return 'token';
  if (FREQUENCY_ERRCODES.has(errcode)) return 'rate_limited';
  if (errcode === -1) return 'busy';
  if ([60011, 701008, 81017].includes(errcode)) return 'permission';
  if ([40068, 40071, 40096, 40126, 40128, 40129, 41041, 41045, 41050, 41051].includes(errcode)) return 'invalid';
  if ([41063, 41096].includes(errcode)) return 'pending';
  return 'other';
}
