/**
 * Secrets at rest (webhook secrets, WeCom app secrets): AES-256-GCM, with the purpose
 * (e.g. "shop:default:youzan") as additional data so a sealed value cannot be moved to
 * another row. The key comes from SIYU_SECRET_KEY (any string, hashed to 32 bytes), else
 * from a key file — SIYU_SECRET_KEY_FILE, or `secret.key` beside the embedded data
 * directory — created with mode 0600 on first use. Losing the key means re-entering the
 * secrets; it is never stored in the database.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SiyuError } from './errors.ts';

const VERSION = 'v1';
let cached: { source: string; key: Buffer } | undefined;

export function secretKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIYU_SECRET_KEY_FILE) return resolve(env.SIYU_SECRET_KEY_FILE);
  return resolve(dirname(resolve(env.SIYU_DATA_DIR || './.siyu/data')), 'secret.key');
}

function key(env: NodeJS.ProcessEnv = process.env): Buffer {
  const source = env.SIYU_SECRET_KEY ? 'env' : secretKeyFile(env);
  if (cached?.source === source) return cached.key;
  let material: string;
  if (env.SIYU_SECRET_KEY) {
    material = env.SIYU_SECRET_KEY;
  } else if (existsSync(source)) {
    material = readFileSync(source, 'utf8').trim();
  } else {
    material = randomBytes(32).toString('base64');
    mkdirSync(dirname(source), { recursive: true });
    writeFileSync(source, `${material}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(source, 0o600);
  }
  cached = { source, key: createHash('sha256').update(material).digest() };
  return cached.key;
}

export function sealSecret(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function openSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SiyuError('bad_request', `stored secret for ${purpose} is not in a known format`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SiyuError('bad_request', `stored secret for ${purpose} cannot be opened: the secret key (SIYU_SECRET_KEY or ${secretKeyFile()}) has changed; set the secret again`);
  }
}
