-- The customer record: remark (备注) and description as the owning staff member wrote them in
-- WeCom (externalcontact/remark, ≤20 / ≤150 code points), region, birthday, age band and the
-- workspace's own typed fields. remark_synced_at is when the remark last matched WeCom;
-- remark_dirty marks a local edit not yet written to WeCom; remark_sync_error is WeCom's refusal of it.
ALTER TABLE customers
  ADD COLUMN remark           text,
  ADD COLUMN description      text,
  ADD COLUMN remark_dirty     boolean NOT NULL DEFAULT false,
  ADD COLUMN remark_synced_at timestamptz,
  ADD COLUMN remark_sync_error text,
  ADD COLUMN province         text,
  ADD COLUMN city             text,
  ADD COLUMN birthday         date,
  ADD COLUMN age_band         text CHECK (age_band IN ('under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus')),
  ADD COLUMN custom_fields    jsonb NOT NULL DEFAULT '{}';

-- Field definitions the workspace declares; values live in customers.custom_fields keyed by key.
CREATE TABLE custom_fields (
  workspace_id text NOT NULL,
  key          text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label        text NOT NULL,
  type         text NOT NULL CHECK (type IN ('text', 'number', 'date', 'single', 'multi')),
  options      jsonb NOT NULL DEFAULT '[]',
  position     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, key)
);

-- Follow-up log (跟进记录). A next follow-up date creates one task; task_id records it.
CREATE TABLE customer_followups (
  workspace_id text NOT NULL,
  followup_id  bigint GENERATED ALWAYS AS IDENTITY,
  customer_id  bigint NOT NULL,
  staff_id     text NOT NULL,
  type         text NOT NULL CHECK (type IN ('call', 'visit', 'chat', 'other')),
  note         text NOT NULL,
  next_on      date,
  task_id      bigint,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, followup_id)
);
CREATE INDEX customer_followups_customer ON customer_followups (workspace_id, customer_id, created_at DESC);
