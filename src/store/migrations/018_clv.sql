-- Predicted value (BG/NBD + Gamma-Gamma). Every fit is kept with its parameters and
-- log-likelihoods (a recompute's fit names its run); each customer's latest prediction is
-- one row, replaced by the next fit, for the audience filter, the export, the focus list
-- and Customer 360 (repeats is BG/NBD's x). Money is in the orders' currency unit (yuan), not fen.
CREATE TABLE clv_fits (
  workspace_id      text NOT NULL,
  fit_id            bigint GENERATED ALWAYS AS IDENTITY,
  run_id            bigint,
  calibration_end   date NOT NULL,
  unit              text NOT NULL CHECK (unit IN ('day', 'week')),
  r                 float8,
  alpha             float8,
  a                 float8,
  b                 float8,
  log_likelihood    float8,
  p                 float8,
  q                 float8,
  v                 float8,
  gg_log_likelihood float8,
  customers         integer NOT NULL,
  repeat_customers  integer NOT NULL,
  horizon           float8 NOT NULL,
  monthly_discount  float8 NOT NULL,
  fit_seconds       float8 NOT NULL,
  fitted_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, fit_id)
);

CREATE TABLE customer_clv (
  workspace_id       text NOT NULL,
  customer_id        bigint NOT NULL,
  fit_id             bigint NOT NULL,
  repeats            integer NOT NULL,
  t_x                float8 NOT NULL,
  t_cal              float8 NOT NULL,
  mean_spend         float8 NOT NULL,
  p_alive            float8 NOT NULL,
  expected_purchases float8 NOT NULL,
  expected_spend     float8 NOT NULL,
  clv                float8 NOT NULL,
  PRIMARY KEY (workspace_id, customer_id)
);
CREATE INDEX customer_clv_value ON customer_clv (workspace_id, clv     DESC);
