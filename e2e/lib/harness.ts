/** Helpers for the console e2e tests: screenshots on failure, API calls as the signed-in user. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url));

/** Run a step; when it fails, save a screenshot of the page to e2e/artifacts/<name>.png and rethrow. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}/${name.replace(/[^\w.-]+/g, '_')}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    if (e instanceof Error) e.message += `\n  (screenshot: ${file})`;
    throw e;
  }
}

/** The API as the browser's signed-in user (session cookie + CSRF header). */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'siyu_csrf')?.value ?? '';
  const send = () => page.request.fetch(path, {
    method, headers: { 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  // A kept-alive socket the server closed while idle answers "socket hang up": a read is
  // safe to send again on a fresh one.
  const res = await send().catch((e: unknown) => {
    if (method === 'GET' && /ECONNRESET|socket hang up/.test(String(e))) return send();
    throw e;
  });
  const text = await res.text();
  return { status: res.status(), json: (text ? JSON.parse(text) : undefined) as T };
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('.siyu-header', { timeout: 15_000 });
}
