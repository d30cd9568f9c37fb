-- Segmentation models (DESIGN §4): inputs kept with the aggregates, outputs per customer,
-- pins, history of every change, workspace statistics and recompute runs.

ALTER TABLE customer_aggregates
  ADD COLUMN intent_hits          integer NOT NULL DEFAULT 0,
  ADD COLUMN last_intent_at       timestamptz,
  ADD COLUMN last_intent_keyword  text,
  ADD COLUMN last_intent_event_id text,
  ADD COLUMN engagement_log2      double precision;

CREATE TABLE customer_models (
  workspace_id        text NOT NULL,
  customer_id         bigint NOT NULL,
  trust_level         smallint NOT NULL,
  trust_computed      smallint NOT NULL,
  trust_evidence      jsonb NOT NULL DEFAULT '[]',
  lifecycle_ecommerce text,
  lifecycle_sales     text,
  rfm_r               integer,
  rfm_f               integer,
  rfm_m               bigint,
  rfm_segment         text,
  rfm_scores          jsonb,
  value_tier          text NOT NULL,
  value_tier_computed text NOT NULL,
  value_evidence      jsonb NOT NULL DEFAULT '[]',
  -- Engagement is kept as its log2 sum (it only changes with events); the decayed score is
  -- computed on read: score = 2^(engagement_log2 − (asOf − epoch) / halfLife).
  engagement_log2     double precision,
  as_of               timestamptz NOT NULL,
  -- Hash of everything above: a recompute rewrites only the rows whose outputs changed.
  fingerprint         text NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_id)
);
CREATE INDEX customer_models_trust ON customer_models (workspace_id, trust_level);
CREATE INDEX customer_models_rfm ON customer_models (workspace_id, rfm_segment);
CREATE INDEX customer_models_tier ON customer_models (workspace_id, value_tier);

-- A level set by a person, kept until removed; the computed level is still shown beside it.
CREATE TABLE model_pins (
  workspace_id text NOT NULL,
  customer_id  bigint NOT NULL,
  model        text NOT NULL CHECK (model IN ('trust', 'value_tier')),
  value        text NOT NULL,
  pinned_by    text,
  reason       text,
  pinned_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_id, model)
);

-- Every change of a customer's level, stage, segment or tier: the basis of movement analysis.
CREATE TABLE model_history (
  workspace_id text NOT NULL,
  history_id   bigint GENERATED ALWAYS AS IDENTITY,
  customer_id  bigint NOT NULL,
  model        text NOT NULL,
  from_value   text,
  to_value     text,
  at           timestamptz NOT NULL DEFAULT now(),
  cause        text NOT NULL CHECK (cause IN ('event', 'recompute', 'pin', 'config', 'merge')),
  details      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, history_id)
);
CREATE INDEX model_history_customer ON model_history (workspace_id, customer_id, at);
CREATE INDEX model_history_model ON model_history (workspace_id, model, at);

CREATE TABLE model_stats (
  workspace_id text PRIMARY KEY,
  stats        jsonb NOT NULL,
  computed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE model_runs (
  workspace_id text NOT NULL,
  run_id       bigint GENERATED ALWAYS AS IDENTITY,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  cause        text NOT NULL,
  as_of        timestamptz NOT NULL,
  customers    integer,
  changed      integer,
  error        text,
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  PRIMARY KEY (workspace_id, run_id)
);
