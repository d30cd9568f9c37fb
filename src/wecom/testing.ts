/** Test helpers: the public vectors of the WeCom spec (a copy of shared/specs/wecom-vectors.json). */
import { readFileSync } from 'node:fs';

export interface Vector {
  id: string; kind: string; token: string; encoding_aes_key: string; receive_id: string; timestamp: string; nonce: string;
  msg_signature: string; encrypt: string; post_body?: string; request_line?: string; request_url?: string;
  expected_plaintext: string; decrypted_msg_len: number; decrypted_random_hex: string; pkcs7_pad_length: number;
  ciphertext_length_bytes: number; negative_case?: { nonce?: string; msg_signature?: string };
  reply_plaintext_input?: string; random_prefix_ascii?: string; expected_reply_xml?: string;
}

export const vectors = JSON.parse(readFileSync(new URL('./fixtures/wecom-vectors.json', import.meta.url), 'utf8')) as {
  crypto_vectors: Vector[];
  event_examples: { id: string; event: string | null; change_type: string; xml: string; fields: string[] }[];
};

