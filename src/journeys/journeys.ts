/**
 * Journeys and their stages. A journey owns one exclusive tag group in the category 旅程
 * (its name is the group's name) and each stage is a tag of that group, so everything the
 * tags domain does — rules, imports, hand tagging, merges, expiry — moves customers here.
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import {
  createCategory, createGroup, createTag, deleteGroup, deleteTag, findCategory, findGroup, renameGroup, renameTag, tagPath,
} from '../tags/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { checkEntryFilter, type EntryFilter } from './entry.ts';
import { checkDefinition, planReorder, type JourneyDefinition } from './rules.ts';
import { INTEREST_GROUP, JOURNEY_CATEGORY, JOURNEY_TEMPLATES, PROFILE_CATEGORY, labelEn, templateOf, type TemplateKey } from './templates.ts';

export interface Stage {
  /** The stage's tag id. */
  stageId: number;
  name: string;
  /** "journey/stage", the tag path: what rules, imports and filters name. */
  path: string;
  /** 1-based place in the journey. */
  position: number;
  entryFilter: EntryFilter | null;
  labelEn?: string;
}

export interface Journey {
  journeyId: number;
  name: string;
  ordered: boolean;
  groupId: number;
  templateKey: string | null;
  description: string | null;
  labelEn?: string;
  stages: Stage[];
}

/** Run `fn` in a transaction, or inside the caller's when it passed one. */
export function atomically<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in q && typeof (q as Db).transaction === 'function' ? (q as Db).transaction(fn) : fn(q);
}

const DIGITS = /^\d{1,15}$/;

interface JourneyRow {
  journey_id: number; name: string; ordered: boolean; group_id: number; template_key: string | null; description: string | null;
  tag_id: number | null; stage: string | null; entry_filter: EntryFilter | null;
}

/** Stages are the tags of the group (a tag added through the tags API is a stage too, last). */
async function loadJourneys(q: Queryable, ws: string, journeyId?: number): Promise<Journey[]> {
  const rows = await q.query<JourneyRow>(
    `SELECT j.journey_id, g.name, j.ordered, j.group_id, j.template_key, j.description, t.tag_id, t.name AS stage, s.entry_filter
     FROM journeys j
     JOIN tag_groups g ON g.workspace_id = j.workspace_id AND g.group_id = j.group_id
     LEFT JOIN tags t ON t.workspace_id = j.workspace_id AND t.group_id = j.group_id
     LEFT JOIN journey_stages s ON s.workspace_id = t.workspace_id AND s.tag_id = t.tag_id
     WHERE j.workspace_id = $1 AND ($2::bigint IS NULL OR j.journey_id = $2)
     ORDER BY j.journey_id, s.position NULLS LAST, t.tag_id`,
    [ws, journeyId ?? null],
  );
  const out: Journey[] = [];
  for (const r of rows) {
    let j = out.at(-1);
    if (!j || j.journeyId !== r.journey_id) {
      const en = labelEn(r.name);
      j = {
        journeyId: r.journey_id, name: r.name, ordered: r.ordered, groupId: r.group_id, templateKey: r.template_key,
        description: r.description, ...(en ? { labelEn: en } : {}), stages: [],
      };
      out.push(j);
    }
    if (r.tag_id === null) continue;
    const en = labelEn(r.stage!);
    j.stages.push({
      stageId: r.tag_id, name: r.stage!, path: tagPath(r.name, r.stage!), position: j.stages.length + 1, entryFilter: r.entry_filter,
      ...(en ? { labelEn: en } : {}),
    });
  }
  return out;
}

export async function listJourneys(q: Queryable, ws: string): Promise<Journey[]> {
  await requireWorkspace(q, ws);
  return loadJourneys(q, ws);
}

/** A journey by name or id; a name wins over an id, as with tag groups. */
export async function getJourney(q: Queryable, ws: string, ref: string | number): Promise<Journey> {
  const text = String(ref).normalize('NFC').trim();
  const [hit] = await q.query<{ journey_id: number }>(
    `SELECT j.journey_id FROM journeys j JOIN tag_groups g ON g.workspace_id = j.workspace_id AND g.group_id = j.group_id
     WHERE j.workspace_id = $1 AND (g.name = $2 OR ($3::bigint IS NOT NULL AND j.journey_id = $3))
     ORDER BY (g.name = $2) DESC LIMIT 1`,
    [ws, typeof ref === 'number' ? null : text, typeof ref === 'number' ? ref : DIGITS.test(text) ? Number(text) : null],
  );
  const j = hit && (await loadJourneys(q, ws, hit.journey_id))[0];
  if (!j) throw new SiyuError('not_found', `journey "${text}" does not exist`);
  return j;
}

/** A stage of the journey by name, tag id or "journey/stage" path. */
export function stageOf(journey: Journey, ref: string | number): Stage {
  const text = String(ref).normalize('NFC').trim();
  const name = text.startsWith(`${journey.name}/`) ? text.slice(journey.name.length + 1) : text;
  const s = journey.stages.find((x) => x.name === name) ?? (DIGITS.test(text) ? journey.stages.find((x) => x.stageId === Number(text)) : undefined);
  if (!s) {
    throw new SiyuError('not_found', `journey "${journey.name}" has no stage "${text}" (stages: ${journey.stages.map((x) => x.name).join(', ') || 'none'})`);
  }
  return s;
}

async function ensureCategory(tx: Queryable, ws: string, actor: Actor): Promise<void> {
  try {
    await findCategory(tx, ws, JOURNEY_CATEGORY);
  } catch (e) {
    if (!(e instanceof SiyuError && e.code === 'not_found')) throw e;
    await createCategory(tx, ws, JOURNEY_CATEGORY, actor);
  }
}

/**
 * 商品兴趣 shows one interest per customer; every interest is kept as a tag of the multi-choice
 * group 兴趣 (in 客户画像), which the template's note points per-product SOPs and rules at.
 */
async function ensureInterestGroup(tx: Queryable, ws: string, actor: Actor): Promise<void> {
  try {
    await findGroup(tx, ws, INTEREST_GROUP);
    return;
  } catch (e) {
    if (!(e instanceof SiyuError && e.code === 'not_found')) throw e;
  }
  try {
    await findCategory(tx, ws, PROFILE_CATEGORY);
  } catch (e) {
    if (!(e instanceof SiyuError && e.code === 'not_found')) throw e;
    await createCategory(tx, ws, PROFILE_CATEGORY, actor);
  }
  await createGroup(tx, ws, { name: INTEREST_GROUP, category: PROFILE_CATEGORY, exclusive: false }, actor);
}

function checked(def: JourneyDefinition): JourneyDefinition {
  const c = checkDefinition(def);
  if (!c.ok) throw new SiyuError('validation_failed', c.reasons.join('; '), c.reasons);
  return {
    ...c.value,
    stages: c.value.stages.map((s, i) => (s.entryFilter === undefined || s.entryFilter === null
      ? { name: s.name }
      : { name: s.name, entryFilter: checkEntryFilter(s.entryFilter, `stages[${i}].entryFilter`) })),
  };
}

export async function createJourney(
  q: Queryable, ws: string, def: JourneyDefinition, actor: Actor, opts: { templateKey?: string } = {},
): Promise<Journey> {
  const d = checked(def);
  const journeyId = await atomically(q, async (tx) => {
    await requireWorkspace(tx, ws);
    await ensureCategory(tx, ws, actor);
    const group = await createGroup(tx, ws, { name: d.name, category: JOURNEY_CATEGORY, exclusive: true }, actor);
    const [j] = await tx.query<{ journey_id: number }>(
      `INSERT INTO journeys (workspace_id, group_id, ordered, template_key, description) VALUES ($1, $2, $3, $4, $5) RETURNING journey_id`,
      [ws, group.groupId, d.ordered, opts.templateKey ?? null, d.description ?? null],
    );
    for (const [i, s] of d.stages.entries()) {
      const tag = await createTag(tx, ws, group.groupId, s.name, actor);
      await tx.query(
        `INSERT INTO journey_stages (workspace_id, tag_id, journey_id, position, entry_filter) VALUES ($1, $2, $3, $4, $5::jsonb)`,
        [ws, tag.tagId, j!.journey_id, i + 1, s.entryFilter === undefined ? null : JSON.stringify(s.entryFilter)],
      );
    }
    await audit(tx, ws, actor, 'journey.created', null, {
      journey: d.name, journeyId: j!.journey_id, ordered: d.ordered, stages: d.stages.map((s) => s.name), template: opts.templateKey,
    });
    return j!.journey_id;
  });
  return (await loadJourneys(q, ws, journeyId))[0]!;
}

/** Install a seed template; installing it again returns the journey it made. */
export async function installTemplate(q: Queryable, ws: string, key: TemplateKey, actor: Actor): Promise<Journey> {
  const t = templateOf(key);
  if (!t) throw new SiyuError('not_found', `there is no journey template "${key}"`);
  return atomically(q, async (tx) => {
    const [have] = await tx.query<{ journey_id: number }>(
      `SELECT journey_id FROM journeys WHERE workspace_id = $1 AND template_key = $2`, [ws, key],
    );
    if (have) return (await loadJourneys(tx, ws, have.journey_id))[0]!;
    const clash = await tx.query<{ name: string }>(`SELECT name FROM tag_groups WHERE workspace_id = $1 AND name = $2`, [ws, t.name]);
    if (clash.length > 0) {
      throw new SiyuError('conflict', `cannot install template "${key}": a tag group "${t.name}" already exists; rename it first`);
    }
    if (key === 'product_interest') await ensureInterestGroup(tx, ws, actor);
    return createJourney(tx, ws, { name: t.name, ordered: t.ordered, description: t.note.zh, stages: t.stages.map((s) => ({ name: s.name })) }, actor, { templateKey: key });
  });
}

export async function updateJourney(
  q: Queryable, ws: string, ref: string | number, patch: { name?: string | undefined; ordered?: boolean | undefined; description?: string | null | undefined },
  actor: Actor,
): Promise<Journey> {
  const id = await atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, ref);
    if (patch.name !== undefined) await renameGroup(tx, ws, j.groupId, patch.name, actor);
    if (patch.ordered !== undefined || patch.description !== undefined) {
      await tx.query(
        `UPDATE journeys SET ordered = coalesce($3, ordered), description = CASE WHEN $4::boolean THEN $5 ELSE description END
         WHERE workspace_id = $1 AND journey_id = $2`,
        [ws, j.journeyId, patch.ordered ?? null, patch.description !== undefined, patch.description ?? null],
      );
    }
    await audit(tx, ws, actor, 'journey.updated', null, { journey: j.name, journeyId: j.journeyId, ...patch });
    return j.journeyId;
  });
  return (await loadJourneys(q, ws, id))[0]!;
}

async function holders(tx: Queryable, ws: string, tagIds: readonly number[]): Promise<number> {
  const [r] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customer_tags WHERE workspace_id = $1 AND tag_id = ANY($2::bigint[])`, [ws, tagIds],
  );
  return r?.n ?? 0;
}

/** Delete a journey with its tag group. Customers standing in it need force (they leave, audited). */
export async function deleteJourney(
  q: Queryable, ws: string, ref: string | number, actor: Actor, opts: { force?: boolean; now?: Date } = {},
): Promise<{ journey: string; customers: number }> {
  return atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, ref);
    const n = await holders(tx, ws, j.stages.map((s) => s.stageId));
    if (n > 0 && !opts.force) {
      throw new SiyuError('conflict', `journey "${j.name}" still has ${n} customer(s) in its stages; force the deletion to take them out`, { customers: n });
    }
    const r = await deleteGroup(tx, ws, j.groupId, actor, { now: opts.now ?? new Date() });
    await audit(tx, ws, actor, 'journey.deleted', null, { journey: j.name, journeyId: j.journeyId, customers: r.customers });
    return { journey: j.name, customers: r.customers };
  });
}

export async function addStage(
  q: Queryable, ws: string, ref: string | number, spec: { name: string; entryFilter?: unknown; position?: number | undefined }, actor: Actor,
): Promise<Journey> {
  const filter = spec.entryFilter === undefined || spec.entryFilter === null ? null : checkEntryFilter(spec.entryFilter, 'entryFilter');
  const id = await atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, ref);
    const tag = await createTag(tx, ws, j.groupId, spec.name, actor);
    const at = Math.min(Math.max(spec.position ?? j.stages.length + 1, 1), j.stages.length + 1);
    const order = j.stages.map((s) => s.stageId);
    order.splice(at - 1, 0, tag.tagId);
    await tx.query(
      `INSERT INTO journey_stages (workspace_id, tag_id, journey_id, position, entry_filter) VALUES ($1, $2, $3, 0, $4::jsonb)`,
      [ws, tag.tagId, j.journeyId, filter === null ? null : JSON.stringify(filter)],
    );
    await writePositions(tx, ws, j.journeyId, order);
    await audit(tx, ws, actor, 'journey.stage.added', null, { journey: j.name, stage: tag.name, stageId: tag.tagId, position: at });
    return j.journeyId;
  });
  return (await loadJourneys(q, ws, id))[0]!;
}

async function writePositions(tx: Queryable, ws: string, journeyId: number, order: readonly number[]): Promise<void> {
  // Tags made through the tags API have no row yet: they get one here.
  await tx.query(
    `INSERT INTO journey_stages (workspace_id, tag_id, journey_id, position)
     SELECT $1, o.tag_id, $2, o.ord FROM unnest($3::bigint[]) WITH ORDINALITY AS o(tag_id, ord)
     ON CONFLICT (workspace_id, tag_id) DO UPDATE SET position = excluded.position`,
    [ws, journeyId, order],
  );
}

/** Rename a stage and/or set (null: clear) its entry condition. */
export async function updateStage(
  q: Queryable, ws: string, ref: string | number, stageRef: string | number,
  patch: { name?: string | undefined; entryFilter?: unknown }, actor: Actor,
): Promise<Journey> {
  const filter = patch.entryFilter === undefined || patch.entryFilter === null ? null : checkEntryFilter(patch.entryFilter, 'entryFilter');
  const id = await atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, ref);
    const s = stageOf(j, stageRef);
    if (patch.name !== undefined) await renameTag(tx, ws, s.stageId, patch.name, actor);
    if (patch.entryFilter !== undefined) {
      await writePositions(tx, ws, j.journeyId, j.stages.map((x) => x.stageId));
      await tx.query(`UPDATE journey_stages SET entry_filter = $3::jsonb WHERE workspace_id = $1 AND tag_id = $2`,
        [ws, s.stageId, filter === null ? null : JSON.stringify(filter)]);
    }
    await audit(tx, ws, actor, 'journey.stage.updated', null, {
      journey: j.name, stage: s.name, stageId: s.stageId, ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.entryFilter !== undefined ? { entryFilter: filter } : {}),
    });
    return j.journeyId;
  });
  return (await loadJourneys(q, ws, id))[0]!;
}

export async function reorderStages(q: Queryable, ws: string, ref: string | number, order: readonly (string | number)[], actor: Actor): Promise<Journey> {
  const id = await atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, ref);
    const plan = planReorder(j.stages, order);
    if (!plan.ok) throw new SiyuError('validation_failed', plan.reasons.join('; '), plan.reasons);
    await writePositions(tx, ws, j.journeyId, plan.value);
    await audit(tx, ws, actor, 'journey.stage.reordered', null, {
      journey: j.name, from: j.stages.map((s) => s.name), to: plan.value.map((t) => j.stages.find((s) => s.stageId === t)!.name),
    });
    return j.journeyId;
  });
  return (await loadJourneys(q, ws, id))[0]!;
}

/** Remove a stage (its tag). Customers standing in it need force: they leave the journey, audited. */
export async function removeStage(
  q: Queryable, ws: string, ref: string | number, stageRef: string | number, actor: Actor, opts: { force?: boolean; now?: Date } = {},
): Promise<{ journey: string; stage: string; customers: number }> {
  return atomically(q, async (tx) => {
    const j = await getJourney(tx, ws, ref);
    const s = stageOf(j, stageRef);
    const n = await holders(tx, ws, [s.stageId]);
    if (n > 0 && !opts.force) {
      throw new SiyuError('conflict', `stage "${s.path}" still holds ${n} customer(s); move them first, or force the removal to take them out of the journey`, { customers: n });
    }
    const r = await deleteTag(tx, ws, s.stageId, actor, { now: opts.now ?? new Date() });
    await writePositions(tx, ws, j.journeyId, j.stages.filter((x) => x.stageId !== s.stageId).map((x) => x.stageId));
    await audit(tx, ws, actor, 'journey.stage.removed', null, { journey: j.name, stage: s.name, stageId: s.stageId, customers: r.customers });
    return { journey: j.name, stage: s.name, customers: r.customers };
  });
}

/** For each tag id that is a journey stage: its journey and stage. */
export async function journeyOfTag(q: Queryable, ws: string, tagIds: readonly number[]): Promise<Map<number, { journeyId: number; journey: string; stage: Stage }>> {
  const out = new Map<number, { journeyId: number; journey: string; stage: Stage }>();
  if (tagIds.length === 0) return out;
  const ids = await q.query<{ journey_id: number }>(
    `SELECT DISTINCT j.journey_id FROM tags t JOIN journeys j ON j.workspace_id = t.workspace_id AND j.group_id = t.group_id
     WHERE t.workspace_id = $1 AND t.tag_id = ANY($2::bigint[])`,
    [ws, [...new Set(tagIds)]],
  );
  for (const { journey_id } of ids) {
    const j = (await loadJourneys(q, ws, journey_id))[0]!;
    for (const s of j.stages) if (tagIds.includes(s.stageId)) out.set(s.stageId, { journeyId: j.journeyId, journey: j.name, stage: s });
  }
  return out;
}


export interface TemplateInfo {
  key: TemplateKey;
  name: string;
  labelEn: string | null;
  ordered: boolean;
  stages: { name: string; labelEn: string | null }[];
  /** How to read it: order, meaning of a stage (zh, en). */
  note: { zh: string; en: string };
  /** The journey installing it made, if installed. */
  journeyId: number | null;
}

/** The seed templates, and which are installed in the workspace. */
export async function listTemplates(q: Queryable, ws: string): Promise<TemplateInfo[]> {
  await requireWorkspace(q, ws);
  const rows = await q.query<{ template_key: string; journey_id: number }>(
    `SELECT template_key, journey_id FROM journeys WHERE workspace_id = $1 AND template_key IS NOT NULL`, [ws],
  );
  return JOURNEY_TEMPLATES.map((t) => ({
    key: t.key, name: t.name, labelEn: labelEn(t.name) ?? null, ordered: t.ordered,
    stages: t.stages.map((s) => ({ name: s.name, labelEn: labelEn(s.name) ?? null })), note: t.note,
    journeyId: rows.find((r) => r.template_key === t.key)?.journey_id ?? null,
  }));
}
