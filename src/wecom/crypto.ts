/**
 * The WXBizMsgCrypt scheme of WeCom callbacks (spec wecom.md §1), byte for byte:
 * AES-256-CBC with the IV = first 16 key bytes, PKCS#7 padding to 32-byte blocks done by
 * hand (Node's own padding assumes 16 and rejects pad counts above 16), a plaintext of
 * random(16) ‖ uint32-BE length ‖ msg ‖ receiveId, and a SHA-1 signature over the sorted
 * token/timestamp/nonce/encrypt. Pure: the random prefix is a parameter.
 */
import { createCipheriv, createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** The official sample's return codes (spec §1.8). */
export const CRYPTO_ERRORS = {
  signature: -40001,
  parse: -40002,
  computeSignature: -40003,
  aesKey: -40004,
  receiveId: -40005,
  encrypt: -40006,
  decrypt: -40007,
  buffer: -40008,
  base64Encode: -40009,
  base64Decode: -40010,
  buildXml: -40011,
} as const;

export type CryptoErrorCode = (typeof CRYPTO_ERRORS)[keyof typeof CRYPTO_ERRORS];

export class WecomCryptoError extends Error {
  readonly wecomCode: CryptoErrorCode;
  constructor(wecomCode: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'WecomCryptoError';
    this.wecomCode = wecomCode;
  }
}

const BLOCK = 32;
const KEY_CHARS = /^[A-Za-z0-9]{43}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * EncodingAESKey → 32-byte AES key. Lenient: most real keys are non-canonical Base64
 * (the last character's unused bits are not zero), so never re-encode to validate.
 */
export function decodeAesKey(encodingAesKey: string): Buffer {
  if (!KEY_CHARS.test(encodingAesKey)) {
    throw new WecomCryptoError(CRYPTO_ERRORS.aesKey, 'the EncodingAESKey must be exactly 43 letters and digits');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WecomCryptoError(CRYPTO_ERRORS.aesKey, `the EncodingAESKey decodes to ${key.length} bytes, not 32`);
  return key;
}

export function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export function pkcs7Unpad(data: Buffer): Buffer {
  const n = data.length === 0 ? 0 : data[data.length - 1]!;
  if (n < 1 || n > BLOCK || n > data.length) throw new WecomCryptoError(CRYPTO_ERRORS.buffer, `bad padding: the pad count is ${n}`);
  return data.subarray(0, data.length - n);
}

/** lowercase hex SHA-1 of the four strings sorted in code-unit order and joined. */
export function signature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  const parts = [token, timestamp, nonce, encrypt].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha1').update(parts.join(''), 'utf8').digest('hex');
}

/** Constant-time comparison of the received msg_signature with the expected one. */
export function verifySignature(token: string, timestamp: string, nonce: string, encrypt: string, received: string): boolean {
  const expected = Buffer.from(signature(token, timestamp, nonce, encrypt), 'utf8');
  const got = Buffer.from(received.toLowerCase(), 'utf8');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export interface Decrypted {
  /** The message as UTF-8 bytes, decoded. */
  message: string;
  random: Buffer;
  receiveId: string;
}

/** Base64 ciphertext → message; checks the padding, the length field and the receive id. */
export function decryptMessage(encodingAesKey: string, encrypt: string, expectedReceiveId: string | undefined): Decrypted {
  const key = decodeAesKey(encodingAesKey);
  const text = encrypt.trim();
  if (!BASE64.test(text)) throw new WecomCryptoError(CRYPTO_ERRORS.base64Decode, 'the ciphertext is not Base64');
  const cipherBytes = Buffer.from(text, 'base64');
  if (cipherBytes.length === 0 || cipherBytes.length % 16 !== 0) {
    throw new WecomCryptoError(CRYPTO_ERRORS.decrypt, `the ciphertext is ${cipherBytes.length} bytes, not a whole number of AES blocks`);
  }
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    d.setAutoPadding(false);
    plain = Buffer.concat([d.update(cipherBytes), d.final()]);
  } catch (err) {
    throw new WecomCryptoError(CRYPTO_ERRORS.decrypt, `AES decryption failed: ${(err as Error).message}`);
  }
  const body = pkcs7Unpad(plain);
  if (body.length < 20) throw new WecomCryptoError(CRYPTO_ERRORS.buffer, 'the decrypted buffer is too short');
  const length = body.readUInt32BE(16);
  if (20 + length > body.length) throw new WecomCryptoError(CRYPTO_ERRORS.buffer, `the length field (${length}) overruns the buffer`);
  const receiveId = body.subarray(20 + length).toString('utf8');
  if (expectedReceiveId !== undefined && receiveId !== expectedReceiveId) {
    throw new WecomCryptoError(CRYPTO_ERRORS.receiveId, `the receive id "${receiveId}" is not the configured corp id`);
  }
  return { message: body.subarray(20, 20 + length).toString('utf8'), random: Buffer.from(body.subarray(0, 16)), receiveId };
}

/** message → Base64 ciphertext, with the given 16-byte random prefix (deterministic). */
export function encryptMessage(encodingAesKey: string, message: string, receiveId: string, random: Buffer): string {
  if (random.length !== 16) throw new WecomCryptoError(CRYPTO_ERRORS.encrypt, 'the random prefix must be 16 bytes');
  const key = decodeAesKey(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const padded = pkcs7Pad(Buffer.concat([random, length, msg, Buffer.from(receiveId, 'utf8')]));
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(padded), c.final()]).toString('base64');
}
