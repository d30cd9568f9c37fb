-- Shop order integrations: sources that post order webhooks (each with its own HMAC
-- secret, sealed at rest), the last known state of each shop order so repeated and
-- out-of-order status updates stay idempotent, and a log of every delivery.

CREATE TABLE shop_sources (
  workspace_id  text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  source        text NOT NULL,
  name          text NOT NULL,
  secret_sealed text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  rotated_at    timestamptz,
  PRIMARY KEY (workspace_id, source)
);

CREATE TABLE shop_orders (
  workspace_id  text NOT NULL,
  source        text NOT NULL,
  order_id      text NOT NULL,
  paid          boolean NOT NULL DEFAULT false,
  amount_fen    bigint CHECK (amount_fen >= 0),
  -- The largest cumulative refund the shop has reported: refunds only ever grow.
  refunded_fen  bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  paid_at       timestamptz,
  customer_id   bigint,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, source, order_id)
);

CREATE TABLE shop_deliveries (
  workspace_id text NOT NULL,
  delivery_id  bigint GENERATED ALWAYS AS IDENTITY,
  source       text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  order_id     text,
  outcome      text NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'rejected')),
  events       text[] NOT NULL DEFAULT '{}',
  error        text,
  PRIMARY KEY (workspace_id, delivery_id)
);
CREATE INDEX shop_deliveries_recent ON shop_deliveries (workspace_id, source, received_at);
