/**
 * One error class for the whole product, with a string-literal code per failure.
 * Transports (HTTP, CLI) map codes to status and exit codes once, at the edge.
 */
export type ErrorCode =
  | 'bad_request'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'store_locked'
  | 'store_unavailable'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  | 'upstream_failed'
  | 'query_timeout';

export class SiyuError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'SiyuError';
    this.code = code;
    this.details = details;
  }
}

export const httpStatusOf = (code: ErrorCode): number =>
  ({
    bad_request: 400,
    malformed_json: 400,
    unsupported_media_type: 415,
    validation_failed: 422,
    not_found: 404,
    conflict: 409,
    payload_too_large: 413,
    store_locked: 503,
    store_unavailable: 503,
    forbidden: 403,
    unauthorized: 401,
    rate_limited: 429,
    upstream_failed: 502,
    query_timeout: 503,
  })[code];
