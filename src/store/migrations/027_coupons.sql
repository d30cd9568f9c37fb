-- Coupons: what the workspace hands out (name, value, how long it is valid, when to remind),
-- and each one issued to a customer. issue_id is the exactly-once key: an SOP step's task,
-- a rule's task or an API call issues under a key of its own, so a replay issues nothing twice.
CREATE TABLE coupon_definitions (
  workspace_id  text NOT NULL,
  coupon_id     text NOT NULL CHECK (coupon_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$'),
  name          text NOT NULL,
  value_fen     bigint NOT NULL CHECK (value_fen > 0),
  min_spend_fen bigint NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
  valid_days    integer NOT NULL CHECK (valid_days BETWEEN 1 AND 3650),
  remind_days   integer CHECK (remind_days BETWEEN 0 AND 365),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, coupon_id)
);

CREATE TABLE coupon_issues (
  workspace_id     text NOT NULL,
  issue_id         text NOT NULL,
  coupon_id        text NOT NULL,
  customer_id      bigint NOT NULL,
  staff_id         text,
  source_type      text NOT NULL CHECK (source_type IN ('task', 'sop', 'rule', 'staff', 'api')),
  source_id        text NOT NULL,
  issued_at        timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('issued', 'redeemed', 'expired')),
  redeemed_at      timestamptz,
  order_id         text,
  redeemed_by      text,             -- the event (coupon.redeemed or order.paid) that used it
  reminder_task_id bigint,
  PRIMARY KEY (workspace_id, issue_id)
);
CREATE INDEX coupon_issues_customer ON coupon_issues (workspace_id, customer_id, issued_at DESC);
CREATE INDEX coupon_issues_open ON coupon_issues (workspace_id, expires_at) WHERE status = 'issued';
