/**
 * The demo's operations side, so a first start shows a working day and not empty screens:
 * the five journey templates with customers placed on them, the example SOPs switched on
 * for the customers already in their stages (their first steps become tasks), and the
 * example rules, which then react to whatever happens next.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importRules } from '../automation/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { saveSop, setSopEnabled } from '../sop/index.ts';
import { listJourneys, seedDemoJourneys } from '../journeys/index.ts';
import type { Db } from '../store/db.ts';
import { DEMO_ACTOR } from './load.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface DemoOperationsResult {
  journeys: Record<string, number>;
  sops: { name: string; enrolled: number; tasks: number }[];
  rules: number;
  skipped: string[];
}

/**
 * The examples speak of 商品A; the demo shop sells fruit and its product-interest journey
 * is named after its best-known interests (the 兴趣 tags). The examples are read with the
 * first of those in 商品A's place, so the seed chain article → interest tag → stage →
 * coupon task runs in the demo too.
 */
async function jsonFiles(dir: string, productA: string | undefined): Promise<{ file: string; content: unknown }[]> {
  const names = (await readdir(EXAMPLES + dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(names.map(async (f) => {
    let text = await readFile(`${EXAMPLES}${dir}/${f}`, 'utf8');
    if (productA) text = text.replaceAll('商品A', productA);
    return { file: `${dir}/${f}`, content: JSON.parse(text) as unknown };
  }));
}

export async function seedDemoOperations(db: Db, workspaceId: string, now: number): Promise<DemoOperationsResult> {
  const at = new Date(now);
  const result: DemoOperationsResult = { journeys: await seedDemoJourneys(db, workspaceId, at), sops: [], rules: 0, skipped: [] };
  const interest = (await listJourneys(db, workspaceId)).find((j) => j.templateKey === 'product_interest');
  const productA = interest?.stages[0]?.name;
  for (const { file, content } of await jsonFiles('sops', productA)) {
    try {
      const { sop } = await saveSop(db, workspaceId, { ...(content as object), enabled: false }, DEMO_ACTOR, at);
      const r = await setSopEnabled(db, workspaceId, sop.sopId, true, DEMO_ACTOR, { now: at, enrollCurrent: true });
      result.sops.push({ name: sop.name, enrolled: r.enrollment?.enrolled ?? 0, tasks: r.enrollment?.delivered.created ?? 0 });
    } catch (err) {
      // The demo renames the product-interest stages after its own catalogue: an example
      // written for another stage is left out, and said so.
      if (!(err instanceof SiyuError)) throw err;
      result.skipped.push(`${file}: ${err.message}`);
    }
  }
  for (const { file, content } of await jsonFiles('rules', productA)) {
    try {
      result.rules += (await importRules(db, workspaceId, content, DEMO_ACTOR)).length;
    } catch (err) {
      if (!(err instanceof SiyuError)) throw err;
      result.skipped.push(`${file}: ${err.message}`);
    }
  }
  return result;
}
