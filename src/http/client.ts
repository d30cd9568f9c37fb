/**
 * Who is at the other end of a request, for rate limits and the audit trail. Behind a
 * reverse proxy every socket comes from the proxy: name it in SIYU_TRUSTED_PROXIES
 * (CIDR list) and the client is read from X-Forwarded-For, past the trusted hops only.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { clientAddress, parseAddressList, type AddressList } from '../shared/addresses.ts';

export const TRUSTED_PROXIES_ENV = 'SIYU_TRUSTED_PROXIES';

/** The trusted proxies of the app (the deps' list, else the environment's); a bad entry stops the start. */
export const trustedProxies = (configured: string | undefined = process.env[TRUSTED_PROXIES_ENV]): AddressList =>
  parseAddressList(configured, TRUSTED_PROXIES_ENV);

function peerOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return ''; // an in-process request with no socket
  }
}

/** The client's address ('' when there is no socket to ask). */
export const clientAddressOf = (c: Context, trusted: AddressList): string =>
  clientAddress(peerOf(c), c.req.header('x-forwarded-for'), trusted);

/** Whether the client reached us over HTTPS: the URL says so, or a trusted proxy does (X-Forwarded-Proto). */
export const isHttpsRequest = (c: Context, trusted: AddressList): boolean =>
  new URL(c.req.url).protocol === 'https:' || (trusted.has(peerOf(c)) && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
