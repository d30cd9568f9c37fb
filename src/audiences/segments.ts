/**
 * Saved segments (分群): a named audience filter, reusable in the console, in mass messages
 * and inside other filters ({field:'segment', segment:'高价值宝妈'}). A segment is checked
 * when saved (names resolve, no cycle through other segments) and resolved again when used.
 */
import type { Actor } from '../customers/index.ts';
import { audit } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { checkName } from '../tags/index.ts';
import { parseFilter, walk, type AudienceFilter } from './filter.ts';
import { findSegmentRow, resolveFilter } from './resolve.ts';

export interface SavedSegment {
  segmentId: number;
  name: string;
  description: string | null;
  filter: AudienceFilter;
  createdBy: string | null;
  /** The user who created it (null: made by a token or the CLI); staff change only their own. */
  owner: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = NonNullable<Awaited<ReturnType<typeof findSegmentRow>>>;
const toSegment = (r: Row): SavedSegment => ({
  segmentId: Number(r.segment_id), name: r.name, description: r.description, filter: r.filter, createdBy: r.created_by, owner: r.owner_login,
  createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
});

export interface SaveSegmentInput {
  name: string;
  filter: unknown;
  description?: string | null | undefined;
  actor: Actor;
  /** Replace the filter of an existing segment of that name instead of refusing. */
  replace?: boolean | undefined;
  /** The signed-in user saving it: the owner of a new segment. */
  owner?: string | undefined;
  /** Staff: only segments this user owns may be replaced. */
  onlyOwnedBy?: string | undefined;
}

/** Refused unless the editor may change the segment (staff: only their own). */
function assertMayChange(seg: { name: string; owner_login: string | null }, onlyOwnedBy: string | undefined): void {
  if (onlyOwnedBy === undefined || (seg.owner_login !== null && seg.owner_login.toLowerCase() === onlyOwnedBy.toLowerCase())) return;
  throw new SiyuError('forbidden', `saved segment "${seg.name}" is not yours: staff change only the segments they saved (ask an admin or operator)`);
}

/** Create (or, with replace, update) a saved segment. */
export async function saveSegment(q: Queryable, ws: string, input: SaveSegmentInput): Promise<SavedSegment> {
  const name = checkName('group', input.name);
  if (!name.ok) throw new SiyuError('validation_failed', `name: ${name.reason.replace(/group name/, 'segment name')}`, { path: 'name' });
  const parsed = parseFilter(input.filter);
  if (!parsed.ok) {
    throw new SiyuError('validation_failed', parsed.issues.map((i) => `filter.${i.path}: ${i.message}`).join('; '), parsed.issues);
  }
  if (mentions(parsed.filter).includes(name.name)) {
    throw new SiyuError('validation_failed', `filter: segment "${name.name}" cannot refer to itself`, { path: 'filter' });
  }
  // Check every name now, and that no segment it uses leads back to this one, rather than at send time.
  await resolveFilter(q, ws, parsed.filter, { asSegment: name.name });
  const existing = await findSegmentRow(q, ws, name.name);
  if (existing && existing.name === name.name && !input.replace) {
    throw new SiyuError('conflict', `saved segment "${name.name}" already exists (replace it, or pick another name)`);
  }
  if (existing && existing.name === name.name) assertMayChange(existing, input.onlyOwnedBy);
  const description = input.description?.trim() || null;
  // The owner check is in the statement too: a segment that changed hands meanwhile is not overwritten.
  const [row] = await q.query<Row>(
    `INSERT INTO saved_segments (workspace_id, name, description, filter, created_by, owner_login)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (workspace_id, name) DO UPDATE SET filter = EXCLUDED.filter,
       description = COALESCE(EXCLUDED.description, saved_segments.description), updated_at = now()
       WHERE $7::text IS NULL OR lower(saved_segments.owner_login) = lower($7::text)
     RETURNING segment_id, name, description, filter, created_by, owner_login, created_at, updated_at`,
    [ws, name.name, description, JSON.stringify(parsed.filter), input.actor.id ?? input.actor.kind, input.owner ?? null, input.onlyOwnedBy ?? null],
  );
  if (!row) assertMayChange({ name: name.name, owner_login: null }, input.onlyOwnedBy);
  await audit(q, ws, input.actor, existing ? 'segment.update' : 'segment.create', null, { name: name.name, filter: parsed.filter });
  return toSegment(row!);
}

export async function listSegments(q: Queryable, ws: string): Promise<SavedSegment[]> {
  const rows = await q.query<Row>(
    `SELECT segment_id, name, description, filter, created_by, owner_login, created_at, updated_at FROM saved_segments WHERE workspace_id = $1 ORDER BY name`,
    [ws],
  );
  return rows.map(toSegment);
}

export async function getSegment(q: Queryable, ws: string, ref: string | number): Promise<SavedSegment> {
  const row = await findSegmentRow(q, ws, ref);
  if (!row) throw new SiyuError('not_found', `saved segment ${JSON.stringify(ref)} does not exist`);
  return toSegment(row);
}

/** Delete a segment; one that other segments use is refused (they would stop resolving). Staff: only their own (onlyOwnedBy). */
export async function deleteSegment(q: Queryable, ws: string, ref: string | number, actor: Actor, onlyOwnedBy?: string): Promise<SavedSegment> {
  const seg = await getSegment(q, ws, ref);
  assertMayChange({ name: seg.name, owner_login: seg.owner }, onlyOwnedBy);
  const users = (await listSegments(q, ws)).filter((s) => s.segmentId !== seg.segmentId && mentions(s.filter).some((m) => m === seg.name || m === String(seg.segmentId)));
  if (users.length > 0) {
    throw new SiyuError('conflict', `saved segment "${seg.name}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}; change those first`);
  }
  const gone = await q.query(
    `DELETE FROM saved_segments WHERE workspace_id = $1 AND segment_id = $2 AND ($3::text IS NULL OR lower(owner_login) = lower($3::text)) RETURNING segment_id`,
    [ws, seg.segmentId, onlyOwnedBy ?? null],
  );
  if (gone.length === 0) throw new SiyuError('not_found', `saved segment ${JSON.stringify(ref)} does not exist`);
  await audit(q, ws, actor, 'segment.delete', null, { name: seg.name });
  return seg;
}

/** The segment references in a filter. */
function mentions(filter: AudienceFilter): string[] {
  const out: string[] = [];
  walk(filter, [], (c) => {
    if (c.field === 'segment') out.push(String(c.segment).normalize('NFC').trim());
  });
  return out;
}
