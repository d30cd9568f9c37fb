/**
 * Secrets at rest (corp secret, token, EncodingAESKey): AES-256-GCM with a key from
 * SIYU_SECRET_KEY (64 hex characters or 44 Base64 characters = 32 bytes; any other text is
 * hashed to a key), or else a key file created on first use with mode 0600 at
 * SIYU_SECRET_KEY_FILE, default `<data dir>/../secret.key` (beside the embedded data
 * directory; the same place when the store is a PostgreSQL server). Lose the key and the
 * stored secrets must be entered again.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SiyuError } from '../shared/errors.ts';

let cached: { source: string; key: Buffer } | undefined;

export function secretKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIYU_SECRET_KEY_FILE) return resolve(env.SIYU_SECRET_KEY_FILE);
  return join(dirname(resolve(env.SIYU_DATA_DIR || './.siyu/data')), 'secret.key');
}

function keyFromText(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  if (/^[A-Za-z0-9+/]{43}=$/.test(t) && b.length === 32) return b;
  return createHash('sha256').update(t, 'utf8').digest();
}

export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const source = env.SIYU_SECRET_KEY ? 'env' : secretKeyFile(env);
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (env.SIYU_SECRET_KEY) key = keyFromText(env.SIYU_SECRET_KEY);
  else {
    if (!existsSync(source)) {
      mkdirSync(dirname(source), { recursive: true });
      try {
        writeFileSync(source, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    chmodSync(source, 0o600);
    key = keyFromText(readFileSync(source, 'utf8'));
  }
  cached = { source, key };
  return key;
}

export function seal(plain: string, key = secretKey()): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

export function unseal(sealed: string, key = secretKey()): string {
  const raw = sealed.startsWith('v1:') ? Buffer.from(sealed.slice(3), 'base64') : Buffer.alloc(0);
  if (raw.length < 28) throw new SiyuError('conflict', 'a stored WeCom secret is unreadable; set the WeCom configuration again');
  try {
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  } catch {
    throw new SiyuError('conflict', 'the stored WeCom secrets were sealed with another secret key (SIYU_SECRET_KEY / secret.key); set the WeCom configuration again');
  }
}

export const mask = (s: string): string => (s.length <= 4 ? '****' : `${s.slice(0, 2)}${'*'.repeat(Math.min(12, s.length - 4))}${s.slice(-2)}`);
