import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import {
  CRYPTO_ERRORS, WecomCryptoError, decodeAesKey, decryptMessage, encryptMessage, pkcs7Pad, pkcs7Unpad, signature, verifySignature,
} from './crypto.ts';
import { buildReply, parseWecomXml } from './xml.ts';
import { vectors } from './testing.ts';

const code = (fn: () => unknown): number => {
  try {
    fn();
  } catch (err) {
    if (err instanceof WecomCryptoError) return err.wecomCode;
    throw err;
  }
  return 0;
};

for (const v of vectors.crypto_vectors) {
  test(`vector ${v.id}: signature, decryption and byte-exact re-encryption`, () => {
    assert.equal(signature(v.token, v.timestamp, v.nonce, v.encrypt), v.msg_signature);
    assert.ok(verifySignature(v.token, v.timestamp, v.nonce, v.encrypt, v.msg_signature));
    const d = decryptMessage(v.encoding_aes_key, v.encrypt, v.receive_id);
    assert.equal(d.message, v.expected_plaintext);
    assert.equal(Buffer.byteLength(d.message, 'utf8'), v.decrypted_msg_len);
    assert.equal(d.random.toString('hex'), v.decrypted_random_hex);
    assert.equal(d.receiveId, v.receive_id);
    assert.equal(Buffer.from(v.encrypt, 'base64').length, v.ciphertext_length_bytes);
    const again = encryptMessage(v.encoding_aes_key, v.expected_plaintext, v.receive_id, Buffer.from(v.decrypted_random_hex, 'hex'));
    assert.equal(again, v.encrypt);
    // The pad length recorded in the vector is what 32-byte PKCS#7 gives for this plaintext.
    const plainLen = 16 + 4 + v.decrypted_msg_len + Buffer.byteLength(v.receive_id);
    assert.equal(32 - (plainLen % 32), v.pkcs7_pad_length);
  });

  test(`vector ${v.id}: wrong receive id, tampered signature and ciphertext are refused`, () => {
    assert.equal(code(() => decryptMessage(v.encoding_aes_key, v.encrypt, 'ww-not-this-corp')), CRYPTO_ERRORS.receiveId);
    const wrong = v.msg_signature.slice(0, -1) + (v.msg_signature.endsWith('0') ? '1' : '0');
    assert.equal(verifySignature(v.token, v.timestamp, v.nonce, v.encrypt, wrong), false);
    assert.equal(verifySignature(v.token, v.timestamp, `${v.nonce}1`, v.encrypt, v.msg_signature), false);
    assert.equal(verifySignature(v.token, v.timestamp, v.nonce, v.encrypt, 'short'), false);
    if (v.negative_case) {
      const n = v.negative_case;
      assert.equal(verifySignature(v.token, v.timestamp, n.nonce ?? v.nonce, v.encrypt, n.msg_signature ?? v.msg_signature), false);
    }
    // Flipping a byte of the last block breaks the padding or the layout.
    const bytes = Buffer.from(v.encrypt, 'base64');
    bytes[bytes.length - 17]! ^= 0xff;
    const c = code(() => decryptMessage(v.encoding_aes_key, bytes.toString('base64'), v.receive_id));
    assert.ok(([CRYPTO_ERRORS.buffer, CRYPTO_ERRORS.receiveId] as number[]).includes(c), `got ${c}`);
  });
}

test('GET lines: the signature is over the URL-decoded echostr', () => {
  for (const v of vectors.crypto_vectors) {
    const line = v.request_line ?? v.request_url;
    if (!line) continue;
    const q = new URL(line.replace(/^GET /, 'http://x')).searchParams;
    assert.equal(q.get('echostr'), v.encrypt);
    assert.ok(verifySignature(v.token, q.get('timestamp')!, q.get('nonce')!, q.get('echostr')!, q.get('msg_signature')!) || !!v.negative_case);
    assert.equal(decryptMessage(v.encoding_aes_key, q.get('echostr')!, v.receive_id).message, v.expected_plaintext);
  }
});

test('POST bodies: the Encrypt element is found by name and decrypts', () => {
  for (const v of vectors.crypto_vectors) {
    if (!v.post_body) continue;
    const env = parseWecomXml(v.post_body);
    assert.equal(env.fields.Encrypt, v.encrypt);
    assert.equal(env.fields.ToUserName, v.receive_id);
  }
});

test('wechatpy-work-encrypt: deterministic encryption and the reply envelope are byte-exact', () => {
  const v = vectors.crypto_vectors.find((x) => x.id === 'wechatpy-work-encrypt')!;
  const enc = encryptMessage(v.encoding_aes_key, v.reply_plaintext_input!, v.receive_id, Buffer.from(v.random_prefix_ascii!, 'ascii'));
  assert.equal(enc, v.encrypt);
  const sig = signature(v.token, v.timestamp, v.nonce, enc);
  assert.equal(sig, v.msg_signature);
  assert.equal(buildReply(enc, sig, v.timestamp, v.nonce), v.expected_reply_xml);
});

test('keys: lenient decoding of non-canonical keys, bad keys refused with -40004', () => {
  for (const v of vectors.crypto_vectors) assert.equal(decodeAesKey(v.encoding_aes_key).length, 32);
  assert.equal(code(() => decodeAesKey('short')), CRYPTO_ERRORS.aesKey);
  assert.equal(code(() => decodeAesKey(`${'a'.repeat(42)}=`)), CRYPTO_ERRORS.aesKey);
  assert.equal(code(() => decodeAesKey('a'.repeat(44))), CRYPTO_ERRORS.aesKey);
});

test('PKCS#7 to 32-byte blocks: 1..32 pad bytes, anything else is -40008', () => {
  assert.equal(pkcs7Pad(Buffer.alloc(31)).length, 32);
  assert.equal(pkcs7Pad(Buffer.alloc(32)).length, 64);
  assert.deepEqual([...pkcs7Pad(Buffer.alloc(32)).subarray(32)], Array(32).fill(32));
  assert.equal(pkcs7Unpad(pkcs7Pad(Buffer.from('abc'))).toString(), 'abc');
  const bad = Buffer.alloc(32, 0);
  assert.equal(code(() => pkcs7Unpad(bad)), CRYPTO_ERRORS.buffer);
  bad[31] = 33;
  assert.equal(code(() => pkcs7Unpad(bad)), CRYPTO_ERRORS.buffer);
});

test('ciphertext that is not Base64 or not whole blocks is refused', () => {
  const v = vectors.crypto_vectors[0]!;
  assert.equal(code(() => decryptMessage(v.encoding_aes_key, '***', v.receive_id)), CRYPTO_ERRORS.base64Decode);
  assert.equal(code(() => decryptMessage(v.encoding_aes_key, Buffer.alloc(20).toString('base64'), v.receive_id)), CRYPTO_ERRORS.decrypt);
  // A length field that overruns the buffer.
  const key = decodeAesKey(v.encoding_aes_key);
  const plain = pkcs7Pad(Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 3, 232]), Buffer.from('short message')]));
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  const forged = Buffer.concat([c.update(plain), c.final()]).toString('base64');
  assert.equal(code(() => decryptMessage(v.encoding_aes_key, forged, v.receive_id)), CRYPTO_ERRORS.buffer);
});

test('XML: DOCTYPE/entities and malformed documents are -40002; values stay strings', () => {
  assert.equal(code(() => parseWecomXml('<!DOCTYPE x [<!ENTITY a "b">]><xml><A>&a;</A></xml>')), CRYPTO_ERRORS.parse);
  assert.equal(code(() => parseWecomXml('<xml><A>1</xml>')), CRYPTO_ERRORS.parse);
  assert.equal(code(() => parseWecomXml('<root/>')), CRYPTO_ERRORS.parse);
  assert.equal(code(() => parseWecomXml('not xml')), CRYPTO_ERRORS.parse);
  const m = parseWecomXml('<xml><MsgId>4561255354251345929</MsgId><Id>0123</Id><Empty></Empty></xml>');
  assert.deepEqual(m.fields, { MsgId: '4561255354251345929', Id: '0123', Empty: '' });
});
