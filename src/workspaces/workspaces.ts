import { SiyuError } from '../shared/errors.ts';
import { isValidTimeZone } from '../shared/time.ts';
import type { Db, Queryable } from '../store/db.ts';
import { SYSTEM_CATEGORY, SYSTEM_GROUPS } from './system-taxonomy.ts';

export interface Workspace {
  workspaceId: string;
  name: string;
  timeZone: string;
}

export const DEFAULT_WORKSPACE = 'default';

/**
 * Serialises writers of one workspace's customers inside a transaction: identity
 * resolution must see every identity an earlier batch recorded. Advisory locks are per
 * database, so the key names the schema too: installations (and test runs) in other
 * schemas of the same database never wait on each other's workspace of the same name.
 */
export const workspaceLock = (tx: Queryable, workspaceId: string) =>
  tx.query(`SELECT pg_advisory_xact_lock(hashtext('siyu.workspace:' || current_schema() || ':' || $1))`, [workspaceId]);
const WORKSPACE_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Create the workspace (and its system tag groups) if it does not exist. Idempotent. */
export async function ensureWorkspace(
  db: Db,
  spec: { workspaceId: string; name?: string; timeZone?: string },
): Promise<Workspace> {
  if (!WORKSPACE_ID.test(spec.workspaceId)) {
    throw new SiyuError('validation_failed', `workspace id "${spec.workspaceId}" must be lowercase letters, digits, - or _ (at most 63)`);
  }
  const timeZone = spec.timeZone ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone)) throw new SiyuError('validation_failed', `time zone "${timeZone}" is not an IANA time zone`);
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO workspaces (workspace_id, name, time_zone) VALUES ($1, $2, $3) ON CONFLICT (workspace_id) DO NOTHING`,
      [spec.workspaceId, spec.name ?? spec.workspaceId, timeZone],
    );
    await ensureSystemTaxonomy(tx, spec.workspaceId);
    return (await getWorkspace(tx, spec.workspaceId))!;
  });
}

// NOT EXISTS rather than ON CONFLICT: a conflicting insert still draws an identity value,
// and this runs on every start.
async function ensureSystemTaxonomy(tx: Queryable, workspaceId: string): Promise<void> {
  await tx.query(
    `INSERT INTO tag_categories (workspace_id, name, system) SELECT $1, $2, true
     WHERE NOT EXISTS (SELECT 1 FROM tag_categories WHERE workspace_id = $1 AND name = $2)`,
    [workspaceId, SYSTEM_CATEGORY],
  );
  for (const g of SYSTEM_GROUPS) {
    await tx.query(
      `INSERT INTO tag_groups (workspace_id, category_id, name, exclusive, system)
       SELECT $1, category_id, $3, true, true FROM tag_categories WHERE workspace_id = $1 AND name = $2
         AND NOT EXISTS (SELECT 1 FROM tag_groups WHERE workspace_id = $1 AND name = $3)`,
      [workspaceId, SYSTEM_CATEGORY, g.name],
    );
    await tx.query(
      `INSERT INTO tags (workspace_id, group_id, name)
       SELECT $1, g.group_id, t.name FROM tag_groups g, unnest($3::text[]) AS t(name)
       WHERE g.workspace_id = $1 AND g.name = $2
         AND NOT EXISTS (SELECT 1 FROM tags x WHERE x.workspace_id = $1 AND x.group_id = g.group_id AND x.name = t.name)`,
      [workspaceId, g.name, [...g.tags]],
    );
  }
}

export async function getWorkspace(db: Queryable, workspaceId: string): Promise<Workspace | undefined> {
  const [row] = await db.query<{ workspace_id: string; name: string; time_zone: string }>(
    `SELECT workspace_id, name, time_zone FROM workspaces WHERE workspace_id = $1`,
    [workspaceId],
  );
  return row && { workspaceId: row.workspace_id, name: row.name, timeZone: row.time_zone };
}

export async function requireWorkspace(db: Queryable, workspaceId: string): Promise<Workspace> {
  const ws = await getWorkspace(db, workspaceId);
  if (!ws) throw new SiyuError('not_found', `workspace "${workspaceId}" does not exist (create it with "siyu demo" or "siyu workspace create ${workspaceId}")`);
  return ws;
}

export async function listWorkspaces(db: Queryable): Promise<Workspace[]> {
  const rows = await db.query<{ workspace_id: string; name: string; time_zone: string }>(
    `SELECT workspace_id, name, time_zone FROM workspaces ORDER BY workspace_id`,
  );
  return rows.map((r) => ({ workspaceId: r.workspace_id, name: r.name, timeZone: r.time_zone }));
}

export async function upsertStaff(db: Queryable, workspaceId: string, staff: { staffId: string; name: string }[]): Promise<void> {
  if (staff.length === 0) return;
  await db.query(
    `INSERT INTO staff (workspace_id, staff_id, name) SELECT $1, * FROM unnest($2::text[], $3::text[])
     ON CONFLICT (workspace_id, staff_id) DO UPDATE SET name = excluded.name`,
    [workspaceId, staff.map((s) => s.staffId), staff.map((s) => s.name)],
  );
}

export async function upsertChannels(
  db: Queryable,
  workspaceId: string,
  channels: { channel: string; name: string; fixedCostFen: number; trafficCostFen: number }[],
): Promise<void> {
  if (channels.length === 0) return;
  await db.query(
    `INSERT INTO channels (workspace_id, channel, name, fixed_cost_fen, traffic_cost_fen)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[])
     ON CONFLICT (workspace_id, channel) DO UPDATE SET name = excluded.name,
       fixed_cost_fen = excluded.fixed_cost_fen, traffic_cost_fen = excluded.traffic_cost_fen`,
    [workspaceId, channels.map((c) => c.channel), channels.map((c) => c.name), channels.map((c) => c.fixedCostFen), channels.map((c) => c.trafficCostFen)],
  );
}
