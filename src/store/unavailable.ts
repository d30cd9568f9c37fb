/**
 * Telling "the database is gone for a moment" apart from "this statement is wrong".
 * A lost connection (server restart, failover, pg_terminate_backend, network blip) is not
 * the request's fault: it becomes SiyuError('store_unavailable') — 503 at the HTTP edge,
 * retry-able — and background work keeps its queue and tries again later.
 */
import { SiyuError } from '../shared/errors.ts';

/** Node socket errors that mean the server cannot be reached or the connection died. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * SQLSTATEs of a lost or refused connection: class 08 (connection exception), 57P01–57P03
 * (administrator / crash shutdown, cannot connect now) and 53300 (too many connections).
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

const MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Connection ended unexpectedly/i,
  /server closed the connection unexpectedly/i,
  /PGlite is closed/i,
];

export function isConnectionError(err: unknown): boolean {
  if (err instanceof SiyuError) return err.code === 'store_unavailable';
  if (!(err instanceof Error)) return false;
  // The embedded store's WebAssembly instance failed (not a statement's error): unavailable, not a 500.
  if (err.name === 'RuntimeError') return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
  return MESSAGES.some((m) => m.test(err.message));
}

/** The error a caller sees for a lost connection: store_unavailable, worth retrying. */
export function storeUnavailable(err: unknown, where: string): SiyuError {
  if (err instanceof SiyuError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new SiyuError(
    'store_unavailable',
    `The database (${where}) is unavailable for the moment: ${reason}. Nothing was lost that was acknowledged; retry the request (events and imports are idempotent).`,
    { retryable: true, reason },
  );
}

/** Pass statement errors through unchanged; turn connection errors into store_unavailable. */
export function translateStoreError(err: unknown, where: string): unknown {
  return isConnectionError(err) ? storeUnavailable(err, where) : err;
}

/**
 * Backoff for a background loop whose database went away: the first failure is logged,
 * then the loop waits 1 s, 2 s, 4 s … up to `maxMs` between attempts (its work stays in
 * its durable queue meanwhile), and the recovery is logged once.
 */
export class Backoff {
  private failures = 0;
  private until = 0;
  private readonly name: string;
  private readonly log: (line: string) => void;
  private readonly baseMs: number;
  private readonly maxMs: number;
  constructor(name: string, log: (line: string) => void, baseMs = 1000, maxMs = 30_000) {
    this.name = name;
    this.log = log;
    this.baseMs = baseMs;
    this.maxMs = maxMs;
  }

  /** Whether the loop may try now. */
  ready(now = Date.now()): boolean {
    return now >= this.until;
  }

  /** Record a failed attempt; returns how long to wait before the next one. */
  failed(err: unknown, now = Date.now()): number {
    this.failures++;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures - 1, 20));
    this.until = now + delay;
    const reason = err instanceof Error ? err.message : String(err);
    // A database outage is logged once, not at every retry; other failures every time.
    if (this.failures === 1 || !isConnectionError(err)) {
      this.log(`${this.name}: ${reason}${isConnectionError(err) ? ' (its work stays queued; retrying with backoff)' : ''}`);
    }
    return delay;
  }

  succeeded(): void {
    if (this.failures > 0) this.log(`${this.name}: working again after ${this.failures} failed attempt(s)`);
    this.failures = 0;
    this.until = 0;
  }
}
