/**
 * Secrets at rest (webhook secrets, WeCom app secrets): AES-256-GCM, with the purpose
 * (e.g. "shop:default:youzan") as additional data so a sealed value cannot be moved to
 * another row. The key comes from SIYU_SECRET_KEY (64 hex or 44 Base64 characters, else any text hashed to 32 bytes), else
 * from a key file — SIYU_SECRET_KEY_FILE, or `secret.key` inside the embedded data directory
 * (also when the store is a server), so the directory holds everything its store needs —
 * created with mode 0600 on first use. Losing the key means re-entering the secrets; it is
 * never stored in the database.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SiyuError } from './errors.ts';

const VERSION = 'v1';
let cached: { source: string; key: Buffer } | undefined;

export function secretKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIYU_SECRET_KEY_FILE) return resolve(env.SIYU_SECRET_KEY_FILE);
  return resolve(env.SIYU_DATA_DIR || './.siyu/data', 'secret.key');
}

/**
 * Where earlier versions kept the key: beside the data directory (`/tmp/secret.key` for
 * `/tmp/x`). A key found there is taken in, so secrets sealed with it still open.
 */
function legacySecretKeyFile(env: NodeJS.ProcessEnv): string | undefined {
  if (env.SIYU_SECRET_KEY_FILE) return undefined;
  return resolve(dirname(resolve(env.SIYU_DATA_DIR || './.siyu/data')), 'secret.key');
}

/** 64 hex characters or 44 Base64 characters are the key itself; any other text is hashed to one. */
function keyFromText(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(t)) return Buffer.from(t, 'base64');
  return createHash('sha256').update(t, 'utf8').digest();
}

export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const source = env.SIYU_SECRET_KEY ? 'env' : secretKeyFile(env);
  if (cached?.source === source) return cached.key;
  let material: string;
  if (env.SIYU_SECRET_KEY) {
    material = env.SIYU_SECRET_KEY;
  } else {
    if (!existsSync(source)) {
      mkdirSync(dirname(source), { recursive: true });
      const legacy = legacySecretKeyFile(env);
      // Copied, not moved: data directories that share a parent used that one key, and each
      // takes its own copy when it first starts. The old file can go once all have started.
      if (legacy && existsSync(legacy)) {
        try {
          copyFileSync(legacy, source, constants.COPYFILE_EXCL);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
    }
    if (!existsSync(source)) {
      try {
        writeFileSync(source, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // Another process created it first: use theirs.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    chmodSync(source, 0o600);
    material = readFileSync(source, 'utf8');
  }
  cached = { source, key: keyFromText(material) };
  return cached.key;
}

export function sealSecret(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function openSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SiyuError('bad_request', `stored secret for ${purpose} is not in a known format`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKey(), Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SiyuError('bad_request', `stored secret for ${purpose} cannot be opened: the secret key (SIYU_SECRET_KEY or ${secretKeyFile()}) has changed; set the secret again`);
  }
}
