/**
 * Rules as stored things: add (or update as a new version), list, show, enable, disable,
 * delete, export. Every reference a rule makes (tags, stages) is checked against the
 * workspace before it is saved, and errors name the field of the file.
 */
import type { Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { findTag } from '../tags/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { parseRuleDefinition, tagReferences, type RuleDefinition } from './definition.ts';
import { BUILTIN_HOLIDAYS, CUSTOMER_DATE_FIELDS } from '../calendar/index.ts';
import { listenKey, resolveTrigger, type ActiveRule, type ResolvedTrigger } from './match.ts';
import { checkActionTargets } from './ports.ts';
import { getWebhookTargets, targetPolicy, webhookUrlProblems } from './webhook-targets.ts';

export interface Rule {
  ruleId: number;
  name: string;
  enabled: boolean;
  version: number;
  definition: RuleDefinition;
  createdAt: string;
  updatedAt: string;
}

interface RuleRow {
  rule_id: number; name: string; enabled: boolean; version: number; definition: RuleDefinition; resolved: ResolvedTrigger | null;
  created_at: Date; updated_at: Date;
}

/** The file's fields in reading order (jsonb does not keep key order). */
const ordered = (d: RuleDefinition, enabled: boolean): RuleDefinition => ({
  name: d.name, ...(d.description !== undefined ? { description: d.description } : {}), enabled, trigger: d.trigger,
  ...(d.if !== undefined ? { if: d.if } : {}), actions: d.actions,
});

const toRule = (r: RuleRow): Rule => ({
  ruleId: r.rule_id, name: r.name, enabled: r.enabled, version: r.version,
  definition: ordered(r.definition, r.enabled), createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

export function invalidRule(errors: { path: string; message: string }[], name?: string): SiyuError {
  const lines = errors.map((e) => `${e.path || 'rule'}: ${e.message}`);
  return new SiyuError('validation_failed', `${name ? `rule "${name}": ` : ''}${lines.join('; ')}`, errors);
}

/**
 * Parse a rule and check what it names against the workspace: tags exist and are not the
 * models' own, journeys, stages and SOPs exist. Returns the rule and its resolved trigger.
 */
export async function validateRule(q: Queryable, workspaceId: string, input: unknown): Promise<{ rule: RuleDefinition; trigger: ResolvedTrigger }> {
  const parsed = parseRuleDefinition(input);
  const name = typeof input === 'object' && input && 'name' in input && typeof input.name === 'string' ? input.name : undefined;
  if (!parsed.ok) throw invalidRule(parsed.errors, name);
  const rule = parsed.rule;
  const errors: { path: string; message: string }[] = [];
  const ids = new Map<string, number>();
  for (const ref of tagReferences(rule)) {
    try {
      const tag = await findTag(q, workspaceId, ref.tag);
      if (tag.system && ref.path.startsWith('actions')) {
        errors.push({ path: ref.path, message: `"${tag.path}" is set by the segmentation models; a rule cannot change it` });
      }
      ids.set(ref.tag, tag.tagId);
    } catch (err) {
      if (!(err instanceof SiyuError) || err.code !== 'not_found') throw err;
      errors.push({ path: ref.path, message: `unknown tag "${ref.tag}"` });
    }
  }
  errors.push(...(await checkActionTargets(q, workspaceId, rule)));
  if (rule.trigger.kind === 'date' && CUSTOMER_DATE_FIELDS[rule.trigger.field].sql === null) {
    errors.push({ path: 'trigger.field', message: `${rule.trigger.field}: customers have no such date in this version yet` });
  }
  if (rule.trigger.kind === 'holiday' && !(BUILTIN_HOLIDAYS as readonly string[]).includes(rule.trigger.holiday)
    && (await q.query(`SELECT 1 FROM workspace_holidays WHERE workspace_id = $1 AND name = $2 LIMIT 1`, [workspaceId, rule.trigger.holiday])).length === 0) {
    errors.push({ path: 'trigger.holiday', message: `"${rule.trigger.holiday}" is neither a built-in festival (${BUILTIN_HOLIDAYS.join(', ')}) nor a day in the workspace calendar; add its days first` });
  }
  if (rule.actions.some((a) => a.type === 'webhook')) {
    errors.push(...webhookUrlProblems(rule.actions, targetPolicy(await getWebhookTargets(q, workspaceId))));
  }
  if (errors.length > 0) throw invalidRule(errors, rule.name);
  const trigger = resolveTrigger(rule, (p) => ids.get(p));
  if (!trigger) throw invalidRule([{ path: 'trigger', message: 'names an unknown tag' }], rule.name);
  return { rule, trigger };
}

async function syncTriggers(tx: Queryable, workspaceId: string, ruleId: number, enabled: boolean, trigger: ResolvedTrigger | null): Promise<void> {
  await tx.query(`DELETE FROM rule_triggers WHERE workspace_id = $1 AND rule_id = $2`, [workspaceId, ruleId]);
  const key = enabled && trigger ? listenKey(trigger) : undefined;
  if (key) {
    await tx.query(`INSERT INTO rule_triggers (workspace_id, kind, key, rule_id) VALUES ($1, $2, $3, $4)`, [workspaceId, key.kind, key.key, ruleId]);
  }
}

const stored = (rule: RuleDefinition): Omit<RuleDefinition, 'enabled'> => {
  const { enabled: _enabled, ...rest } = rule;
  return rest;
};

/** JSON with sorted keys: jsonb does not keep key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface SaveResult {
  rule: Rule;
  status: 'created' | 'updated' | 'unchanged';
}

/**
 * Save a rule by its name: a new name creates it, a known name saves a new version when the
 * definition changed. `ruleId` (an update by id) may also rename it.
 */
export async function saveRule(db: Db, workspaceId: string, input: unknown, actor: Actor, opts: { ruleId?: number } = {}): Promise<SaveResult> {
  await requireWorkspace(db, workspaceId);
  return db.transaction(async (tx) => {
    const { rule, trigger } = await validateRule(tx, workspaceId, input);
    const [existing] = opts.ruleId !== undefined
      ? await tx.query<RuleRow>(`SELECT * FROM automation_rules WHERE workspace_id = $1 AND rule_id = $2 FOR UPDATE`, [workspaceId, opts.ruleId])
      : await tx.query<RuleRow>(`SELECT * FROM automation_rules WHERE workspace_id = $1 AND name = $2 FOR UPDATE`, [workspaceId, rule.name]);
    if (opts.ruleId !== undefined && !existing) throw new SiyuError('not_found', `rule ${opts.ruleId} does not exist`);
    const definition = stored(rule);
    const hasEnabled = typeof input === 'object' && input !== null && 'enabled' in input;
    if (!existing) {
      const [row] = await tx.query<RuleRow>(
        `INSERT INTO automation_rules (workspace_id, name, enabled, definition, resolved) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [workspaceId, rule.name, rule.enabled, JSON.stringify(definition), JSON.stringify(trigger)],
      );
      await tx.query(`INSERT INTO automation_rule_versions (workspace_id, rule_id, version, definition, saved_by) VALUES ($1, $2, 1, $3, $4)`,
        [workspaceId, row!.rule_id, JSON.stringify(definition), actor.id ?? actor.kind]);
      await syncTriggers(tx, workspaceId, row!.rule_id, row!.enabled, trigger);
      return { rule: toRule(row!), status: 'created' as const };
    }
    if (opts.ruleId !== undefined && existing.name !== rule.name) {
      const [clash] = await tx.query(`SELECT 1 FROM automation_rules WHERE workspace_id = $1 AND name = $2`, [workspaceId, rule.name]);
      if (clash) throw new SiyuError('conflict', `another rule is already called "${rule.name}"`);
    }
    const enabled = hasEnabled ? rule.enabled : existing.enabled;
    const same = canonical(existing.definition) === canonical(definition);
    if (same && enabled === existing.enabled) return { rule: toRule(existing), status: 'unchanged' as const };
    const version = same ? existing.version : existing.version + 1;
    const [row] = await tx.query<RuleRow>(
      `UPDATE automation_rules SET name = $3, enabled = $4, version = $5, definition = $6, resolved = $7, updated_at = now()
       WHERE workspace_id = $1 AND rule_id = $2 RETURNING *`,
      [workspaceId, existing.rule_id, rule.name, enabled, version, JSON.stringify(definition), JSON.stringify(trigger)],
    );
    if (!same) {
      await tx.query(`INSERT INTO automation_rule_versions (workspace_id, rule_id, version, definition, saved_by) VALUES ($1, $2, $3, $4, $5)`,
        [workspaceId, existing.rule_id, version, JSON.stringify(definition), actor.id ?? actor.kind]);
    }
    await syncTriggers(tx, workspaceId, existing.rule_id, enabled, trigger);
    return { rule: toRule(row!), status: 'updated' as const };
  });
}

/** A file holds one rule, a list of rules, or {rules: [...]} (what export writes). */
export function rulesOfFile(content: unknown): unknown[] {
  if (Array.isArray(content)) return content;
  if (content && typeof content === 'object' && 'rules' in content && Array.isArray((content as { rules: unknown }).rules)) {
    return (content as { rules: unknown[] }).rules;
  }
  return [content];
}

/** Save every rule of a file, all or nothing: one bad rule saves none. */
export async function importRules(db: Db, workspaceId: string, content: unknown, actor: Actor): Promise<SaveResult[]> {
  const items = rulesOfFile(content);
  const errors: { path: string; message: string }[] = [];
  for (const [i, item] of items.entries()) {
    try { await validateRule(db, workspaceId, item); } catch (err) {
      if (!(err instanceof SiyuError) || err.code !== 'validation_failed') throw err;
      const prefix = items.length > 1 ? `rules[${i}].` : '';
      for (const e of err.details as { path: string; message: string }[]) errors.push({ path: `${prefix}${e.path}`, message: e.message });
    }
  }
  if (errors.length > 0) throw invalidRule(errors);
  const out: SaveResult[] = [];
  for (const item of items) out.push(await saveRule(db, workspaceId, item, actor));
  return out;
}

async function findRuleRow(q: Queryable, workspaceId: string, ref: string | number): Promise<RuleRow> {
  const text = String(ref).trim();
  const id = /^\d{1,15}$/.test(text) ? Number(text) : null;
  const [row] = await q.query<RuleRow>(
    `SELECT * FROM automation_rules WHERE workspace_id = $1 AND (name = $2 OR rule_id = $3::bigint) ORDER BY (name = $2) DESC LIMIT 1`,
    [workspaceId, text, id],
  );
  if (!row) throw new SiyuError('not_found', `rule "${text}" does not exist`);
  return row;
}

export async function getRule(q: Queryable, workspaceId: string, ref: string | number): Promise<Rule & { versions: { version: number; savedAt: string; savedBy: string | null }[] }> {
  const row = await findRuleRow(q, workspaceId, ref);
  const versions = await q.query<{ version: number; saved_at: Date; saved_by: string | null }>(
    `SELECT version, saved_at, saved_by FROM automation_rule_versions WHERE workspace_id = $1 AND rule_id = $2 ORDER BY version DESC`,
    [workspaceId, row.rule_id],
  );
  return { ...toRule(row), versions: versions.map((v) => ({ version: v.version, savedAt: v.saved_at.toISOString(), savedBy: v.saved_by })) };
}

export async function listRules(q: Queryable, workspaceId: string): Promise<Rule[]> {
  const rows = await q.query<RuleRow>(`SELECT * FROM automation_rules WHERE workspace_id = $1 ORDER BY rule_id`, [workspaceId]);
  return rows.map(toRule);
}

export async function setRuleEnabled(db: Db, workspaceId: string, ref: string | number, enabled: boolean): Promise<Rule> {
  return db.transaction(async (tx) => {
    const row = await findRuleRow(tx, workspaceId, ref);
    const [updated] = await tx.query<RuleRow>(
      `UPDATE automation_rules SET enabled = $3, updated_at = now() WHERE workspace_id = $1 AND rule_id = $2 RETURNING *`,
      [workspaceId, row.rule_id, enabled],
    );
    await syncTriggers(tx, workspaceId, row.rule_id, enabled, row.resolved);
    return toRule(updated!);
  });
}

export async function deleteRule(db: Db, workspaceId: string, ref: string | number): Promise<{ ruleId: number; name: string }> {
  return db.transaction(async (tx) => {
    const row = await findRuleRow(tx, workspaceId, ref);
    await tx.query(`DELETE FROM rule_triggers WHERE workspace_id = $1 AND rule_id = $2`, [workspaceId, row.rule_id]);
    await tx.query(`DELETE FROM automation_rules WHERE workspace_id = $1 AND rule_id = $2`, [workspaceId, row.rule_id]);
    await tx.query(`DELETE FROM automation_rule_versions WHERE workspace_id = $1 AND rule_id = $2`, [workspaceId, row.rule_id]);
    return { ruleId: row.rule_id, name: row.name };
  });
}

/** Every rule as a file a team can review and keep in version control. */
export async function exportRules(q: Queryable, workspaceId: string): Promise<{ rules: RuleDefinition[] }> {
  return { rules: (await listRules(q, workspaceId)).map((r) => r.definition) };
}

/** The enabled rules of a workspace, ready for matching. */
export async function activeRules(q: Queryable, workspaceId: string): Promise<ActiveRule[]> {
  const rows = await q.query<RuleRow>(
    `SELECT * FROM automation_rules WHERE workspace_id = $1 AND enabled AND resolved IS NOT NULL ORDER BY rule_id`,
    [workspaceId],
  );
  return rows.map((r) => ({ ruleId: r.rule_id, version: r.version, name: r.name, definition: { ...r.definition, enabled: true }, trigger: r.resolved! }));
}

export interface RuleRun {
  runId: number;
  ruleId: number | null;
  rule: string | null;
  status: 'fired' | 'cycle' | 'depth_exceeded' | 'error' | 'replay';
  customers: number;
  details: Record<string, unknown>;
  at: string;
}

export async function listRuleRuns(q: Queryable, workspaceId: string, opts: { rule?: string | number; status?: string; limit?: number } = {}): Promise<RuleRun[]> {
  const ruleId = opts.rule === undefined ? null : (await findRuleRow(q, workspaceId, opts.rule)).rule_id;
  const rows = await q.query<{ run_id: number; rule_id: number | null; name: string | null; status: RuleRun['status']; customers: number; details: Record<string, unknown>; at: Date }>(
    `SELECT r.run_id, r.rule_id, a.name, r.status, r.customers, r.details, r.at FROM rule_runs r
     LEFT JOIN automation_rules a ON a.workspace_id = r.workspace_id AND a.rule_id = r.rule_id
     WHERE r.workspace_id = $1 AND ($2::bigint IS NULL OR r.rule_id = $2) AND ($3::text IS NULL OR r.status = $3)
     ORDER BY r.run_id DESC LIMIT $4`,
    [workspaceId, ruleId, opts.status ?? null, opts.limit ?? 50],
  );
  return rows.map((r) => ({ runId: r.run_id, ruleId: r.rule_id, rule: r.name, status: r.status, customers: r.customers, details: r.details, at: r.at.toISOString() }));
}
