/**
 * The folder tree is the architecture (STYLE.md): a domain is used through its index.ts,
 * and the pure core does no I/O and reads no clock. This test holds those lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const DOMAINS = ['events', 'customers', 'tags', 'models', 'imports', 'demo', 'workspaces', 'shop', 'automation', 'wecom', 'journeys', 'outreach', 'audiences', 'sop', 'auth', 'analytics', 'materials', 'moments', 'groups', 'record', 'coupons', 'calendar', 'scheduling'];

/** Reaching into another domain, each with its reason. */
const ALLOWED: Record<string, string> = {
  // Type-only: the envelope names identities, the aggregates read envelopes.
  'events/envelope.ts -> customers/identity.ts': 'type',
  'customers/aggregates.ts -> events/envelope.ts': 'type',
  'customers/apply.ts -> events/envelope.ts': 'type',
  // The envelope is a pure leaf; going through events/index.ts would make a cycle
  // (events → customers → workspaces → events).
  'workspaces/model-config.ts -> events/envelope.ts': 'leaf',
  // A constant of the models' data contract, a module without imports.
  'customers/aggregates.ts -> models/types.ts': 'leaf',
  // The record's age bands and field definitions, a module without imports; record/index.ts
  // reaches outreach, which reaches audiences.
  'audiences/fields.ts -> record/values.ts': 'leaf',
  'audiences/filter.ts -> record/values.ts': 'type',
};

/** The pure core: plain data in, decisions out. */
const PURE = [
  'auth/policy.ts',
  'audiences/filter.ts', 'audiences/fields.ts', 'audiences/compile.ts',
  'outreach/policy.ts', 'outreach/focus-rank.ts',
  'journeys/templates.ts', 'journeys/rules.ts',
  'automation/match.ts', 'automation/definition.ts',
  'sop/schedule.ts', 'sop/definition.ts', 'materials/content.ts', 'moments/plan.ts', 'groups/schedule.ts',
  'shop/order-update.ts', 'shop/signature.ts',
  'wecom/crypto.ts', 'wecom/xml.ts', 'wecom/mapping.ts', 'wecom/backoff.ts',
  'shared/money.ts', 'shared/phone.ts', 'shared/time.ts', 'events/envelope.ts', 'customers/identity.ts',
  'customers/aggregates.ts', 'models/trust.ts', 'models/lifecycle.ts', 'models/rfm.ts', 'models/value-tier.ts',
  'models/engagement.ts', 'models/evaluate.ts', 'models/stats.ts', 'models/guidance.ts', 'models/calendar.ts',
  'models/types.ts', 'models/clv.ts', 'models/clv-fit.ts', 'demo/generate.ts', 'record/values.ts', 'coupons/values.ts',
  'analytics/history.ts', 'analytics/acquisition.ts', 'analytics/roi.ts', 'analytics/churn.ts', 'demo/costs.ts',
  'analytics/funnel.ts', 'analytics/operations.ts', 'analytics/responsiveness.ts',
  'calendar/holidays.ts', 'calendar/occurrence.ts', 'calendar/date-fields.ts',
];
const IMPURE = [/\bDate\.now\(/, /new Date\(\)/, /from '(node:)?(fs|net|http|child_process)(\/promises)?'/, /from 'pg'/, /@electric-sql/, /from '\.\.\/store\//, /\bfetch\(/, /Math\.random\(/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

test('domains are used through their index.ts', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const from = relative(SRC, file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from '\.\.\/([a-z-]+)\/([a-z.-]+\.ts)'/g)) {
      const [, domain, target] = m;
      if (!DOMAINS.includes(domain!) || target === 'index.ts' || from.startsWith(`${domain}/`)) continue;
      const key = `${from} -> ${domain}/${target}`;
      if (!ALLOWED[key]) violations.push(key);
    }
  }
  assert.deepEqual(violations, [], 'import the domain\'s index.ts instead (or say why in ALLOWED)');
});

test('the pure core reads no clock and does no I/O', () => {
  const violations: string[] = [];
  for (const file of PURE) {
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const pattern of IMPURE) if (pattern.test(text)) violations.push(`${file}: ${pattern}`);
  }
  assert.deepEqual(violations, []);
});
