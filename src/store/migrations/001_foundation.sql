-- Siyu foundation schema.
-- Every table carries workspace_id. Customer-scoped tables lead with
-- (workspace_id, customer_id) so a sharded PostgreSQL can distribute them by customer.
-- Money is integer fen (bigint).

CREATE TABLE workspaces (
  workspace_id text PRIMARY KEY,
  name         text NOT NULL,
  time_zone    text NOT NULL DEFAULT 'Asia/Shanghai',
  settings     jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  staff_id     text NOT NULL,
  name         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, staff_id)
);

-- Acquisition channels (渠道 / 活码 state) with their costs, for cost per follower.
CREATE TABLE channels (
  workspace_id      text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  channel           text NOT NULL,
  name              text NOT NULL,
  fixed_cost_fen    bigint NOT NULL DEFAULT 0 CHECK (fixed_cost_fen >= 0),
  traffic_cost_fen  bigint NOT NULL DEFAULT 0 CHECK (traffic_cost_fen >= 0),
  PRIMARY KEY (workspace_id, channel)
);

CREATE SEQUENCE customer_id_seq;

-- Explicit profile fields (set by import, API or staff). Fields derived from events
-- live in customer_aggregates; the effective value is explicit ?? derived.
CREATE TABLE customers (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  customer_id  bigint NOT NULL,
  name         text,
  gender       text CHECK (gender IN ('male', 'female', 'unknown')),
  owner_staff  text,
  channel      text,
  added_at     timestamptz,
  merged_into  bigint,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_id)
);
CREATE INDEX customers_owner ON customers (workspace_id, owner_staff) WHERE merged_into IS NULL;

CREATE TABLE customer_identities (
  workspace_id  text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('external_user_id', 'union_id', 'phone', 'buyer_id')),
  value         text NOT NULL,
  customer_id   bigint NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, kind, value)
);
CREATE INDEX customer_identities_customer ON customer_identities (workspace_id, customer_id);

-- Append-only event log. The event id is the idempotency key.
CREATE TABLE events (
  workspace_id    text NOT NULL,
  event_id        text NOT NULL,
  customer_id     bigint NOT NULL,
  type            text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  staff_id        text,
  touchpoint      text,
  conversation_id text,
  source          text NOT NULL DEFAULT 'api',
  customer        jsonb NOT NULL,
  data            jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, event_id)
);
CREATE INDEX events_customer ON events (workspace_id, customer_id, occurred_at);
CREATE INDEX events_conversation ON events (workspace_id, customer_id, conversation_id, occurred_at)
  WHERE conversation_id IS NOT NULL;

CREATE TABLE orders (
  workspace_id  text NOT NULL,
  order_id      text NOT NULL,
  customer_id   bigint NOT NULL,
  platform      text,
  paid_at       timestamptz,
  amount_fen    bigint CHECK (amount_fen >= 0),
  refunded_fen  bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  items         jsonb NOT NULL DEFAULT '[]',
  product_ids   text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, order_id)
);
CREATE INDEX orders_customer ON orders (workspace_id, customer_id);

-- Private conversations: enough state to count chat rounds in O(1) per in-order message.
CREATE TABLE conversations (
  workspace_id    text NOT NULL,
  customer_id     bigint NOT NULL,
  conversation_id text NOT NULL,
  first_at        timestamptz NOT NULL,
  first_dir       text NOT NULL CHECK (first_dir IN ('customer', 'staff')),
  last_at         timestamptz NOT NULL,
  last_event_id   text NOT NULL,
  last_dir        text NOT NULL CHECK (last_dir IN ('customer', 'staff')),
  rounds          integer NOT NULL DEFAULT 0,
  messages        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, customer_id, conversation_id)
);

-- Staff members who have the customer as a WeCom contact (follow users).
CREATE TABLE customer_followers (
  workspace_id text NOT NULL,
  customer_id  bigint NOT NULL,
  staff_id     text NOT NULL,
  added_at     timestamptz,
  removed_at   timestamptz,
  PRIMARY KEY (workspace_id, customer_id, staff_id)
);

-- Per-customer aggregates, updated incrementally as events arrive. Every column is
-- commutative (sums, minima, maxima, latest-by-time) so arrival order does not matter.
CREATE TABLE customer_aggregates (
  workspace_id            text NOT NULL,
  customer_id             bigint NOT NULL,
  events                  integer NOT NULL DEFAULT 0,
  first_seen_at           timestamptz,
  last_seen_at            timestamptz,
  last_interaction_at     timestamptz,
  name                    text,
  name_at                 timestamptz,
  added_at                timestamptz,
  added_by_staff          text,
  added_channel           text,
  added_campaign          text,
  last_added_at           timestamptz,
  last_removed_at         timestamptz,
  removed_by              text,
  paid_orders             integer NOT NULL DEFAULT 0,
  paid_fen                bigint NOT NULL DEFAULT 0,
  refunded_fen            bigint NOT NULL DEFAULT 0,
  first_paid_at           timestamptz,
  last_paid_at            timestamptz,
  messages_received       integer NOT NULL DEFAULT 0,
  messages_sent           integer NOT NULL DEFAULT 0,
  chat_rounds             integer NOT NULL DEFAULT 0,
  customer_conversations  integer NOT NULL DEFAULT 0,
  last_private_chat_at    timestamptz,
  moments_interactions    integer NOT NULL DEFAULT 0,
  group_interactions      integer NOT NULL DEFAULT 0,
  content_views           integer NOT NULL DEFAULT 0,
  content_shares          integer NOT NULL DEFAULT 0,
  forms_submitted         integer NOT NULL DEFAULT 0,
  campaigns_joined        integer NOT NULL DEFAULT 0,
  coupons_issued          integer NOT NULL DEFAULT 0,
  coupons_redeemed        integer NOT NULL DEFAULT 0,
  complaints              integer NOT NULL DEFAULT 0,
  complaint_times         timestamptz[] NOT NULL DEFAULT '{}',
  referrals               integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, customer_id)
);

-- Records of merged customers, with everything that moved, so a wrong merge can be undone.
CREATE TABLE customer_merges (
  workspace_id text NOT NULL,
  merge_id     bigint GENERATED ALWAYS AS IDENTITY,
  survivor_id  bigint NOT NULL,
  merged_id    bigint NOT NULL,
  reason       jsonb NOT NULL,
  moved        jsonb NOT NULL,
  merged_at    timestamptz NOT NULL DEFAULT now(),
  undone_at    timestamptz,
  PRIMARY KEY (workspace_id, merge_id)
);
CREATE INDEX customer_merges_customers ON customer_merges (workspace_id, survivor_id);

-- Pairs that a person said are two people: identity resolution never merges them again.
CREATE TABLE merge_blocks (
  workspace_id text NOT NULL,
  customer_a   bigint NOT NULL,
  customer_b   bigint NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_a, customer_b),
  CHECK (customer_a < customer_b)
);

-- Tag taxonomy: category (一级) → group (二级) → tag (三级).
CREATE TABLE tag_categories (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  category_id  bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL,
  system       boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, category_id),
  UNIQUE (workspace_id, name)
);

CREATE TABLE tag_groups (
  workspace_id text NOT NULL,
  group_id     bigint GENERATED ALWAYS AS IDENTITY,
  category_id  bigint NOT NULL,
  name         text NOT NULL,
  exclusive    boolean NOT NULL DEFAULT false,
  system       boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, group_id),
  UNIQUE (workspace_id, name),
  FOREIGN KEY (workspace_id, category_id) REFERENCES tag_categories (workspace_id, category_id)
);

CREATE TABLE tags (
  workspace_id text NOT NULL,
  tag_id       bigint GENERATED ALWAYS AS IDENTITY,
  group_id     bigint NOT NULL,
  name         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, tag_id),
  UNIQUE (workspace_id, group_id, name),
  FOREIGN KEY (workspace_id, group_id) REFERENCES tag_groups (workspace_id, group_id)
);

-- Other names for a tag ("客户已下单" → "客户首单"); they resolve to the tag in reads and writes.
CREATE TABLE tag_aliases (
  workspace_id text NOT NULL,
  group_id     bigint NOT NULL,
  alias        text NOT NULL,
  tag_id       bigint NOT NULL,
  PRIMARY KEY (workspace_id, group_id, alias),
  FOREIGN KEY (workspace_id, tag_id) REFERENCES tags (workspace_id, tag_id) ON DELETE CASCADE
);

CREATE TABLE customer_tags (
  workspace_id text NOT NULL,
  customer_id  bigint NOT NULL,
  tag_id       bigint NOT NULL,
  group_id     bigint NOT NULL,
  exclusive    boolean NOT NULL,
  source       text NOT NULL CHECK (source IN ('staff', 'rule', 'import', 'api', 'system')),
  source_id    text,
  reason       text,
  tagged_at    timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  PRIMARY KEY (workspace_id, customer_id, tag_id)
);
-- An exclusive (single-choice) group holds at most one tag per customer.
CREATE UNIQUE INDEX customer_tags_exclusive ON customer_tags (workspace_id, customer_id, group_id) WHERE exclusive;
CREATE INDEX customer_tags_tag ON customer_tags (workspace_id, tag_id);
CREATE INDEX customer_tags_expiry ON customer_tags (workspace_id, expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE audit_log (
  workspace_id text NOT NULL,
  audit_id     bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_kind   text NOT NULL CHECK (actor_kind IN ('staff', 'rule', 'import', 'api', 'system')),
  actor_id     text,
  action       text NOT NULL,
  customer_id  bigint,
  details      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, audit_id)
);
CREATE INDEX audit_log_customer ON audit_log (workspace_id, customer_id, at) WHERE customer_id IS NOT NULL;

-- One row per import run: what was read, what landed, what was rejected.
CREATE TABLE import_runs (
  workspace_id text NOT NULL,
  import_id    bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL CHECK (kind IN ('customers', 'orders', 'events')),
  file_name    text NOT NULL,
  status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  rows_read    bigint NOT NULL DEFAULT 0,
  rows_ok      bigint NOT NULL DEFAULT 0,
  rows_duplicate bigint NOT NULL DEFAULT 0,
  rows_rejected bigint NOT NULL DEFAULT 0,
  error        text,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (workspace_id, import_id)
);
