-- SOPs (标准作业流程, DESIGN §2.5): per-stage playbooks of timed steps. Each customer gets
-- each step at most once per round; the store holds that with the deliveries' primary key.

CREATE TABLE sops (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  sop_id       bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL,
  -- The stage is a tag (of a journey's exclusive group); kept by id so renames don't break it.
  stage_tag_id bigint NOT NULL,
  enabled      boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  definition   jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- Deleted SOPs stay as rows so their deliveries keep meaning something.
  deleted_at   timestamptz,
  PRIMARY KEY (workspace_id, sop_id)
);
CREATE UNIQUE INDEX sops_name ON sops (workspace_id, name) WHERE deleted_at IS NULL;
CREATE INDEX sops_stage ON sops (workspace_id, stage_tag_id) WHERE deleted_at IS NULL;

-- Every saved definition, so an edit can be reviewed and an old version read back.
CREATE TABLE sop_versions (
  workspace_id text NOT NULL,
  sop_id       bigint NOT NULL,
  version      integer NOT NULL,
  definition   jsonb NOT NULL,
  saved_by     text,
  saved_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, sop_id, version)
);

-- One row per stay of a customer under an SOP. `round` counts the times the SOP started
-- over for the customer (re-entry after a cool-down); coming back within a round resumes it.
CREATE TABLE sop_enrollments (
  workspace_id     text NOT NULL,
  customer_id      bigint NOT NULL,
  enrollment_id    bigint GENERATED ALWAYS AS IDENTITY,
  sop_id           bigint NOT NULL,
  round            integer NOT NULL,
  round_started_at timestamptz NOT NULL,
  entered_at       timestamptz NOT NULL,
  left_at          timestamptz,
  cause            text NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, enrollment_id)
);
-- At most one open stay per customer and SOP: replayed or concurrent entries add nothing.
CREATE UNIQUE INDEX sop_enrollments_open ON sop_enrollments (workspace_id, customer_id, sop_id) WHERE left_at IS NULL;
CREATE INDEX sop_enrollments_sop ON sop_enrollments (workspace_id, sop_id, customer_id);

-- Exactly once: one row per (customer, SOP step, round), whatever replays, retries or
-- concurrent workers do. scheduled → due (task created) | suppressed (contact policy) | cancelled.
CREATE TABLE sop_deliveries (
  workspace_id  text NOT NULL,
  customer_id   bigint NOT NULL,
  sop_id        bigint NOT NULL,
  step_key      text NOT NULL,
  round         integer NOT NULL,
  enrollment_id bigint NOT NULL,
  status        text NOT NULL CHECK (status IN ('scheduled', 'due', 'suppressed', 'cancelled')),
  due_at        timestamptz NOT NULL,
  task_id       text,
  reason        text,
  attempts      integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  done_at       timestamptz,
  PRIMARY KEY (workspace_id, customer_id, sop_id, step_key, round)
);
CREATE INDEX sop_deliveries_due ON sop_deliveries (due_at) WHERE status = 'scheduled';
CREATE INDEX sop_deliveries_sop ON sop_deliveries (workspace_id, sop_id, step_key, status);
CREATE INDEX sop_deliveries_enrollment ON sop_deliveries (workspace_id, customer_id, enrollment_id) WHERE status = 'scheduled';
