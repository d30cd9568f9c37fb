/**
 * The console end to end, in Debian's headless Chromium against the real server:
 * a new operator signs in, creates a staff account, finds a customer by phone and sees why
 * they are at their trust level, moves them on the journey board (and their tags change),
 * dry-runs a rule, sends a mass message and sees the staff tasks — in Chinese and English.
 * Every test fails on a page error, a console error or a failed request it did not expect.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { hasChromium, launch, SKIP_REASON, type Launched } from './lib/browser.ts';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from './lib/server.ts';
import { apiCall, ARTIFACTS, login, step } from './lib/harness.ts';
import { watch, type Watch } from './lib/watch.ts';

// The console runs on the embedded store either way, so the suite's server pass
// (DATABASE_URL set) leaves it to the embedded pass instead of running it twice.
const skip = !hasChromium() ? SKIP_REASON : process.env.DATABASE_URL ? 'the console end-to-end tests run in the embedded-store pass (DATABASE_URL is set)' : false;
if (skip) console.log(`# skipped: ${skip}`);

interface Item { customerId: number; name: string | null; phone: string | null; ownerStaff: string | null; trustLevel: number | null }

/** Wait for the mass-message plan or its error; an error fails with the words the page shows. */
async function planOrError(page: Page): Promise<void> {
  await page.locator('[data-testid=mass-plan] .ant-statistic, [data-testid=mass-error]').first().waitFor();
  await failOnError(page);
}
async function failOnError(page: Page): Promise<void> {
  const error = page.locator('[data-testid=mass-error]');
  if (await error.count()) assert.fail(`the mass-message page shows an error: ${await error.innerText()}`);
}

describe('console', { skip }, () => {
  let server: TestServer;
  let browser: Launched;
  let page: Page;
  let w: Watch;

  before(async () => {
    server = await startTestServer({ demoCustomers: 200 });
    browser = await launch({ baseURL: server.url, lang: 'zh' });
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(30_000);
    w = watch(page);
  });
  beforeEach((t) => { w.at(t.name); w.problems.length = 0; });
  afterEach(async () => {
    await w.settle(5_000);
    const problems = w.problems.splice(0);
    assert.deepEqual(problems.map((p) => `${p.kind}: ${p.text}`), [], 'no page error, console error or failed request');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('signs in with the printed admin password (a wrong one is refused in plain words)', async () => {
    await step(page, 'login', async () => {
      // Not signed in yet, then a wrong password: both answered 401 on purpose.
      w.expect(401, /^\/api\/v1\/auth\/(me|login)$/);
      await page.goto('/', { waitUntil: 'domcontentloaded' });
      await page.fill('#login-username', 'admin');
      await page.fill('#login-password', 'wrong-password');
      await page.click('[data-testid=login-submit]');
      await page.waitForSelector('[data-testid=login-error]');
      await page.fill('#login-password', ADMIN_PASSWORD);
      await page.click('[data-testid=login-submit]');
      await page.waitForSelector('[data-testid=board-page]');
      assert.match(await page.locator('.siyu-header').innerText(), /管理员/);
      await page.waitForSelector('[data-testid=chart-trust] canvas');
      await page.waitForSelector('[data-testid=chart-flow] canvas');
    });
  });

  test('creates a staff account', async () => {
    await step(page, 'create-staff', async () => {
      await page.goto('/users', { waitUntil: 'domcontentloaded' });
      await page.click('[data-testid=user-new]');
      await page.fill('#user-login', 'lihua');
      await page.fill('#user-name', '李华');
      await page.fill('#user-staff', 'lina');
      await page.fill('#user-password', 'Staff-pass-2026!');
      await page.click('[data-testid=user-create]');
      await page.locator('[data-testid=user-table]').getByText('lihua', { exact: true }).waitFor();
    });
  });

  test('resets a password (shown once, labelled as a password), disables, enables and deletes an account', async () => {
    await step(page, 'users-manage', async () => {
      await page.goto('/users', { waitUntil: 'domcontentloaded' });
      await page.click('[data-testid=user-new]');
      await page.fill('#user-login', 'temp-e2e');
      // The staff id is picked from the known staff, by name.
      await page.fill('#user-staff', '王芳');
      await page.locator('.ant-select-item-option', { hasText: 'wangfang' }).first().click();
      assert.equal(await page.inputValue('#user-staff'), 'wangfang');
      await page.click('[data-testid=user-create]');
      const otp = page.locator('[data-testid=one-time-password]');
      await otp.waitFor();
      const first = (await otp.innerText()).trim();
      assert.match(await page.locator('.ant-alert', { has: otp }).innerText(), /一次性密码/);
      await page.click('[data-testid=user-reset-temp-e2e]');
      await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-btn-primary').last().click();
      await page.waitForFunction((was) => {
        const el = document.querySelector('[data-testid=one-time-password]');
        return !!el && (el.textContent ?? '').trim() !== was && /已重置/.test(el.closest('.ant-alert')?.textContent ?? '');
      }, first);
      const row = page.locator('[data-testid=user-table] tr', { hasText: 'temp-e2e' });
      await page.click('[data-testid=user-toggle-temp-e2e]');
      await row.getByText('已停用').waitFor();
      await page.click('[data-testid=user-toggle-temp-e2e]');
      await row.getByText('已启用').waitFor();
      await row.getByRole('button', { name: '删 除' }).or(row.getByRole('button', { name: '删除' })).click();
      await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-btn-primary').last().click();
      await row.getByText('已停用').waitFor();
    });
  });

  test('filters customers, finds one by phone and explains their trust level', async () => {
    await step(page, 'customers', async () => {
      const { json } = await apiCall<{ items: Item[] }>(page, 'GET', '/api/v1/customers?limit=50&filter=' + encodeURIComponent(JSON.stringify({ field: 'trustLevel', op: 'eq', value: 3 })));
      const target = json.items.find((c) => c.phone && c.name);
      assert.ok(target, 'an L3 customer with a phone in the demo');
      await page.goto('/customers', { waitUntil: 'domcontentloaded' });
      const count = page.locator('[data-testid=customer-count]');
      await count.waitFor();
      const all = await count.innerText();
      // Filter: trust level = L3.
      await page.click('[data-testid=filter-add]');
      await page.locator('[data-testid=filter-value]').click();
      await page.locator('.ant-select-item-option[title="L3"]').click();
      await page.locator('[data-testid=customer-search] .ant-input-search-btn').click();
      await page.waitForFunction((before) => document.querySelector('[data-testid=customer-count]')?.textContent !== before, all);
      assert.notEqual(await count.innerText(), all);
      // Search by phone, national digits only.
      await page.fill('[data-testid=customer-search] input', target.phone!.replace(/^\+86/, ''));
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /：1 人/.test(document.querySelector('[data-testid=customer-count]')?.textContent ?? ''));
      await page.locator('[data-testid=customer-link]').first().click();
      await page.waitForSelector('[data-testid=customer-360]');
      assert.equal((await page.locator('[data-testid=customer-name]').innerText()).split(' ')[0]?.trim(), target.name);
      assert.match(await page.locator('[data-testid=trust-card]').innerText(), /L3/);
      assert.ok((await page.locator('[data-testid=trust-card] [data-testid=evidence] li').count()) > 0, 'evidence is listed');
      assert.match(await page.locator('[data-testid=trust-card] [data-testid=guidance]').innerText(), /目标/);
      // The timeline comes from the API: events and model changes, newest first.
      await page.locator('[data-testid=customer-timeline] [data-testid=timeline-entry]').first().waitFor();
    });
  });

  test('filters customers by owner, the staff member picked by name from a list', async () => {
    await step(page, 'customers-owner', async () => {
      const { json } = await apiCall<{ count: number }>(page, 'POST', '/api/v1/audiences/count', { filter: { field: 'ownerStaff', op: 'in', values: ['lina'] } });
      await page.goto('/customers', { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid=customer-count]').waitFor();
      await page.click('[data-testid=filter-add]');
      await page.locator('[data-testid=filter-field]').last().click();
      await page.keyboard.type('归属员工');
      await page.locator('.ant-select-item-option[title="归属员工"]').click();
      await page.locator('[data-testid=filter-values]').last().click();
      await page.locator('.ant-select-item-option', { hasText: '李娜' }).first().click();
      await page.keyboard.press('Escape');
      await page.locator('[data-testid=customer-search] .ant-input-search-btn').click();
      await page.waitForFunction((n) => (document.querySelector('[data-testid=customer-count]')?.textContent ?? '').includes(`：${n.toLocaleString('en-US')} 人`) || (document.querySelector('[data-testid=customer-count]')?.textContent ?? '').includes(`：${n} 人`), json.count);
    });
  });

  test('moves a card across journey stages by drag and by menu, and the tags change', async () => {
    await step(page, 'journey-board', async () => {
      await page.goto('/journeys', { waitUntil: 'domcontentloaded' });
      // The demo has the five journey templates installed; the board opens on the first, 购买频次.
      await page.waitForSelector('[data-testid=kcol-尚未购买]');
      const { json: list } = await apiCall<{ items: Item[] }>(page, 'GET', '/api/v1/customers?limit=3');
      const ids = list.items.map((c) => c.customerId);
      const { json: j } = await apiCall<{ items: { journeyId: number }[] }>(page, 'GET', '/api/v1/journeys');
      const moved = await apiCall(page, 'POST', `/api/v1/journeys/${j.items[0]!.journeyId}/moves`, { customerIds: ids, stage: '尚未购买', reason: 'e2e setup' });
      assert.equal(moved.status, 200, JSON.stringify(moved.json));
      await page.reload();
      const card = page.locator(`[data-testid=kcard-${ids[0]}]`);
      await card.waitFor();
      const target = page.locator('[data-testid=kcol-已购买]');
      const before = Number(await target.locator('[data-testid=stage-count]').innerText());
      const from = (await card.boundingBox())!;
      const to = (await target.boundingBox())!;
      await page.mouse.move(from.x + from.width - 40, from.y + from.height - 16);
      await page.mouse.down();
      await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
      await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
      await page.mouse.up();
      // The move asks for its reason (and cannot go without one), then says where the card went, by name.
      await page.locator('[data-testid=move-reason]').waitFor();
      assert.equal(await page.locator('[data-testid=move-confirm]').isDisabled(), true, 'no move without a reason');
      await page.fill('[data-testid=move-reason]', '电话确认已在门店下单');
      await page.click('[data-testid=move-confirm]');
      assert.match(await page.locator('[data-testid=move-done]').innerText(), /移到「已购买」/);
      await target.locator(`[data-testid=kcard-${ids[0]}]`).waitFor({ timeout: 10_000 });
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=kcol-已购买] [data-testid=stage-count]')?.textContent === String(n), before + 1);
      // The keyboard/menu way: "move to…" on the second card.
      await page.locator(`[data-testid=kcard-${ids[1]}] [data-testid=card-move]`).click();
      await page.locator('.ant-dropdown-menu-item', { hasText: '关注中' }).click();
      await page.fill('[data-testid=move-reason]', '主动咨询了新品');
      await page.click('[data-testid=move-confirm]');
      await page.locator(`[data-testid=kcol-关注中] [data-testid=kcard-${ids[1]}]`).waitFor({ timeout: 10_000 });
      // …and a move can be undone: the card goes back.
      await page.locator('[data-testid=move-undo]').last().click();
      await page.locator(`[data-testid=kcol-尚未购买] [data-testid=kcard-${ids[1]}]`).waitFor({ timeout: 10_000 });
      // The customer's tags changed with the move.
      await page.goto(`/customers/${ids[0]}`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid=customer-tags]').getByText('已购买').waitFor();
      assert.doesNotMatch(await page.locator('[data-testid=customer-tags]').innerText(), /尚未购买/);
    });
  });

  test('dry-runs a rule and shows who it would affect', async () => {
    await step(page, 'rule-dry-run', async () => {
      await page.goto('/rules', { waitUntil: 'domcontentloaded' });
      await page.click('[data-testid=rule-dry-run]');
      const result = page.locator('[data-testid=rule-dry-run-result]');
      await result.waitFor();
      assert.match(await result.innerText(), /触发次数/);
      assert.match(await result.innerText(), /给员工生成任务/, 'the action reads as words, not "#0 task"');
    });
  });

  test('previews and sends a mass message, and the staff tasks appear', async () => {
    await step(page, 'mass-message', async () => {
      await page.goto('/mass-messages', { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=mass-live-count]')?.textContent ?? ''));
      await page.fill('[data-testid=mass-title]', '双十二会员日');
      await page.fill('[data-testid=mass-content]', '{name}您好，会员日全场 8 折，欢迎来看看～ {staff}');
      await page.click('[data-testid=mass-preview]');
      const plan = page.locator('[data-testid=mass-plan]');
      await planOrError(page);
      assert.match(await plan.innerText(), /被策略拦下/);
      await page.click('[data-testid=mass-send]');
      await page.click('[data-testid=mass-send-confirm]');
      await page.locator('[data-testid=mass-go-tasks], [data-testid=mass-error]').first().waitFor();
      await failOnError(page);
      await page.click('[data-testid=mass-go-tasks]');
      await page.waitForSelector('[data-testid=tasks-page]');
      await page.locator('[data-testid=task-card]', { hasText: '双十二会员日' }).first().waitFor();
    });
  });

  test('schedules a mass message for later, cancels it, and sees the plan on the operations calendar', async () => {
    await step(page, 'scheduled-send', async () => {
      await page.goto('/mass-messages', { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=mass-live-count]')?.textContent ?? ''));
      await page.fill('[data-testid=mass-title]', '周末早市预告');
      await page.fill('[data-testid=mass-content]', '{name}您好，周六早市新到一批草莓～');
      await page.locator('[data-testid=mass-when]').getByText('定时发送').click();
      const at = new Date(Date.now() + 3 * 86_400_000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
      const picker = page.locator('input[data-testid=mass-send-at], [data-testid=mass-send-at] input').first();
      await picker.click();
      await picker.fill(`${at} 10:00`);
      await page.keyboard.press('Enter');
      await page.click('[data-testid=mass-schedule]');
      await page.click('[data-testid=mass-schedule-confirm]');
      const row = page.locator('[data-testid=scheduled-sends] tr', { hasText: '周末早市预告' });
      await row.waitFor();
      assert.match(await row.innerText(), /待发送/);
      await page.goto('/calendar', { waitUntil: 'domcontentloaded' });
      await page.locator(`[data-testid=calendar-day-${at}]`, { hasText: '周末早市预告' }).waitFor();
      await page.goto('/mass-messages', { waitUntil: 'domcontentloaded' });
      await row.waitFor();
      await row.locator('[data-testid^=sched-cancel-]').click();
      await page.locator('[data-testid=sched-cancel-confirm]:visible').click();
      await page.locator('[data-testid=scheduled-sends] tr', { hasText: '周末早市预告' }).filter({ hasText: '已取消' }).waitFor();
    });
  });

  test('completes a task from Customer 360', async () => {
    await step(page, 'c360-task', async () => {
      const { json } = await apiCall<{ items: { taskId: number; customerId: number | null }[] }>(page, 'GET', '/api/v1/tasks?status=pending&limit=100');
      const task = json.items.find((k) => k.customerId !== null);
      assert.ok(task, 'a pending task for one customer in the demo');
      await page.goto(`/customers/${task.customerId}`, { waitUntil: 'domcontentloaded' });
      const buttons = page.locator('[data-testid=c360-task-sent]');
      await buttons.first().waitFor();
      const before = await buttons.count();
      await buttons.first().click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=c360-task-sent]').length === n - 1, before);
    });
  });

  test('keeps the customer record in Customer 360: a remark for WeCom, a follow-up, a coupon', async () => {
    await step(page, 'c360-record', async () => {
      const { json } = await apiCall<{ items: { customerId: number; ownerStaff: string | null }[] }>(page, 'GET', '/api/v1/customers?limit=50');
      const c = json.items.find((x) => x.ownerStaff !== null);
      assert.ok(c, 'a customer with an owner in the demo');
      await page.goto(`/customers/${c.customerId}`, { waitUntil: 'domcontentloaded' });
      await page.click('[data-testid=record-edit]');
      await page.locator('[data-testid=record-remark-input]').fill('e2e·老客户');
      await page.locator('.ant-modal .ant-btn-primary').click();
      await page.locator('[data-testid=record-remark]', { hasText: 'e2e·老客户' }).waitFor();
      await page.locator('[data-testid=record-sync]', { hasText: '待同步到企微' }).waitFor();
      await page.locator('[data-testid=followup-note]').fill('电话回访·e2e');
      await page.click('[data-testid=followup-add]');
      await page.locator('[data-testid=followup-entry]', { hasText: '电话回访·e2e' }).waitFor();
      const coupons = page.locator('[data-testid=coupon-entry]');
      const before = await coupons.count();
      await page.locator('[data-testid=coupon-pick]').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option').first().click();
      await page.click('[data-testid=coupon-issue]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=coupon-entry]').length === n + 1, before);
    });
  });

  test('creates an SOP with the form builder and switches it on', async () => {
    await step(page, 'sop-builder', async () => {
      await page.goto('/sops', { waitUntil: 'domcontentloaded' });
      await page.click('[data-testid=sop-new]');
      await page.locator('[data-testid=sop-builder]').waitFor();
      await page.fill('[data-testid=sb-name] ', '入群欢迎·e2e');
      await page.locator('[data-testid=sb-stage]').click();
      await page.locator('.ant-select-item-option[title="已入群"]').first().click();
      await page.locator('[data-testid=sb-stage]', { hasText: '已入群' }).waitFor();
      await page.locator('[data-testid=sb-content]').first().fill('{name}，欢迎入群！群里每周三有会员专享～送您一张券 {coupon}。{staff}');
      // The first step takes a material from the library and a coupon, both picked from lists.
      const firstStep = page.locator('[data-testid=sb-step]').first();
      await firstStep.locator('[data-testid=sb-materials]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="新客欢迎语"]').click();
      await page.keyboard.press('Escape');
      await firstStep.locator('[data-testid=sb-coupon]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="新品尝鲜"]').click();
      await page.screenshot({ path: `${ARTIFACTS}/sop-builder-pickers.png`, fullPage: true });
      await page.click('[data-testid=sop-dry-run]');
      await page.locator('[data-testid=sop-dry-run-result]').waitFor();
      await page.click('[data-testid=sop-save]');
      const item = page.locator('[data-testid="sop-入群欢迎·e2e"]');
      await item.waitFor();
      const { json: mats } = await apiCall<{ items: { materialId: number; title: string }[] }>(page, 'GET', '/api/v1/materials?limit=500');
      const welcome = mats.items.find((m) => m.title === '新客欢迎语');
      assert.ok(welcome, 'the demo library has the welcome text');
      const { json: list } = await apiCall<{ items: { sopId: number; name: string }[] }>(page, 'GET', '/api/v1/sops');
      const saved = list.items.find((x) => x.name === '入群欢迎·e2e');
      assert.ok(saved, 'the SOP is saved');
      const { json: full } = await apiCall<{ definition: { steps: { attachments?: { kind: string; ref: string }[]; couponId?: string }[] } }>(page, 'GET', `/api/v1/sops/${saved.sopId}`);
      assert.deepEqual([full.definition.steps[0]?.attachments, full.definition.steps[0]?.couponId],
        [[{ kind: 'material', ref: String(welcome.materialId) }], 'CPN-PRODUCT-A-20']);
      // Opened again, the pickers show what was picked, by name.
      await page.click('[data-testid="sop-已购买·订单关怀"]');
      await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid=sb-name]')?.value === '已购买·订单关怀');
      await item.click();
      const reopened = page.locator('[data-testid=sb-step]').first();
      await reopened.locator('[data-testid=sb-materials]', { hasText: '新客欢迎语' }).waitFor();
      await reopened.locator('[data-testid=sb-coupon]', { hasText: '新品尝鲜' }).waitFor();
      await item.locator('[data-testid=sop-toggle]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="sop-入群欢迎·e2e"] [data-testid=sop-toggle]')?.getAttribute('aria-checked') === 'true');
      const { json } = await apiCall<{ items: { name: string; enabled: boolean; stage: { path: string } }[] }>(page, 'GET', '/api/v1/sops');
      const sop = json.items.find((x) => x.name === '入群欢迎·e2e');
      assert.deepEqual([sop?.enabled, sop?.stage.path], [true, '购买频次/已入群']);
      await page.locator('[data-testid=sop-deliveries]').waitFor();
      // The demo's order-care SOP has been working: its latest deliveries name their customers.
      await page.click('[data-testid="sop-已购买·订单关怀"]');
      const recent = page.locator('[data-testid=sop-recent] tbody tr');
      await recent.first().waitFor();
      assert.doesNotMatch(await recent.first().locator('a').innerText(), /^#?\d+$/, 'a name, not an id');
    });
  });

  test('creates a rule with the form builder, saved off, then switches it on', async () => {
    await step(page, 'rule-builder', async () => {
      await page.goto('/rules', { waitUntil: 'domcontentloaded' });
      await page.click('[data-testid=rule-new]');
      await page.locator('[data-testid=rule-saved-disabled]').waitFor();
      // The example's condition (trust level ≥ 3) is shown as a row of the filter builder, not as JSON.
      const row = page.locator('[data-testid=rule-builder] [data-testid=filter-row]');
      await row.first().waitFor();
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /信任/);
      await page.fill('[data-testid=rb-name]', '付款后回访·e2e');
      await page.fill('[data-testid=rb-task-title]', '回访新订单');
      await page.locator('[data-testid=rb-coupon]').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="VIP 专享"]').click();
      await page.locator('[data-testid=rb-coupon]', { hasText: 'VIP 专享' }).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/rule-builder-pickers.png`, fullPage: true });
      await page.click('[data-testid=rule-save]');
      const item = page.locator('[data-testid="rule-付款后回访·e2e"]');
      await item.waitFor();
      assert.equal(await item.locator('[data-testid=rule-toggle]').getAttribute('aria-checked'), 'false', 'a new rule is saved off');
      await item.locator('[data-testid=rule-toggle]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="rule-付款后回访·e2e"] [data-testid=rule-toggle]')?.getAttribute('aria-checked') === 'true');
      const { json } = await apiCall<{ items: { name: string; enabled: boolean; definition: { trigger: { kind: string; event?: string }; actions: { type: string; title?: string; couponId?: string }[] } }[] }>(page, 'GET', '/api/v1/rules');
      const rule = json.items.find((x) => x.name === '付款后回访·e2e');
      assert.deepEqual([rule?.enabled, rule?.definition.trigger.event, rule?.definition.actions[0]?.title, rule?.definition.actions[0]?.couponId],
        [true, 'order.paid', '回访新订单', 'CPN-VIP-50']);
      await page.locator('[data-testid=rule-runs]').waitFor();
    });
  });

  test('a screen that fails shows the error and a way back, and the rest of the console keeps working', async () => {
    await step(page, 'boundary', async () => {
      // An answer of a shape the console does not expect (as a drifted server would send) crashes the SOP screen on purpose.
      const drifted = (url: URL) => url.pathname === '/api/v1/sops';
      await page.route(drifted, (route) => route.fulfill({
        status: 200, contentType: 'application/json', body: JSON.stringify({ items: [{ sopId: 1, name: '漂移', enabled: false, stage: null }] }),
      }));
      try {
        await page.goto('/sops', { waitUntil: 'domcontentloaded' });
        const failed = page.locator('[data-testid=screen-error]');
        await failed.waitFor();
        assert.match(await failed.innerText(), /这个页面出错了[\s\S]*path/, 'the error is named on the screen');
        assert.match(await page.locator('.ant-layout-sider').innerText(), /客户/, 'the menu is still there');
      } finally {
        await page.unroute(drifted);
      }
      await page.click('[data-testid=screen-error-home]');
      await page.waitForSelector('[data-testid=board-page]');
      assert.equal(await page.locator('[data-testid=screen-error]').count(), 0);
      await page.goto('/sops', { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('[data-testid=sop-list]');
      // React reports the error it caught (on the console, and as #520 when it first met it in a
      // concurrent render and retried): that one was provoked here.
      const provoked = (p: { kind: string; text: string }) => (p.kind === 'console error' && /path/.test(p.text)) || (p.kind === 'page error' && /React error #520\b/.test(p.text));
      for (let i = w.problems.length - 1; i >= 0; i--) if (provoked(w.problems[i]!)) w.problems.splice(i, 1);
    });
  });

  test('exports the customers it can see as CSV', async () => {
    await step(page, 'customers-export', async () => {
      await page.goto('/customers', { waitUntil: 'domcontentloaded' });
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=customers-export]')]);
      const file = await download.path();
      const { readFileSync } = await import('node:fs');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      assert.ok(lines.length > 100, `the demo's customers are exported (${lines.length} lines)`);
      assert.match(lines[0]!, /customer/i);
    });
  });

  test('the staff member signs in and sees their own tasks and focus list, in English', async () => {
    await step(page, 'staff-english', async () => {
      await page.click('[data-testid=user-menu]');
      await page.getByText('退出登录').click();
      await page.waitForSelector('#login-username');
      w.expect(401, /^\/api\/v1\/auth\/me$/); // signed out: the console asks who is there before the sign-in
      await page.click('[data-testid=lang-switch]');
      await login(page, 'lihua', 'Staff-pass-2026!');
      await page.waitForSelector('[data-testid=tasks-page]');
      assert.match(await page.locator('.ant-layout-sider').innerText(), /Customers/);
      assert.match(await page.locator('[data-testid=focus-list]').innerText(), /Focus list/);
      // The mass message made a task for lina (李华's staff id): it is on her list.
      await page.goto('/tasks?view=pending', { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid=task-card]', { hasText: '双十二会员日' }).first().waitFor();
      await page.goto('/customers', { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid=customer-count]').waitFor();
      assert.match(await page.locator('[data-testid=customer-count]').innerText(), /customers match/);
    });
  });
});
