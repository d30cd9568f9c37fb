/**
 * Doors that answer without a login (WeCom callbacks, shop webhooks) are open to anyone's
 * flood. A sender whose requests keep being refused (bad signature, stale timestamp, bad
 * body) is turned away for the rest of the minute before anything is verified, read or
 * written. Per server process, in memory: it spares the database and the log, and a
 * legitimate sender (whose requests pass) is never counted. Once a sender has been
 * refused, its requests still in flight count too, so a parallel burst gets no further.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { SiyuError } from '../shared/errors.ts';

export interface RefusalLimitOptions {
  /** Refusals a sender may have per minute and door. */
  perMinute: number;
  /** The sender (address) and the door (workspace, source) a request counts against. */
  keyOf: (c: Context) => string;
  now?: () => number;
}

const WINDOW_MS = 60_000;
/** Memory stays bounded whatever the number of senders. */
const MAX_KEYS = 10_000;

export function refusalLimit(opts: RefusalLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { startedAt: number; refused: number; inFlight: number }>();
  const clock = opts.now ?? Date.now;
  const prune = (now: number) => {
    for (const [k, w] of windows) if (now - w.startedAt >= WINDOW_MS) windows.delete(k);
    if (windows.size >= MAX_KEYS) windows.clear();
  };
  return async (c, next) => {
    const now = clock();
    const key = opts.keyOf(c);
    let w = windows.get(key);
    if (w && now - w.startedAt >= WINDOW_MS) {
      w = { startedAt: now, refused: 0, inFlight: w.inFlight };
      windows.set(key, w);
    }
    if (w && w.refused > 0 && w.refused + w.inFlight >= opts.perMinute) {
      const seconds = Math.max(1, Math.ceil((w.startedAt + WINDOW_MS - now) / 1000));
      c.header('retry-after', String(seconds));
      throw new SiyuError('rate_limited', `${w.refused} refused requests from this sender in a minute; try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    if (!w) {
      if (windows.size >= MAX_KEYS) prune(now);
      w = { startedAt: now, refused: 0, inFlight: 0 };
      windows.set(key, w);
    }
    const window = w;
    window.inFlight++;
    try {
      await next();
    } finally {
      window.inFlight--;
    }
    const status = c.res.status;
    if (status >= 400 && status < 500 && status !== 429) window.refused++;
  };
}
