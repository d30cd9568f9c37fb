-- Scheduling (issue 14, part B): mass messages with a send time, run exactly once by
-- whichever server process claims them first.

CREATE TABLE scheduled_sends (
  workspace_id    text NOT NULL,
  schedule_id     bigint GENERATED ALWAYS AS IDENTITY,
  title           text NOT NULL,
  content         text NOT NULL,
  content_key     text,              -- as given; NULL: a hash of the content when it runs
  purpose         text NOT NULL CHECK (purpose IN ('marketing', 'service')),
  channel         text NOT NULL CHECK (channel IN ('private_chat', 'moments', 'group')),
  audience        jsonb NOT NULL,    -- {filter} or {segment}, as asked
  scope           jsonb NOT NULL,    -- the scheduling caller's customer scope, applied when it runs
  staff_id        text,              -- set when a staff member scheduled it: their own, no one else's
  send_at         timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'sent', 'cancelled', 'failed')),
  mass_message_id bigint,
  error           text,
  actor_kind      text NOT NULL,
  actor_id        text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  started_at      timestamptz,
  PRIMARY KEY (workspace_id, schedule_id)
);
CREATE INDEX scheduled_sends_due ON scheduled_sends (send_at) WHERE status = 'scheduled';
CREATE INDEX scheduled_sends_by_time ON scheduled_sends (workspace_id, send_at);

-- The mass message a scheduled send became: at most one, whatever the retries.
ALTER TABLE mass_messages ADD COLUMN schedule_id bigint;
CREATE UNIQUE INDEX mass_messages_schedule ON mass_messages (workspace_id, schedule_id) WHERE schedule_id IS NOT NULL;

-- A workspace's own calendar days (会员日, a shop anniversary, a local festival), beside the
-- built-in festivals shipped as data (src/calendar/holidays.ts). Calendar rule triggers fire
-- once per customer per occurrence through rule_firings (trigger key names the date).
CREATE TABLE workspace_holidays (
  workspace_id text NOT NULL,
  holiday_id   bigint GENERATED ALWAYS AS IDENTITY,
  day          date NOT NULL,
  name         text NOT NULL,
  created_by   text,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, holiday_id),
  UNIQUE (workspace_id, day, name)
);
