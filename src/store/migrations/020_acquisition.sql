-- Acquisition board and channel ROI.

-- The board reads adds, removals and campaign joins by time: a partial index keeps that an
-- index range scan however large the rest of the event log grows.
CREATE INDEX events_acquisition ON events (workspace_id, type, occurred_at)
  WHERE type IN ('contact.added', 'contact.removed', 'campaign.joined');

-- What a channel (活码 state) or a campaign cost over a period: fixed cost (物料, 场地, 人工)
-- and traffic cost (投放). Cost per follower = (fixed + traffic) / new followers in the period.
CREATE TABLE acquisition_costs (
  workspace_id     text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('channel', 'campaign')),
  key              text NOT NULL,
  period_from      date NOT NULL,
  period_to        date NOT NULL,
  fixed_cost_fen   bigint NOT NULL DEFAULT 0 CHECK (fixed_cost_fen >= 0),
  traffic_cost_fen bigint NOT NULL DEFAULT 0 CHECK (traffic_cost_fen >= 0),
  note             text,
  updated_by       text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, kind, key, period_from),
  CHECK (period_to >= period_from)
);

-- Why a customer removed us (or was removed), recorded by staff against that removal, from
-- the workspace's list of reasons (settings.churnReasons; defaults from seed 002).
CREATE TABLE churn_reasons (
  workspace_id text NOT NULL,
  customer_id  bigint NOT NULL,
  removed_at   timestamptz NOT NULL,
  reason       text NOT NULL,
  note         text,
  recorded_by  text,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_id, removed_at)
);
