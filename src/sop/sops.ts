/**
 * SOP definitions in the store: create, edit (a new version each time), enable/disable,
 * delete, list and export. A step's identity is its key, so an edit that changes a step's
 * content or timing never re-sends it; a step removed by an edit stops for everyone.
 */
import { audit, type Actor } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Db, Queryable } from '../store/db.ts';
import { getJourney } from '../journeys/index.ts';
import { findTag, type TagInfo } from '../tags/index.ts';
import { requireWorkspace } from '../workspaces/index.ts';
import { getMaterial, materialRef } from '../materials/index.ts';
import { checkSopDefinition, parseSopDefinition, type SopDefinition, type StageRef } from './definition.ts';
import { dueTime } from './schedule.ts';

export interface Sop {
  sopId: number;
  name: string;
  enabled: boolean;
  version: number;
  /** The stage's tag, as it is named now. */
  stage: { tagId: number; path: string };
  definition: SopDefinition;
  createdAt: string;
  updatedAt: string;
}

interface SopRow {
  sop_id: number;
  name: string;
  enabled: boolean;
  version: number;
  stage_tag_id: number;
  definition: SopDefinition;
  created_at: Date;
  updated_at: Date;
  stage_path: string | null;
}

const SELECT_SOP = `
  SELECT s.sop_id, s.name, s.enabled, s.version, s.stage_tag_id, s.definition, s.created_at, s.updated_at,
         g.name || '/' || t.name AS stage_path
  FROM sops s
  LEFT JOIN tags t ON t.workspace_id = s.workspace_id AND t.tag_id = s.stage_tag_id
  LEFT JOIN tag_groups g ON g.workspace_id = t.workspace_id AND g.group_id = t.group_id`;

function ordered(def: SopDefinition): SopDefinition {
  const r = checkSopDefinition(def);
  return r.ok ? r.definition : def;
}

const toSop = (r: SopRow): Sop => ({
  sopId: r.sop_id,
  name: r.name,
  enabled: r.enabled,
  version: r.version,
  stage: { tagId: r.stage_tag_id, path: r.stage_path ?? `(deleted tag #${r.stage_tag_id})` },
  // Through the schema again: the file's field order (jsonb stores keys sorted by length).
  definition: ordered(r.definition),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Run `fn` in a transaction, or inside the caller's when it passed one. */
export function atomically<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db && typeof (db as Db).transaction === 'function' ? (db as Db).transaction(fn) : fn(db);
}

/**
 * The stage an SOP hangs on: "group/tag" (the journey's group is named like the journey), or
 * journey + stage names. A journey's stage, or any other tag — notably the multi-choice interest
 * tags 兴趣/商品A: a customer holds several at once, so a per-product playbook hangs there
 * (商品兴趣 shows only the latest interest). Receiving the tag enters the "stage", losing it
 * leaves; the automation worker reports both for any tag an SOP uses.
 */
export async function resolveStage(q: Queryable, ws: string, ref: StageRef): Promise<TagInfo> {
  let tagId: number;
  if (typeof ref === 'string') {
    tagId = (await findTag(q, ws, ref).catch((err: unknown) => { throw stageError(err); })).tagId;
  } else {
    const journey = await getJourney(q, ws, ref.journey).catch((err: unknown) => { throw stageError(err); });
    const stage = journey.stages.find((s) => s.name === ref.stage.trim());
    if (!stage) throw stageError(`journey "${journey.name}" has no stage "${ref.stage}" (it has ${journey.stages.map((s) => s.name).join(', ')})`);
    tagId = stage.stageId;
  }
  return findTag(q, ws, tagId);
}

/** Of these tags, those an SOP hangs on: the worker reports entering and leaving them. */
export async function sopStageTags(q: Queryable, ws: string, tagIds: readonly number[]): Promise<Set<number>> {
  if (tagIds.length === 0) return new Set();
  const rows = await q.query<{ stage_tag_id: number }>(
    `SELECT DISTINCT stage_tag_id FROM sops WHERE workspace_id = $1 AND stage_tag_id = ANY($2::bigint[]) AND deleted_at IS NULL`, [ws, [...tagIds]],
  );
  return new Set(rows.map((r) => Number(r.stage_tag_id)));
}

function stageError(err: unknown): SiyuError {
  const message = err instanceof Error ? err.message : String(err);
  return new SiyuError('validation_failed', `stage: ${message}`, [{ path: 'stage', message }]);
}

const DIGITS = /^\d{1,15}$/;

export async function getSop(q: Queryable, ws: string, ref: string | number): Promise<Sop> {
  const id = typeof ref === 'number' ? ref : DIGITS.test(ref.trim()) ? Number(ref.trim()) : null;
  const rows = await q.query<SopRow>(
    `${SELECT_SOP} WHERE s.workspace_id = $1 AND s.deleted_at IS NULL AND (s.name = $2 OR ($3::bigint IS NOT NULL AND s.sop_id = $3))
     ORDER BY (s.name = $2) DESC LIMIT 1`,
    [ws, String(ref).trim(), id],
  );
  if (!rows[0]) throw new SiyuError('not_found', `SOP "${ref}" does not exist in workspace "${ws}"`);
  return toSop(rows[0]);
}

export async function listSops(q: Queryable, ws: string): Promise<Sop[]> {
  const rows = await q.query<SopRow>(`${SELECT_SOP} WHERE s.workspace_id = $1 AND s.deleted_at IS NULL ORDER BY s.sop_id`, [ws]);
  return rows.map(toSop);
}

async function saveVersion(tx: Queryable, ws: string, sopId: number, version: number, def: SopDefinition, actor: Actor, now: Date) {
  await tx.query(
    `INSERT INTO sop_versions (workspace_id, sop_id, version, definition, saved_by, saved_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT DO NOTHING`,
    [ws, sopId, version, JSON.stringify(def), `${actor.kind}${actor.id ? `:${actor.id}` : ''}`, now.toISOString()],
  );
}

/**
 * Steps take items from the material library as attachments {kind: "material", ref: id or
 * content id}; each must exist when the SOP is saved, and is stored by its id.
 */
async function checkMaterials(tx: Queryable, ws: string, def: SopDefinition): Promise<void> {
  for (const [i, step] of def.steps.entries()) {
    for (const [j, a] of (step.attachments ?? []).entries()) {
      if (a.kind !== 'material') continue;
      try {
        a.ref = String((await getMaterial(tx, ws, materialRef(a.ref))).materialId);
      } catch (err) {
        if (!(err instanceof SiyuError) || err.code !== 'not_found') throw err;
        const path = `steps[${i}].attachments[${j}].ref`;
        throw new SiyuError('validation_failed', `${path}: ${err.message}`, [{ path, message: err.message }]);
      }
    }
  }
}

export async function createSop(db: Queryable, ws: string, input: unknown, actor: Actor, now = new Date()): Promise<Sop> {
  const def = parseSopDefinition(input);
  return atomically(db, async (tx) => {
    await requireWorkspace(tx, ws);
    const stage = await resolveStage(tx, ws, def.stage);
    await checkMaterials(tx, ws, def);
    const taken = await tx.query(`SELECT 1 FROM sops WHERE workspace_id = $1 AND name = $2 AND deleted_at IS NULL`, [ws, def.name]);
    if (taken.length > 0) throw new SiyuError('conflict', `an SOP named "${def.name}" already exists (edit it instead)`);
    const [row] = await tx.query<{ sop_id: number }>(
      `INSERT INTO sops (workspace_id, name, stage_tag_id, enabled, definition, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6) RETURNING sop_id`,
      [ws, def.name, stage.tagId, def.enabled ?? true, JSON.stringify(def), now.toISOString()],
    );
    await saveVersion(tx, ws, row!.sop_id, 1, def, actor, now);
    await audit(tx, ws, actor, 'sop.created', null, { sopId: row!.sop_id, name: def.name, stage: stage.path });
    return getSop(tx, ws, row!.sop_id);
  });
}

/**
 * A new version of an SOP. Steps keep their deliveries by key: content edits apply to what
 * is not sent yet, a changed timing moves what is still scheduled, a removed step is
 * cancelled for everyone. Moving the SOP to another stage ends it for the old stage.
 */
export async function updateSop(db: Queryable, ws: string, ref: string | number, input: unknown, actor: Actor, now = new Date()): Promise<Sop> {
  const def = parseSopDefinition(input);
  return atomically(db, async (tx) => {
    const workspace = await requireWorkspace(tx, ws);
    const old = await getSop(tx, ws, ref);
    await tx.query(`SELECT 1 FROM sops WHERE workspace_id = $1 AND sop_id = $2 FOR UPDATE`, [ws, old.sopId]);
    const stage = await resolveStage(tx, ws, def.stage);
    await checkMaterials(tx, ws, def);
    if (def.name !== old.name) {
      const taken = await tx.query(`SELECT 1 FROM sops WHERE workspace_id = $1 AND name = $2 AND deleted_at IS NULL`, [ws, def.name]);
      if (taken.length > 0) throw new SiyuError('conflict', `an SOP named "${def.name}" already exists`);
    }
    const version = old.version + 1;
    const enabled = def.enabled ?? old.enabled;
    await tx.query(
      `UPDATE sops SET name = $3, stage_tag_id = $4, enabled = $5, definition = $6::jsonb, version = $7, updated_at = $8
       WHERE workspace_id = $1 AND sop_id = $2`,
      [ws, old.sopId, def.name, stage.tagId, enabled, JSON.stringify(def), version, now.toISOString()],
    );
    await saveVersion(tx, ws, old.sopId, version, def, actor, now);
    if (stage.tagId !== old.stage.tagId || !enabled) {
      await stopSop(tx, ws, old.sopId, now, stage.tagId !== old.stage.tagId ? 'SOP moved to another stage' : 'SOP disabled');
    } else {
      const keys = def.steps.map((s) => s.key);
      await tx.query(
        `UPDATE sop_deliveries SET status = 'cancelled', reason = 'step removed from the SOP', done_at = $4
         WHERE workspace_id = $1 AND sop_id = $2 AND status = 'scheduled' AND NOT (step_key = ANY($3::text[]))`,
        [ws, old.sopId, keys, now.toISOString()],
      );
      // A changed timing moves what is still scheduled, from each stay's entry time.
      const oldTiming = new Map(old.definition.steps.map((s) => [s.key, JSON.stringify([s.offsetDays, s.offsetHours, s.window])]));
      for (const step of def.steps) {
        if (oldTiming.get(step.key) === JSON.stringify([step.offsetDays, step.offsetHours, step.window])) continue;
        const rows = await tx.query<{ customer_id: number; round: number; entered_at: Date }>(
          `SELECT d.customer_id, d.round, e.entered_at FROM sop_deliveries d
           JOIN sop_enrollments e ON e.workspace_id = d.workspace_id AND e.customer_id = d.customer_id AND e.enrollment_id = d.enrollment_id
           WHERE d.workspace_id = $1 AND d.sop_id = $2 AND d.step_key = $3 AND d.status = 'scheduled'`,
          [ws, old.sopId, step.key],
        );
        if (rows.length === 0) continue;
        await tx.query(
          `UPDATE sop_deliveries d SET due_at = x.due_at
           FROM unnest($4::bigint[], $5::int[], $6::timestamptz[]) AS x(customer_id, round, due_at)
           WHERE d.workspace_id = $1 AND d.sop_id = $2 AND d.step_key = $3 AND d.customer_id = x.customer_id AND d.round = x.round
             AND d.status = 'scheduled'`,
          [ws, old.sopId, step.key, rows.map((r) => r.customer_id), rows.map((r) => r.round),
            rows.map((r) => new Date(dueTime(r.entered_at.getTime(), step, workspace.timeZone)).toISOString())],
        );
      }
    }
    await audit(tx, ws, actor, 'sop.updated', null, { sopId: old.sopId, name: def.name, version });
    return getSop(tx, ws, old.sopId);
  });
}

/** Create the SOP, or make a new version of the one with the same name (importing a file). */
export async function saveSop(db: Queryable, ws: string, input: unknown, actor: Actor, now = new Date()): Promise<{ sop: Sop; created: boolean }> {
  const def = parseSopDefinition(input);
  return atomically(db, async (tx) => {
    const existing = await tx.query(`SELECT 1 FROM sops WHERE workspace_id = $1 AND name = $2 AND deleted_at IS NULL`, [ws, def.name]);
    if (existing.length === 0) return { sop: await createSop(tx, ws, def, actor, now), created: true };
    return { sop: await updateSop(tx, ws, def.name, def, actor, now), created: false };
  });
}

/** Close every open stay under the SOP and cancel what is still scheduled. */
export async function stopSop(tx: Queryable, ws: string, sopId: number, now: Date, reason: string): Promise<number> {
  await tx.query(`UPDATE sop_enrollments SET left_at = $3 WHERE workspace_id = $1 AND sop_id = $2 AND left_at IS NULL`, [ws, sopId, now.toISOString()]);
  const cancelled = await tx.query(
    `UPDATE sop_deliveries SET status = 'cancelled', reason = $4, done_at = $3
     WHERE workspace_id = $1 AND sop_id = $2 AND status = 'scheduled' RETURNING 1`,
    [ws, sopId, now.toISOString(), reason],
  );
  return cancelled.length;
}

export async function deleteSop(db: Queryable, ws: string, ref: string | number, actor: Actor, now = new Date()): Promise<{ sopId: number; name: string; cancelled: number }> {
  return atomically(db, async (tx) => {
    const sop = await getSop(tx, ws, ref);
    await tx.query(`UPDATE sops SET deleted_at = $3, enabled = false, updated_at = $3 WHERE workspace_id = $1 AND sop_id = $2`, [ws, sop.sopId, now.toISOString()]);
    const cancelled = await stopSop(tx, ws, sop.sopId, now, 'SOP deleted');
    await audit(tx, ws, actor, 'sop.deleted', null, { sopId: sop.sopId, name: sop.name });
    return { sopId: sop.sopId, name: sop.name, cancelled };
  });
}

/** The definition as a file: the stage written as its current "group/tag" path. */
export function sopFile(sop: Sop): SopDefinition {
  return { ...sop.definition, stage: sop.stage.path, enabled: sop.enabled };
}

export async function exportSops(q: Queryable, ws: string, ref?: string | number): Promise<SopDefinition[]> {
  const sops = ref === undefined ? await listSops(q, ws) : [await getSop(q, ws, ref)];
  return sops.map(sopFile);
}
