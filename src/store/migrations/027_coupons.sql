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

-- One-click delivery of per-customer tasks (SOP steps, rules, care, follow-ups): a staff
-- member's pending private-chat tasks with the same text become one add_msg_template, one
-- confirmation in WeCom. A task is claimed into at most one send (primary key) before WeCom
-- is called, so two workers or a restart never create it twice; results come back per customer.
CREATE TABLE wecom_task_sends (
  workspace_id text NOT NULL,
  send_id      bigint GENERATED ALWAYS AS IDENTITY,
  staff_id     text NOT NULL,
  content      text NOT NULL,
  status       text NOT NULL CHECK (status IN ('claimed', 'created', 'done', 'failed')),
  msgid        text,
  error        text,
  created_at   timestamptz NOT NULL,
  checked_at   timestamptz,
  PRIMARY KEY (workspace_id, send_id)
);
CREATE INDEX wecom_task_sends_open ON wecom_task_sends (workspace_id, status) WHERE status IN ('claimed', 'created');

CREATE TABLE wecom_task_send_items (
  workspace_id    text NOT NULL,
  task_id         bigint NOT NULL,
  send_id         bigint NOT NULL,
  customer_id     bigint NOT NULL,
  external_userid text NOT NULL,
  PRIMARY KEY (workspace_id, task_id)
);
CREATE INDEX wecom_task_send_items_send ON wecom_task_send_items (workspace_id, send_id);
