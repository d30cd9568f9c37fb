/**
 * The WeCom app's secrets (token, EncodingAESKey, app secret) are sealed at rest with the
 * product's secret box (src/shared/secret-box.ts), bound to the workspace so a sealed value
 * cannot be copied to another workspace's row.
 */
import { openSecret, sealSecret } from '../shared/secret-box.ts';

export { secretKeyFile } from '../shared/secret-box.ts';

const purpose = (workspaceId: string, field: string) => `wecom:${workspaceId}:${field}`;

export const seal = (workspaceId: string, field: string, plain: string): string => sealSecret(plain, purpose(workspaceId, field));
export const unseal = (workspaceId: string, field: string, sealed: string): string => openSecret(sealed, purpose(workspaceId, field));

export const mask = (s: string): string => (s.length <= 4 ? '****' : `${s.slice(0, 2)}${'*'.repeat(Math.min(12, s.length - 4))}${s.slice(-2)}`);
