-- WeCom (企业微信) integration: per-workspace configuration (secrets sealed with AES-256-GCM),
-- the durable callback inbox, mirrors of WeCom's contacts/follows/groups for reconciliation,
-- the tag id mapping both ways, the tag push outbox, channel codes and mass-message delivery.

CREATE TABLE wecom_config (
  workspace_id  text PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
  corp_id       text NOT NULL,
  token_sealed  text NOT NULL,
  aes_key_sealed text NOT NULL,
  secret_sealed text NOT NULL,
  api_base      text,
  -- Sent with the WelcomeCode of each new contact (valid 20 s, once); NULL = none.
  welcome_text  text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Verified, decrypted callbacks, stored before WeCom gets its answer; a worker processes them.
CREATE TABLE wecom_inbox (
  workspace_id    text NOT NULL,
  inbox_id        bigint GENERATED ALWAYS AS IDENTITY,
  dedupe_key      text NOT NULL,
  event           text NOT NULL,
  change_type     text NOT NULL,
  xml             text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'ignored', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  received_at     timestamptz NOT NULL DEFAULT now(),
  processed_at    timestamptz,
  duplicates      integer NOT NULL DEFAULT 0,
  result          jsonb,
  error           text,
  PRIMARY KEY (workspace_id, inbox_id),
  UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX wecom_inbox_due ON wecom_inbox (next_attempt_at) WHERE status IN ('pending', 'processing');

-- Callbacks refused at the door (bad signature, padding, corp id, XML): logged, nothing changed.
CREATE TABLE wecom_callback_rejects (
  workspace_id text NOT NULL,
  reject_id    bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT now(),
  method       text NOT NULL,
  wecom_code   integer NOT NULL,
  reason       text NOT NULL,
  PRIMARY KEY (workspace_id, reject_id)
);

-- WeCom's view of each external contact and who follows them (from the API).
CREATE TABLE wecom_contacts (
  workspace_id    text NOT NULL,
  external_userid text NOT NULL,
  customer_id     bigint,
  name            text,
  gender          smallint,
  unionid         text,
  corp_name       text,
  contact_type    smallint,
  synced_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, external_userid)
);

CREATE TABLE wecom_follows (
  workspace_id    text NOT NULL,
  external_userid text NOT NULL,
  userid          text NOT NULL,
  state           text,
  add_way         integer,
  created_at      timestamptz,
  remark          text,
  tag_ids         text[] NOT NULL DEFAULT '{}',
  removed_at      timestamptz,
  synced_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, external_userid, userid)
);
CREATE INDEX wecom_follows_user ON wecom_follows (workspace_id, userid) WHERE removed_at IS NULL;

CREATE TABLE wecom_groups (
  workspace_id   text NOT NULL,
  chat_id        text NOT NULL,
  name           text,
  owner          text,
  member_version text,
  members        jsonb NOT NULL DEFAULT '[]',
  dismissed_at   timestamptz,
  synced_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, chat_id)
);

-- WeCom corp tag / tag group id ↔ Siyu tag / tag group id.
CREATE TABLE wecom_tag_map (
  workspace_id text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('tag', 'group')),
  wecom_id     text NOT NULL,
  siyu_id      bigint NOT NULL,
  -- The name both sides had at the last sync: tells who renamed since.
  name         text NOT NULL DEFAULT '',
  PRIMARY KEY (workspace_id, kind, wecom_id),
  UNIQUE (workspace_id, kind, siyu_id)
);

-- Siyu's own tag changes on mapped tags, to push to WeCom with mark_tag. Written by the
-- triggers below in the same transaction as the change; changes that came from WeCom
-- (SET LOCAL siyu.wecom_origin = 'on') are not echoed back.
CREATE TABLE wecom_tag_outbox (
  workspace_id    text NOT NULL,
  outbox_id       bigint GENERATED ALWAYS AS IDENTITY,
  customer_id     bigint NOT NULL,
  tag_id          bigint NOT NULL,
  op              text NOT NULL CHECK (op IN ('add', 'remove')),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'skipped')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  error           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, outbox_id)
);
CREATE INDEX wecom_tag_outbox_due ON wecom_tag_outbox (workspace_id, next_attempt_at) WHERE status = 'pending';

CREATE FUNCTION wecom_tag_outbox_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('siyu.wecom_origin', true), '') = 'on' THEN RETURN NULL; END IF;
  INSERT INTO wecom_tag_outbox (workspace_id, customer_id, tag_id, op)
  SELECT n.workspace_id, n.customer_id, n.tag_id, 'add'
  FROM new_rows n JOIN wecom_tag_map m ON m.workspace_id = n.workspace_id AND m.kind = 'tag' AND m.siyu_id = n.tag_id;
  RETURN NULL;
END $$;

CREATE FUNCTION wecom_tag_outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('siyu.wecom_origin', true), '') = 'on' THEN RETURN NULL; END IF;
  INSERT INTO wecom_tag_outbox (workspace_id, customer_id, tag_id, op)
  SELECT o.workspace_id, o.customer_id, o.tag_id, 'remove'
  FROM old_rows o JOIN wecom_tag_map m ON m.workspace_id = o.workspace_id AND m.kind = 'tag' AND m.siyu_id = o.tag_id;
  RETURN NULL;
END $$;

CREATE TRIGGER wecom_tag_outbox_ins AFTER INSERT ON customer_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wecom_tag_outbox_insert();
CREATE TRIGGER wecom_tag_outbox_del AFTER DELETE ON customer_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wecom_tag_outbox_delete();

-- 「联系我」 channel codes: one per channel and staff member; `state` = the channel.
CREATE TABLE wecom_contact_ways (
  workspace_id text NOT NULL,
  channel      text NOT NULL,
  staff_id     text NOT NULL,
  state        text NOT NULL,
  config_id    text NOT NULL,
  qr_code      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, channel, staff_id)
);

-- Mass messages handed to WeCom (add_msg_template), one per outreach task (sender).
CREATE TABLE wecom_mass_sends (
  workspace_id  text NOT NULL,
  task_id       bigint NOT NULL,
  staff_id      text NOT NULL,
  msgid         text,
  recipients    jsonb NOT NULL DEFAULT '[]',
  fail_list     text[] NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'creating' CHECK (status IN ('creating', 'created', 'sent', 'failed')),
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  checked_at    timestamptz,
  PRIMARY KEY (workspace_id, task_id)
);

-- Moments tasks and customer transfers started through the API, with their outcome.
CREATE TABLE wecom_jobs (
  workspace_id text NOT NULL,
  job_id       bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL CHECK (kind IN ('moment', 'transfer', 'welcome')),
  ref          text NOT NULL,
  status       text NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, job_id),
  UNIQUE (workspace_id, kind, ref)
);

-- Sync and reconciliation runs with what they repaired.
CREATE TABLE wecom_sync_runs (
  workspace_id text NOT NULL,
  run_id       bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL CHECK (kind IN ('sync', 'reconcile')),
  status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  report       jsonb NOT NULL DEFAULT '{}',
  error        text,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (workspace_id, run_id)
);
