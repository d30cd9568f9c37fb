/**
 * Screenshots of every console screen in Chinese and English, for people to look at:
 *   node e2e/shots.ts [baseURL] [outDir]      (default http://127.0.0.1:3000, /tmp/siyu-shots)
 * Logs in as admin with SIYU_ADMIN_PASSWORD when the server asks for it.
 */
import { mkdirSync } from 'node:fs';
import { launch } from './lib/browser.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? '/tmp/siyu-shots';
const only = process.env.SHOTS;
mkdirSync(out, { recursive: true });
const pages: [string, string][] = [
  ['board', '/board'], ['acquisition', '/acquisition'], ['roi', '/roi'], ['operations', '/operations'], ['service', '/service'],
  ['content', '/content'], ['funnel', '/funnel'], ['churn', '/churn'], ['customers', '/customers'],
  ['customer-360', process.env.SHOTS_CUSTOMER ? `/customers/${process.env.SHOTS_CUSTOMER}` : '/customers/5'],
  ['journeys', '/journeys'], ['groups', '/groups'], ['tags', '/tags'], ['tasks', '/tasks'], ['mass', '/mass-messages'],
  ['calendar', '/calendar'], ['moments', '/moments'], ['materials', '/materials'], ['rules', '/rules'], ['sops', '/sops'],
  ['wecom', '/wecom'], ['users', '/users'], ['settings', '/settings'],
];
for (const lang of ['zh', 'en'] as const) {
  const b = await launch({ lang, baseURL: base });
  const page = await b.context.newPage();
  page.on('pageerror', (e) => console.error(`[${lang}] page error:`, e.message));
  await page.goto('/');
  // Either the sign-in form or the signed-in shell, whichever the console draws first.
  await page.locator('#login-username, .siyu-header').first().waitFor({ timeout: 30_000 });
  if (await page.locator('#login-username').isVisible()) {
    await page.screenshot({ path: `${out}/${lang}-login.png` });
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', process.env.SIYU_ADMIN_PASSWORD ?? '');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('.siyu-header');
  }
  for (const [name, path] of pages) {
    if (only && !only.split(',').includes(name)) continue;
    await page.goto(path);
    // Settled: no request in flight, no skeleton left, charts drawn (capped: a screen that never
    // settles is still worth a picture).
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), undefined, { timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(400); // chart entry animations
    await page.screenshot({ path: `${out}/${lang}-${name}.png`, fullPage: name !== 'journeys' });
    console.log(`${out}/${lang}-${name}.png`);
  }
  await b.close();
}
