/**
 * Every screen of the navigation, as admin, operator and staff, in Chinese and English:
 * no page error, no console error, no failed request, no server message or raw key shown
 * untranslated, no screen stuck loading, and each role's menu holds only what it may use.
 * A screenshot of every screen goes to e2e/artifacts/screens/ on every run, for people to look at.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { hasChromium, launch, SKIP_REASON, type Launched } from './lib/browser.ts';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from './lib/server.ts';
import { apiCall, ARTIFACTS } from './lib/harness.ts';
import { watch, type Problem, type Watch } from './lib/watch.ts';
import { zh } from '../web/src/i18n/zh.ts';

const skip = !hasChromium() ? SKIP_REASON : process.env.DATABASE_URL ? 'the console end-to-end tests run in the embedded-store pass (DATABASE_URL is set)' : false;
if (skip) console.log(`# skipped: ${skip}`);

const SHOTS = `${ARTIFACTS}/screens`;
const PASSWORD = 'Screens-pass-2026!';
type Role = 'admin' | 'operator' | 'staff';
const MENUS: Record<Role, string[]> = {
  admin: ['/board', '/acquisition', '/roi', '/operations', '/service', '/content', '/funnel', '/churn', '/customers', '/journeys', '/groups', '/tags', '/tasks', '/mass-messages', '/calendar', '/moments', '/materials', '/rules', '/sops', '/wecom', '/users', '/settings'],
  operator: ['/board', '/acquisition', '/roi', '/operations', '/service', '/content', '/funnel', '/churn', '/customers', '/journeys', '/groups', '/tags', '/tasks', '/mass-messages', '/calendar', '/moments', '/materials', '/rules', '/sops', '/settings'],
  staff: ['/board', '/acquisition', '/operations', '/service', '/content', '/funnel', '/churn', '/customers', '/journeys', '/groups', '/tags', '/tasks', '/mass-messages', '/calendar', '/moments', '/materials'],
};
/** Answers a screen expects: the WeCom screen asks for a configuration the demo does not have. */
const EXPECTED: Record<string, [number, RegExp][]> = { '/wecom': [[404, /^\/api\/v1\/wecom\/config$/]] };
const LOGINS: Record<Role, string> = { admin: 'admin', operator: 'e2e-operator', staff: 'e2e-staff' };

/** Message keys of the console's catalogue: one on the page means a label is missing. */
const KEY_PREFIXES = [...new Set(Object.keys(zh).map((k) => k.split('.')[0]!))];
const RAW_KEY = new RegExp(`(?<![\\w./-])(${KEY_PREFIXES.join('|')})\\.[a-z][\\w]*(\\.[\\w]+)*(?![\\w/])`, 'g');
/** Codes the API answers with that a person must see as words, in the Chinese console. */
const RAW_CODES = /(?<![\w-])(pending|done|running|queued|skipped|suppressed|cancelled|female|male|private_chat|moments|marketing|service|sop_step|mass_message|wecom_external_userid|unionid|openid|mobile|order\.paid|task|tag|move)(?![\w-])/g;

async function signIn(page: Page, login: string, password: string): Promise<void> {
  // Through the API, so the console opens signed in (no 401 from the sign-in check).
  const res = await page.request.post('/api/v1/auth/login', { data: { login, password } });
  assert.equal(res.status(), 200, `${login} signs in: ${await res.text()}`);
}

async function check(page: Page, w: Watch, name: string, lang: 'zh' | 'en'): Promise<void> {
  // Settled twice in a row: a query that starts only after another answered (the board after
  // the journey list) must not be caught in between.
  const settled = (await w.settle()) && (await w.settle());
  if (!settled) w.problems.push({ screen: name, kind: 'error shown', text: 'still loading after 15 s' });
  if (await page.locator('canvas').count()) await page.waitForTimeout(600); // chart entry animations, for the picture
  await page.screenshot({ path: `${SHOTS}/${lang}-${name}.png`, fullPage: true });
  const text = await page.locator('#root').innerText();
  for (const m of w.serverMessages()) if (text.includes(m)) w.problems.push({ screen: name, kind: 'untranslated', text: m });
  for (const m of text.matchAll(RAW_KEY)) w.problems.push({ screen: name, kind: 'raw key', text: m[0] });
  if (lang === 'zh') {
    // Data may be anything; the labels around it may not: look only outside inputs and code views.
    const labels = await page.evaluate(() => {
      const root = document.querySelector('#root')!.cloneNode(true) as HTMLElement;
      root.querySelectorAll('textarea, input, pre, code, .task-content, [data-raw]').forEach((e) => e.remove());
      return root.innerText;
    });
    for (const m of labels.matchAll(RAW_CODES)) w.problems.push({ screen: name, kind: 'raw code', text: m[0] });
  }
  const boundary = page.locator('[data-testid=screen-error]');
  if (await boundary.count()) w.problems.push({ screen: name, kind: 'page error', text: await boundary.innerText() });
  const alerts = page.locator('.ant-alert-error, .ant-result-error, .ant-message-error');
  if (await alerts.count()) w.problems.push({ screen: name, kind: 'error shown', text: await alerts.first().innerText() });
}

const report = (ps: Problem[]) => ps.map((p) => `  [${p.screen}] ${p.kind}: ${p.text}`).join('\n');

describe('every screen, every role, both languages', { skip }, () => {
  let server: TestServer;
  let staffId: string;

  before(async () => {
    server = await startTestServer({ demoCustomers: 200 });
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    // An operator and a staff member (owning demo customers) next to the printed admin.
    const b = await launch({ baseURL: server.url });
    try {
      const page = await b.context.newPage();
      await signIn(page, 'admin', ADMIN_PASSWORD);
      const { json: staff } = await apiCall<{ items: { staffId: string; customers: number }[] }>(page, 'GET', '/api/v1/staff');
      staffId = [...staff.items].sort((a, b) => b.customers - a.customers)[0]!.staffId;
      for (const [role, extra] of [['operator', {}], ['staff', { staffId }]] as const) {
        const made = await apiCall(page, 'POST', '/api/v1/users', { login: LOGINS[role], name: role === 'staff' ? '屏幕员工' : '屏幕运营', role, password: PASSWORD, ...extra });
        assert.equal(made.status, 201, JSON.stringify(made.json));
      }
    } finally { await b.close(); }
  });
  after(async () => { await server?.stop(); });

  for (const lang of ['zh', 'en'] as const) {
    for (const role of ['admin', 'operator', 'staff'] as const) {
      test(`${role} in ${lang}`, async () => {
        const b: Launched = await launch({ baseURL: server.url, lang });
        try {
          const page = await b.context.newPage();
          page.setDefaultTimeout(15_000);
          if (role === 'admin') {
            // The sign-in screen itself, before anyone is signed in (the 401 of "who am I" is its job).
            const w0 = watch(page);
            w0.at(`login`);
            w0.expect(401, /^\/api\/v1\/auth\/me$/);
            await page.goto('/', { waitUntil: 'domcontentloaded' });
            await page.locator('#login-username').waitFor();
            await page.screenshot({ path: `${SHOTS}/${lang}-login.png` });
            // A wrong password is refused in the console's language, not the server's words.
            await page.fill('#login-username', 'admin');
            await page.fill('#login-password', 'wrong-password');
            w0.expect(401, /^\/api\/v1\/auth\/login$/);
            await page.click('[data-testid=login-submit]');
            await page.locator('[data-testid=login-error]').waitFor();
            const shown = await page.locator('[data-testid=login-error]').innerText();
            for (const m of w0.serverMessages()) assert.ok(!shown.includes(m), `the sign-in error shows the server's words: ${shown}`);
            await page.screenshot({ path: `${SHOTS}/${lang}-login-refused.png` });
            assert.equal(w0.problems.length, 0, report(w0.problems));
          }
          const w = watch(page);
          await signIn(page, LOGINS[role], role === 'admin' ? ADMIN_PASSWORD : PASSWORD);
          await page.goto('/', { waitUntil: 'domcontentloaded' });
          await page.locator('.siyu-header').waitFor();
          // The menu holds exactly what the role may use.
          await page.locator('.ant-layout-sider .ant-menu-item').first().waitFor();
          const menu = await page.locator('.ant-layout-sider .ant-menu-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-menu-id')?.replace(/^.*?-(\/.*)$/, '$1') ?? ''));
          assert.deepEqual(menu, MENUS[role], `${role}'s menu`);
          for (const [i, path] of menu.entries()) {
            const name = `${role}-${path.slice(1)}`;
            w.at(name);
            for (const [status, re] of EXPECTED[path] ?? []) w.expect(status, re);
            await page.locator('.ant-layout-sider .ant-menu-item').nth(i).click();
            await page.waitForURL((u) => u.pathname.startsWith(path));
            // The router renders a navigation as a transition: the URL changes first and the old
            // screen can stay up a while. The menu marks the new item only once the new screen is in.
            await page.locator('.ant-layout-sider .ant-menu-item').nth(i).and(page.locator('.ant-menu-item-selected')).waitFor();
            await check(page, w, name, lang);
          }
          // A customer's 360 view, reached from the list.
          w.at(`${role}-customer-360`);
          await page.goto('/customers', { waitUntil: 'domcontentloaded' });
          await page.locator('[data-testid=customer-link]').first().click();
          await page.locator('[data-testid=customer-360]').waitFor();
          await check(page, w, `${role}-customer-360`, lang);
          // A screen the role may not use sends it home instead of a 403.
          if (role === 'staff') {
            w.at('staff-rules-direct');
            await page.goto('/rules', { waitUntil: 'domcontentloaded' });
            await page.locator('[data-testid=tasks-page]').waitFor();
          }
          await w.settle();
          assert.equal(w.problems.length, 0, `problems on ${role}'s screens in ${lang}:\n${report(w.problems)}\n  (screenshots: ${SHOTS})`);
        } finally { await b.close(); }
      });
    }
  }
});
