-- Attempt counters for sign-in and password checks (per login, per address, per password
-- change), reserved under a row lock before a password is verified, so parallel guesses
-- are counted one by one. Keyed before any workspace is known (a login may not exist).
CREATE TABLE login_throttle (
  throttle_key      text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);

-- Refused unauthenticated requests (WeCom callbacks, shop webhooks), counted per minute,
-- per workspace, channel, source and reason code: a flood of bad signatures adds one row
-- a minute, not one a request. Kept 30 days (housekeeping).
CREATE TABLE refused_requests (
  workspace_id text NOT NULL,
  channel      text NOT NULL,
  source       text NOT NULL,
  minute       timestamptz NOT NULL,
  code         text NOT NULL,
  requests     integer NOT NULL,
  reason       text NOT NULL,
  address      text NOT NULL,
  last_at      timestamptz NOT NULL,  -- the latest, by the database's clock (orders a minute's entries)
  PRIMARY KEY (workspace_id, channel, source, minute, code)
);

INSERT INTO refused_requests (workspace_id, channel, source, minute, code, requests, reason, address, last_at)
SELECT workspace_id, 'wecom', method, date_trunc('minute', at), wecom_code::text, count(*)::int, max(reason), '', max(at)
FROM wecom_callback_rejects GROUP BY workspace_id, method, date_trunc('minute', at), wecom_code;
DROP TABLE wecom_callback_rejects;
