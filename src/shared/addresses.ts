/**
 * IP addresses and ranges: lists of CIDRs from configuration (trusted proxies, allowed
 * webhook targets) and the ranges that are not the public internet.
 */
import { BlockList, isIP } from 'node:net';
import { SiyuError } from './errors.ts';

/** "[::1]", "::ffff:10.0.0.1", "fe80::1%eth0" → the plain address; '' when it is none. */
export function plainAddress(text: string): string {
  let a = text.trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  a = a.replace(/%.*$/, '');
  const mapped = /^(?:0{0,4}:){0,4}:?:ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  const hexMapped = /^(?:0{0,4}:){0,4}:?:ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(a);
  if (hexMapped) {
    const [hi, lo] = [parseInt(hexMapped[1]!, 16), parseInt(hexMapped[2]!, 16)];
    a = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return isIP(a) ? a : '';
}

export interface AddressList {
  /** The entries as written. */
  entries: string[];
  has(address: string): boolean;
}

/** A comma- or space-separated list of addresses and CIDRs; a bad entry is an error naming it. */
export function parseAddressList(text: string | undefined, what: string): AddressList {
  const entries = (text ?? '').split(/[\s,]+/).filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [addr = '', prefix] = entry.split('/');
    const ip = plainAddress(addr);
    const family = isIP(ip);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || !/^\d*$/.test(prefix ?? '') || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new SiyuError('validation_failed', `${what}: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, fd00::/8)`);
    }
    list.addSubnet(ip, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    entries,
    has(address) {
      const ip = plainAddress(address);
      return ip !== '' && list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * Not the public internet: loopback, private, link-local, carrier-grade NAT, documentation,
 * benchmarking, multicast and reserved ranges (IANA special-purpose registries), and IPv6
 * forms that embed an IPv4 address (NAT64, 6to4) — whose embedded address could be any.
 */
const NON_PUBLIC = parseAddressList([
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
  '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  // (IPv4-mapped IPv6 addresses are read as the IPv4 address they carry.)
  '::/128', '::1/128', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/23', '2001:db8::/32', '2002::/16',
  'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
].join(','), 'non-public ranges');

export const isPublicAddress = (address: string): boolean => plainAddress(address) !== '' && !NON_PUBLIC.has(address);

/**
 * The client of a request: the socket's peer, unless that peer is a trusted proxy — then
 * X-Forwarded-For is read from the right, past every trusted proxy, to the first address
 * that is not one (entries further left were written by the client and prove nothing).
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: AddressList): string {
  let client = plainAddress(peer);
  if (!client || !forwardedFor || !trusted.has(client)) return client;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]!);
    if (!hop) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
