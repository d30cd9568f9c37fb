-- History that is true at each date: each day's distribution of every model, with the
-- per-channel and per-staff counts the boards read. A past day is written once (replayed
-- from the event log and orders when the table is first filled, or frozen from the stored
-- placements as the day ends) and never changes when read again.
CREATE TABLE analytics_snapshot_days (
  workspace_id text NOT NULL,
  day          date NOT NULL,
  -- 'replay': evaluated from what was known by the end of the day; 'stored': the placements
  -- the models held at `written_at` (today's row is rewritten until the day is over).
  source       text NOT NULL CHECK (source IN ('replay', 'stored')),
  customers    integer NOT NULL,
  written_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, day)
);

CREATE TABLE analytics_snapshots (
  workspace_id text NOT NULL,
  day          date NOT NULL,
  -- 'all' (the workspace), 'channel' (acquisition channel / 活码 state) or 'staff' (the
  -- customers in a staff member's scope that day: owner, else the adder, and live followers).
  dim          text NOT NULL CHECK (dim IN ('all', 'channel', 'staff')),
  dim_value    text NOT NULL,
  -- A model (trust, lifecycle_ecommerce, lifecycle_sales, rfm, value_tier) or 'customers'
  -- (values 'total' and 'friends': still a WeCom friend that day).
  model        text NOT NULL,
  value        text NOT NULL,
  customers    integer NOT NULL,
  PRIMARY KEY (workspace_id, day, dim, dim_value, model, value)
);
CREATE INDEX analytics_snapshots_model ON analytics_snapshots (workspace_id, dim, dim_value, model, day);
