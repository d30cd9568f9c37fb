-- Customer groups (社群): the WeCom group mirror gains its creation time and group tags;
-- join codes (groupchat/join_way) whose state is the channel; group SOPs and group mass
-- messages, each sent through add_msg_template (chat_type group) exactly once per group.

ALTER TABLE wecom_groups ADD COLUMN created_at timestamptz;
ALTER TABLE wecom_groups ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

CREATE TABLE group_join_ways (
  workspace_id text NOT NULL,
  config_id    text NOT NULL,
  state        text NOT NULL,
  chat_ids     text[] NOT NULL,
  remark       text,
  qr_code      text,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, config_id),
  UNIQUE (workspace_id, state)
);

CREATE TABLE group_sops (
  workspace_id text NOT NULL,
  group_sop_id bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL,
  definition   jsonb NOT NULL,
  enabled      boolean NOT NULL DEFAULT true,
  -- Steps due before this are not caught up on: switching an SOP on does not flood old groups.
  enabled_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, group_sop_id),
  UNIQUE (workspace_id, name)
);

CREATE TABLE group_mass_messages (
  workspace_id  text NOT NULL,
  group_mass_id bigint GENERATED ALWAYS AS IDENTITY,
  title         text NOT NULL,
  text          text NOT NULL,
  material_ids  bigint[] NOT NULL DEFAULT '{}',
  selection     jsonb NOT NULL,
  created_by    text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, group_mass_id)
);

-- One row per group and message: the exactly-once key. Claimed (inserted) before
-- add_msg_template is called, so two workers or a restart never send a group the same step twice.
CREATE TABLE group_sends (
  workspace_id text NOT NULL,
  send_key     text NOT NULL,
  chat_id      text NOT NULL,
  sender       text NOT NULL,
  source_type  text NOT NULL CHECK (source_type IN ('sop', 'mass')),
  source_id    bigint NOT NULL,
  step_key     text,
  -- queued → sending (the claim, before add_msg_template) → created (msgid) → sent | failed
  status       text NOT NULL CHECK (status IN ('queued', 'sending', 'created', 'sent', 'failed')),
  msgid        text,
  error        text,
  claimed_at   timestamptz NOT NULL,
  checked_at   timestamptz,
  PRIMARY KEY (workspace_id, send_key)
);
CREATE INDEX group_sends_source ON group_sends (workspace_id, source_type, source_id);
CREATE INDEX group_sends_open ON group_sends (workspace_id, status) WHERE status IN ('queued', 'created');
