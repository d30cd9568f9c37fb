-- Attempt counters for sign-in and password checks (per login, per address, per password
-- change), reserved under a row lock before a password is verified, so parallel guesses
-- are counted one by one. Keyed before any workspace is known (a login may not exist).
CREATE TABLE login_throttle (
  throttle_key      text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);
