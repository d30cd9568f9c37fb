/**
 * The XML of WeCom callbacks: the POST envelope (ToUserName / AgentID / Encrypt), the
 * decrypted event messages and the passive-reply envelope. Values stay strings (ids such
 * as "0123" or 19-digit MsgIds must not become numbers); DOCTYPE and entity declarations
 * are refused outright. Pure.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CRYPTO_ERRORS, WecomCryptoError } from './crypto.ts';

/** A flat message: element name → text. List elements (MemChangeList) are in `lists`. */
export interface WecomXml {
  fields: Record<string, string>;
  lists: Record<string, string[]>;
}

const MAX_XML_BYTES = 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  cdataPropName: false,
  isArray: (name, jpath) => jpath === 'xml.MemChangeList.Item' || name === 'Item',
});

const fail = (message: string): never => {
  throw new WecomCryptoError(CRYPTO_ERRORS.parse, message);
};

/** Parse `<xml>…</xml>` into flat fields; anything else is a -40002 parse error. */
export function parseWecomXml(text: string): WecomXml {
  if (text.length > MAX_XML_BYTES) fail('the XML is larger than 1 MiB');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) fail('the XML declares a DOCTYPE or entities, which are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) fail(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    return fail(`malformed XML: ${(err as Error).message}`);
  }
  const root = doc.xml;
  if (root === undefined || root === null) fail('the XML has no <xml> root element');
  if (typeof root !== 'object') return { fields: {}, lists: {} };
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
    if (value === null || value === undefined) fields[name] = '';
    else if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.map(String).join(',');
    else if (typeof value === 'object') {
      const items = (value as Record<string, unknown>).Item;
      lists[name] = Array.isArray(items) ? items.map((i) => String(i)) : items === undefined ? [] : [String(items)];
    } else fields[name] = String(value);
  }
  return { fields, lists };
}

const cdata = (v: string): string => `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** The POST envelope WeCom sends (the fake server's side). */
export function buildEnvelope(toUserName: string, encrypt: string, agentId?: string): string {
  return `<xml><ToUserName>${cdata(toUserName)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt>` +
    `${agentId === undefined ? '' : `<AgentID>${cdata(agentId)}</AgentID>`}</xml>`;
}

/** The encrypted passive reply, exactly as the official sample writes it. */
export function buildReply(encrypt: string, msgSignature: string, timestamp: string, nonce: string): string {
  return `<xml>\n<Encrypt>${cdata(encrypt)}</Encrypt>\n<MsgSignature>${cdata(msgSignature)}</MsgSignature>\n` +
    `<TimeStamp>${timestamp}</TimeStamp>\n<Nonce>${cdata(nonce)}</Nonce>\n</xml>`;
}

/** A message body: strings as CDATA, numbers bare, string arrays as <Item> lists. */
export function buildMessageXml(fields: Record<string, string | number | string[] | undefined>): string {
  const lines = Object.entries(fields).flatMap(([name, v]) => {
    if (v === undefined) return [];
    if (Array.isArray(v)) return [`\t<${name}>\n${v.map((i) => `\t\t<Item>${i}</Item>`).join('\n')}\n\t</${name}>`];
    return [`\t<${name}>${typeof v === 'number' ? String(v) : cdata(v)}</${name}>`];
  });
  return `<xml>\n${lines.join('\n')}\n</xml>`;
}
