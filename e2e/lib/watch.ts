/**
 * What a screen must never do, watched while a test drives it: page errors (an uncaught
 * exception, React's blank screen), console errors, failed requests (4xx/5xx other than the
 * ones a step expects), and server messages shown to the person untranslated.
 */
import type { Page, Response } from 'playwright-core';

export interface Problem { screen: string; kind: 'page error' | 'console error' | 'request failed' | 'http' | 'untranslated' | 'raw key' | 'raw code' | 'error shown'; text: string }

export interface Watch {
  /** The screen problems are blamed on from now on. */
  at(screen: string): void;
  /** Statuses that are fine for the current screen (e.g. a 403 check), reset by at(). */
  expect(status: number, path: RegExp): void;
  /** Server messages seen in error answers so far (to find them on the page). */
  serverMessages(): string[];
  problems: Problem[];
  /** Wait until no request is in flight and nothing is loading; false if it never settles. */
  settle(timeoutMs?: number): Promise<boolean>;
}

export function watch(page: Page): Watch {
  let screen = '(start)';
  let allowed: { status: number; path: RegExp }[] = [];
  const problems: Problem[] = [];
  const messages = new Set<string>();
  let inflight = 0;
  let lastChange = Date.now();
  const add = (kind: Problem['kind'], text: string) => problems.push({ screen, kind, text: text.slice(0, 500) });
  page.on('pageerror', (e) => add('page error', e.message));
  // A failed fetch also logs "Failed to load resource": the response check below reports it with its URL
  // (or lets it pass when the step expects it).
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) add('console error', m.text()); });
  page.on('request', () => { inflight++; lastChange = Date.now(); });
  const done = () => { inflight = Math.max(0, inflight - 1); lastChange = Date.now(); };
  page.on('requestfinished', done);
  page.on('requestfailed', (r) => {
    done();
    const why = r.failure()?.errorText ?? '';
    // A navigation or a superseded fetch cancels requests on purpose.
    if (!/ERR_ABORTED|NS_BINDING_ABORTED/.test(why)) add('request failed', `${r.method()} ${r.url()}: ${why}`);
  });
  page.on('response', (res: Response) => {
    const status = res.status();
    if (status < 400) return;
    const url = new URL(res.url());
    void res.json().then((j: { message?: unknown }) => { if (typeof j?.message === 'string' && j.message.length > 3) messages.add(j.message); }).catch(() => undefined);
    if (allowed.some((a) => a.status === status && a.path.test(url.pathname))) return;
    add('http', `${res.request().method()} ${url.pathname}${url.search} → ${status}`);
  });
  return {
    problems,
    at(s) { screen = s; allowed = []; },
    expect(status, path) { allowed.push({ status, path }); },
    serverMessages: () => [...messages],
    async settle(timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const loading = await page.locator('.ant-skeleton, .ant-spin-spinning, .ant-btn-loading').count().catch(() => 0);
        if (inflight === 0 && Date.now() - lastChange > 350 && loading === 0) return true;
        await page.waitForTimeout(100);
      }
      return false;
    },
  };
}
