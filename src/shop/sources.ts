/** Shops that send order webhooks, each with its own signing secret (sealed at rest). */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../customers/index.ts';
import { audit } from '../customers/index.ts';
import { SiyuError } from '../shared/errors.ts';
import { openSecret, sealSecret } from '../shared/secret-box.ts';
import type { Queryable } from '../store/db.ts';
import { requireWorkspace } from '../workspaces/index.ts';

export interface ShopSource {
  source: string;
  name: string;
  disabled: boolean;
  createdAt: string;
  rotatedAt: string | null;
}

const SOURCE_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const purpose = (workspaceId: string, source: string) => `shop:${workspaceId}:${source}`;

export function checkSourceId(source: string): void {
  if (!SOURCE_ID.test(source)) {
    throw new SiyuError('validation_failed', `source "${source}": use 1–32 lowercase letters, digits, "-" or "_" (it becomes the order platform, e.g. youzan)`);
  }
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

interface SourceRow { source: string; name: string; disabled: boolean; created_at: Date; rotated_at: Date | null }
const toSource = (r: SourceRow): ShopSource => ({
  source: r.source, name: r.name, disabled: r.disabled, createdAt: r.created_at.toISOString(), rotatedAt: r.rotated_at?.toISOString() ?? null,
});

/** Register a shop; the secret (given, or generated) is returned this once. */
export async function addShopSource(
  db: Queryable,
  workspaceId: string,
  input: { source: string; name?: string; secret?: string },
  by: Actor,
): Promise<ShopSource & { secret: string }> {
  await requireWorkspace(db, workspaceId);
  checkSourceId(input.source);
  const secret = input.secret ?? newSecret();
  if (secret.length < 16) throw new SiyuError('validation_failed', 'secret: must be at least 16 characters');
  const rows = await db.query<SourceRow>(
    `INSERT INTO shop_sources (workspace_id, source, name, secret_sealed) VALUES ($1, $2, $3, $4)
     ON CONFLICT (workspace_id, source) DO NOTHING RETURNING source, name, disabled, created_at, rotated_at`,
    [workspaceId, input.source, input.name ?? input.source, sealSecret(secret, purpose(workspaceId, input.source))],
  );
  if (rows.length === 0) throw new SiyuError('conflict', `shop source "${input.source}" already exists; rotate its secret instead`);
  await audit(db, workspaceId, by, 'shop.source.added', null, { source: input.source });
  return { ...toSource(rows[0]!), secret };
}

export async function rotateShopSecret(db: Queryable, workspaceId: string, source: string, by: Actor, secret = newSecret()): Promise<{ source: string; secret: string }> {
  if (secret.length < 16) throw new SiyuError('validation_failed', 'secret: must be at least 16 characters');
  const rows = await db.query(
    `UPDATE shop_sources SET secret_sealed = $3, rotated_at = now() WHERE workspace_id = $1 AND source = $2 RETURNING source`,
    [workspaceId, source, sealSecret(secret, purpose(workspaceId, source))],
  );
  if (rows.length === 0) throw new SiyuError('not_found', `no shop source "${source}"`);
  await audit(db, workspaceId, by, 'shop.source.rotated', null, { source });
  return { source, secret };
}

export async function setShopSourceDisabled(db: Queryable, workspaceId: string, source: string, disabled: boolean, by: Actor): Promise<ShopSource> {
  const rows = await db.query<SourceRow>(
    `UPDATE shop_sources SET disabled = $3 WHERE workspace_id = $1 AND source = $2 RETURNING source, name, disabled, created_at, rotated_at`,
    [workspaceId, source, disabled],
  );
  if (rows.length === 0) throw new SiyuError('not_found', `no shop source "${source}"`);
  await audit(db, workspaceId, by, disabled ? 'shop.source.disabled' : 'shop.source.enabled', null, { source });
  return toSource(rows[0]!);
}

export async function listShopSources(db: Queryable, workspaceId: string): Promise<ShopSource[]> {
  const rows = await db.query<SourceRow>(
    `SELECT source, name, disabled, created_at, rotated_at FROM shop_sources WHERE workspace_id = $1 ORDER BY source`,
    [workspaceId],
  );
  return rows.map(toSource);
}

/** The source's secret, for verifying a delivery; undefined for an unknown or disabled source. */
export async function shopSecret(db: Queryable, workspaceId: string, source: string): Promise<string | undefined> {
  const [row] = await db.query<{ secret_sealed: string; disabled: boolean }>(
    `SELECT secret_sealed, disabled FROM shop_sources WHERE workspace_id = $1 AND source = $2`,
    [workspaceId, source],
  );
  if (!row || row.disabled) return undefined;
  return openSecret(row.secret_sealed, purpose(workspaceId, source));
}
