/**
 * Debian's Chromium driven by playwright-core, with the flags this machine needs
 * (no sandbox as root, no background networking: the network is closed).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.SIYU_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);
export const SKIP_REASON = `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set SIYU_CHROMIUM) to run the e2e tests`;

export interface Launched { context: BrowserContext; close(): Promise<void> }

export async function launch(opts: { lang?: 'zh' | 'en'; baseURL: string }): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'siyu-chromium-'));
  // A fresh profile directory each launch (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
    baseURL: opts.baseURL, viewport: { width: 1440, height: 900 }, locale: opts.lang === 'en' ? 'en-US' : 'zh-CN',
    timezoneId: 'Asia/Shanghai', permissions: ['clipboard-read', 'clipboard-write'],
  });
  if (opts.lang === 'en') await context.addInitScript(() => { if (!localStorage.getItem('siyu.lang')) localStorage.setItem('siyu.lang', 'en'); });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
