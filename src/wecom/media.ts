/**
 * Library files as WeCom temporary media (spec §4.11): uploaded when a send needs a
 * media_id, kept for reuse, and uploaded again once the three days are nearly over.
 * media/upload ids serve messages; upload_attachment ids serve Moments — two namespaces.
 */
import { getMaterial, mediaUsable, MEDIA_LIFETIME_MS, messageAttachment, momentAttachment, readFile, type Material, type MaterialRef } from '../materials/index.ts';
import { SiyuError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { MultipartFile, type WecomClient } from './client.ts';

export type MediaPurpose = 'message' | 'moment';

/** A live media_id for a stored file, uploading it when there is none or it is about to expire. */
export async function mediaIdOf(q: Queryable, ws: string, client: WecomClient, fileId: number, purpose: MediaPurpose, now: number): Promise<string> {
  const [cached] = await q.query<{ media_id: string; expires_at: string }>(
    `SELECT media_id, expires_at FROM wecom_media WHERE workspace_id = $1 AND file_id = $2 AND purpose = $3`, [ws, fileId, purpose]);
  if (cached && mediaUsable(Date.parse(new Date(cached.expires_at).toISOString()), now)) return cached.media_id;
  const f = await readFile(q, ws, fileId);
  const image = f.mime === 'image/jpeg' || f.mime === 'image/png';
  const video = f.mime === 'video/mp4';
  const part = new MultipartFile(f.filename, f.data, f.mime);
  let up: { mediaId: string; createdAt: number };
  if (purpose === 'moment') {
    if (!image && !video) throw new SiyuError('validation_failed', `${f.filename} is ${f.mime}: Moments take only images and videos (WeCom upload_attachment)`);
    up = await client.uploadMomentAttachment(image ? 'image' : 'video', part);
  } else {
    up = await client.uploadMedia(image ? 'image' : video ? 'video' : 'file', part);
  }
  // WeCom's created_at (seconds) starts the three days; a missing one falls back to our clock.
  const uploadedAt = up.createdAt > 0 ? up.createdAt * 1000 : now;
  await q.query(
    `INSERT INTO wecom_media (workspace_id, file_id, purpose, media_id, uploaded_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, file_id, purpose) DO UPDATE SET media_id = EXCLUDED.media_id, uploaded_at = EXCLUDED.uploaded_at, expires_at = EXCLUDED.expires_at`,
    [ws, fileId, purpose, up.mediaId, new Date(uploadedAt), new Date(uploadedAt + MEDIA_LIFETIME_MS)],
  );
  return up.mediaId;
}

async function mediaFor(q: Queryable, ws: string, client: WecomClient, m: Material, purpose: MediaPurpose, now: number) {
  return {
    ...(m.file ? { file: await mediaIdOf(q, ws, client, m.file.fileId, purpose, now) } : {}),
    ...(m.cover && (purpose === 'moment' ? m.kind === 'link' : m.kind === 'miniprogram') ? { cover: await mediaIdOf(q, ws, client, m.cover.fileId, purpose, now) } : {}),
  };
}

/** add_msg_template / send_welcome_msg attachments for library items, with the texts they carry. */
export async function messageAttachmentsOf(q: Queryable, ws: string, client: WecomClient, refs: readonly MaterialRef[], now: number) {
  const attachments: Record<string, unknown>[] = [];
  const texts: string[] = [];
  for (const ref of refs) {
    const m = await getMaterial(q, ws, ref);
    const a = messageAttachment(m, await mediaFor(q, ws, client, m, 'message', now));
    if (a) attachments.push(a);
    if (m.text) texts.push(m.text);
  }
  return { attachments, texts };
}

/** add_moment_task attachments for library items, with the texts they carry. */
export async function momentAttachmentsOf(q: Queryable, ws: string, client: WecomClient, refs: readonly MaterialRef[], now: number) {
  const attachments: Record<string, unknown>[] = [];
  const texts: string[] = [];
  for (const ref of refs) {
    const m = await getMaterial(q, ws, ref);
    const a = momentAttachment(m, await mediaFor(q, ws, client, m, 'moment', now));
    if (a) attachments.push(a);
    if (m.text) texts.push(m.text);
  }
  return { attachments, texts };
}
