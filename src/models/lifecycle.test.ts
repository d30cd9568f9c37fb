import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ecommerceStage, salesStage } from './lifecycle.ts';
import { evaluate } from './evaluate.ts';
import { DEFAULT_MODEL_CONFIG, parseModelConfig } from './config.ts';
import type { LifecycleEcommerce, LifecycleSales, ModelInput, TrustLevel } from './types.ts';
import { AS_OF, TZ, at, customer, stats } from './test-input.ts';

test('both paths, from orders and the computed trust level', () => {
  const cases: [Partial<ModelInput>, TrustLevel, LifecycleEcommerce, LifecycleSales][] = [
    [{}, 0, '新进', '陌生'],
    // Seed 003: 潜在 = "聊过几句、朋友圈点过赞" — a Moments like, a group word or a few messages (L1).
    [{ momentsInteractions: 2 }, 1, '新进', '潜在'],
    [{ groupInteractions: 1 }, 1, '新进', '潜在'],
    [{ messagesReceived: 2 }, 1, '新进', '潜在'],
    [{ contentViews: 4 }, 0, '新进', '陌生'],
    [{ chatRounds: 3 }, 2, '新进', '潜在'],
    [{ intentHits: 1 }, 3, '新进', '意向'],
    [{ fullyRefundedOrders: 1, intentHits: 1 }, 3, '新进', '意向'],
    [{ paidOrders: 1 }, 4, '首购', '首单'],
    [{ paidOrders: 2 }, 4, '复购', '复购'],
    [{ paidOrders: 7 }, 4, '复购', '复购'],
    [{ paidOrders: 3 }, 5, '超级用户', '超级用户'],
    // A workspace whose L5 needs only one order: the super user outranks 首购 / 首单.
    [{ paidOrders: 1 }, 5, '超级用户', '超级用户'],
  ];
  for (const [over, trust, eco, sales] of cases) {
    const c = customer(over);
    assert.equal(ecommerceStage(c, trust), eco, `${JSON.stringify(over)} L${trust}`);
    assert.equal(salesStage(c, trust), sales, `${JSON.stringify(over)} L${trust}`);
  }
});

test('a path the workspace does not run is null', () => {
  const c = customer({ paidOrders: 1, paidFen: 100, lastPaidAt: at('2026-11-01 10:00') });
  const cases: [('ecommerce' | 'sales')[], LifecycleEcommerce | null, LifecycleSales | null][] = [
    [['ecommerce', 'sales'], '首购', '首单'],
    [['ecommerce'], '首购', null],
    [['sales'], null, '首单'],
  ];
  for (const [paths, eco, sales] of cases) {
    const out = evaluate(c, parseModelConfig({ lifecycle: { paths } }), stats(), AS_OF, TZ);
    assert.deepEqual(out.lifecycle, { ecommerce: eco, sales }, paths.join('+'));
  }
});

test('lifecycle follows the computed trust level, not a pin', () => {
  const pinnedUp = evaluate(customer({ pins: { trust: 5 } }), DEFAULT_MODEL_CONFIG, stats(), AS_OF, TZ);
  assert.equal(pinnedUp.trust.level, 5);
  assert.deepEqual(pinnedUp.lifecycle, { ecommerce: '新进', sales: '陌生' });
  const pinnedIntent = evaluate(customer({ chatRounds: 3, pins: { trust: 3 } }), DEFAULT_MODEL_CONFIG, stats(), AS_OF, TZ);
  assert.equal(pinnedIntent.lifecycle.sales, '潜在');
});
