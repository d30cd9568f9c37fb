-- Staff accounts, console sessions, integration tokens and login attempts.
-- Secrets are never stored: passwords as argon2id hashes, session ids and tokens as
-- SHA-256 digests (they are long random values, so a fast digest is enough).

-- A user belongs to one workspace; the login is unique across the installation so the
-- console's login form needs no workspace field.
CREATE TABLE users (
  workspace_id         text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  user_id              bigint GENERATED ALWAYS AS IDENTITY,
  login                text NOT NULL,
  name                 text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('admin', 'operator', 'staff')),
  -- The WeCom userid of a staff member: they see the customers they own or follow.
  staff_id             text,
  sees_phones          boolean NOT NULL,
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at          timestamptz,
  -- Mirrors of the login-attempt log, for people reading `siyu users list`.
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  last_login_at        timestamptz,
  password_changed_at  timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id),
  CHECK (role <> 'staff' OR staff_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_login ON users (lower(login));

CREATE TABLE sessions (
  workspace_id  text NOT NULL,
  session_hash  text NOT NULL PRIMARY KEY,
  user_id       bigint NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  -- Sliding: each use moves it on, up to absolute_expiry.
  expires_at    timestamptz NOT NULL,
  absolute_expiry timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (workspace_id, user_id);

CREATE TABLE api_tokens (
  workspace_id  text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  token_id      bigint GENERATED ALWAYS AS IDENTITY,
  name          text NOT NULL,
  -- The first characters of the token, shown in lists so people can tell tokens apart.
  prefix        text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  scopes        text[] NOT NULL,
  created_by    text,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (workspace_id, token_id)
);
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (workspace_id, name) WHERE revoked_at IS NULL;

-- Every login attempt, for rate limiting per login and per address. The workspace is the
-- account's when the login exists, '' otherwise (an attempt names no workspace).
CREATE TABLE login_attempts (
  workspace_id  text NOT NULL,
  attempt_id    bigint GENERATED ALWAYS AS IDENTITY,
  login         text NOT NULL,
  ip            text NOT NULL,
  at            timestamptz NOT NULL,
  -- ok: signed in; failed: wrong login or password; blocked: refused while locked;
  -- reset: an administrator lifted a lockout.
  outcome       text NOT NULL CHECK (outcome IN ('ok', 'failed', 'blocked', 'reset')),
  PRIMARY KEY (attempt_id)
);
CREATE INDEX login_attempts_login ON login_attempts (lower(login), at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
