-- Outreach (DESIGN §2.5, §2.6): staff tasks, the contact ledger the policy counts,
-- mass messages (群发) with their recipients.

-- The unit of staff work. dedupe_key is the idempotency key: replays, retries and two workers
-- creating the same task meet on the unique constraint (INSERT … ON CONFLICT DO NOTHING).
CREATE TABLE outreach_tasks (
  workspace_id    text NOT NULL,
  task_id         bigint GENERATED ALWAYS AS IDENTITY,
  dedupe_key      text NOT NULL,
  customer_id     bigint,            -- null only for a staff member's mass-message task
  staff_id        text,
  kind            text NOT NULL CHECK (kind IN ('sop_step', 'rule', 'mass_message', 'care', 'manual')),
  purpose         text NOT NULL CHECK (purpose IN ('marketing', 'service')),
  channel         text NOT NULL CHECK (channel IN ('private_chat', 'moments', 'group')),
  title           text NOT NULL,
  content         text NOT NULL,
  attachments     jsonb NOT NULL DEFAULT '[]',
  coupon_id       text,
  content_key     text,
  source_type     text NOT NULL CHECK (source_type IN ('sop', 'rule', 'mass_message', 'staff', 'api')),
  source_id       text NOT NULL,
  mass_message_id bigint,
  due_at          timestamptz NOT NULL,
  -- When the policy deferred it (quiet hours): the time first asked for, and why.
  requested_at    timestamptz NOT NULL,
  defer_code      text,
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed', 'suppressed', 'cancelled')),
  status_code     text,              -- suppression code (trust_below_min, frequency_cap, mass_daily_limit)
  status_reason   text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  done_at         timestamptz,
  PRIMARY KEY (workspace_id, task_id),
  UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX outreach_tasks_staff ON outreach_tasks (workspace_id, staff_id, status, due_at, task_id);
CREATE INDEX outreach_tasks_due ON outreach_tasks (workspace_id, due_at, task_id);
CREATE INDEX outreach_tasks_customer ON outreach_tasks (workspace_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX outreach_tasks_source ON outreach_tasks (workspace_id, source_type, source_id) WHERE status = 'pending';

-- Every status change of a task: who, when, from what to what, and a note.
CREATE TABLE outreach_task_history (
  workspace_id text NOT NULL,
  history_id   bigint GENERATED ALWAYS AS IDENTITY,
  task_id      bigint NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text,
  note         text,
  at           timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, history_id)
);
CREATE INDEX outreach_task_history_task ON outreach_task_history (workspace_id, task_id, at);

CREATE TABLE mass_messages (
  workspace_id    text NOT NULL,
  mass_message_id bigint GENERATED ALWAYS AS IDENTITY,
  title           text NOT NULL,
  content         text NOT NULL,
  content_key     text NOT NULL,
  purpose         text NOT NULL CHECK (purpose IN ('marketing', 'service')),
  channel         text NOT NULL CHECK (channel IN ('private_chat', 'moments', 'group')),
  audience        jsonb NOT NULL,    -- {filter} or {segment}, as asked
  scope           jsonb NOT NULL,
  due_at          timestamptz NOT NULL,
  counts          jsonb NOT NULL DEFAULT '{}',
  actor_kind      text NOT NULL,
  actor_id        text,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, mass_message_id)
);

-- The "一键发送" list: who gets a mass message from which staff member, and what became of it.
CREATE TABLE mass_message_recipients (
  workspace_id    text NOT NULL,
  mass_message_id bigint NOT NULL,
  customer_id     bigint NOT NULL,
  staff_id        text,
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'suppressed', 'excluded')),
  code            text,
  reason          text,
  content         text,              -- rendered for this customer when the content has {name}
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, mass_message_id, customer_id)
);
CREATE INDEX mass_message_recipients_staff ON mass_message_recipients (workspace_id, mass_message_id, staff_id, status);

-- The contact ledger the policy counts: one row per touch planned, sent or suppressed.
-- outcome 'planned' and 'sent' count toward caps and "already received"; 'cancelled' and
-- 'failed' no longer do; 'suppressed' rows are the record of what the policy refused.
CREATE TABLE contact_touches (
  workspace_id    text NOT NULL,
  customer_id     bigint NOT NULL,
  touch_id        bigint GENERATED ALWAYS AS IDENTITY,
  at              timestamptz NOT NULL,
  purpose         text NOT NULL,
  channel         text NOT NULL,
  mass            boolean NOT NULL,
  content_key     text,
  task_id         bigint,
  mass_message_id bigint,
  outcome         text NOT NULL CHECK (outcome IN ('planned', 'sent', 'failed', 'cancelled', 'suppressed')),
  code            text,
  reason          text,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, touch_id)
);
CREATE INDEX contact_touches_customer ON contact_touches (workspace_id, customer_id, at) WHERE outcome IN ('planned', 'sent');
CREATE INDEX contact_touches_content ON contact_touches (workspace_id, content_key, customer_id) WHERE content_key IS NOT NULL AND outcome IN ('planned', 'sent');
CREATE INDEX contact_touches_task ON contact_touches (workspace_id, task_id) WHERE task_id IS NOT NULL;
CREATE INDEX contact_touches_mass ON contact_touches (workspace_id, mass_message_id, customer_id) WHERE mass_message_id IS NOT NULL;
CREATE INDEX contact_touches_suppressed ON contact_touches (workspace_id, created_at) WHERE outcome = 'suppressed';
