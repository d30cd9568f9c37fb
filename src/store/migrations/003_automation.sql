-- Automation (DESIGN §2.5, §5): rules, the signals outbox written by triggers in the same
-- transaction as the change, exactly-once firings, run reports, outbound webhooks.

CREATE TABLE automation_rules (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  rule_id      bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL,
  enabled      boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  definition   jsonb NOT NULL,
  -- The trigger with its tag paths resolved to ids when saved (what the signals carry).
  resolved     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, rule_id),
  UNIQUE (workspace_id, name)
);

-- Every saved definition, so a change can be reviewed and an old version read back.
CREATE TABLE automation_rule_versions (
  workspace_id text NOT NULL,
  rule_id      bigint NOT NULL,
  version      integer NOT NULL,
  definition   jsonb NOT NULL,
  saved_by     text,
  saved_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, rule_id, version)
);

-- What enabled rules listen to: (kind, key) = ('event', type) | ('tag', tag id) | ('model', model).
-- The signal triggers consult it so ingest pays nothing for changes no rule cares about.
CREATE TABLE rule_triggers (
  workspace_id text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('event', 'tag', 'model')),
  key          text NOT NULL,
  rule_id      bigint NOT NULL,
  PRIMARY KEY (workspace_id, kind, key, rule_id)
);

-- The outbox: one row per change a rule (or an SOP hook) may react to.
CREATE TABLE automation_signals (
  workspace_id text NOT NULL,
  signal_id    bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL CHECK (kind IN ('event', 'tag_added', 'tag_removed', 'model')),
  key          text NOT NULL,
  customer_id  bigint NOT NULL,
  ref          text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL,
  depth        integer NOT NULL DEFAULT 0,
  chain        bigint[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, signal_id)
);
CREATE INDEX automation_signals_order ON automation_signals (signal_id);

-- A rule fires at most once per (customer, trigger key): replays and retries add nothing.
CREATE TABLE rule_firings (
  workspace_id text NOT NULL,
  customer_id  bigint NOT NULL,
  rule_id      bigint NOT NULL,
  trigger_key  text NOT NULL,
  rule_version integer NOT NULL,
  fired_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, customer_id, rule_id, trigger_key)
);
CREATE INDEX rule_firings_rule ON rule_firings (workspace_id, rule_id, fired_at);

-- What rules did, and what they refused to do (cycles, depth, failed actions).
CREATE TABLE rule_runs (
  workspace_id text NOT NULL,
  run_id       bigint GENERATED ALWAYS AS IDENTITY,
  rule_id      bigint,
  status       text NOT NULL CHECK (status IN ('fired', 'cycle', 'depth_exceeded', 'error', 'replay')),
  customers    integer NOT NULL DEFAULT 0,
  details      jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, run_id)
);
CREATE INDEX rule_runs_rule ON rule_runs (workspace_id, rule_id, at);

-- Outbound webhooks: written with the firing, delivered by a loop with retries.
CREATE TABLE webhook_outbox (
  workspace_id text NOT NULL,
  delivery_id  bigint GENERATED ALWAYS AS IDENTITY,
  rule_id      bigint,
  url          text NOT NULL,
  secret       text,
  body         jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  next_at      timestamptz NOT NULL DEFAULT now(),
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  PRIMARY KEY (workspace_id, delivery_id)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_at) WHERE status = 'pending';

-- Cascade depth and the chain of rule ids travel with the transaction that applies a rule.
CREATE FUNCTION automation_depth() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT coalesce(nullif(current_setting('siyu.depth', true), '')::integer, 0) $$;
CREATE FUNCTION automation_chain() RETURNS bigint[] LANGUAGE sql STABLE AS
  $$ SELECT coalesce(nullif(current_setting('siyu.chain', true), '')::bigint[], '{}'::bigint[]) $$;

CREATE FUNCTION automation_signal_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_signals (workspace_id, kind, key, customer_id, ref, payload, at, depth, chain)
  SELECT n.workspace_id, 'event', n.type, n.customer_id, n.event_id,
         jsonb_build_object('data', n.data, 'staffId', n.staff_id, 'touchpoint', n.touchpoint),
         n.occurred_at, automation_depth(), automation_chain()
  FROM new_rows n
  WHERE EXISTS (SELECT 1 FROM rule_triggers r WHERE r.workspace_id = n.workspace_id AND r.kind = 'event' AND r.key = n.type);
  RETURN NULL;
END $$;
CREATE TRIGGER events_automation AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION automation_signal_events();

-- Tag changes: those a rule listens to, and every stage-like change (an exclusive group not
-- set by the models) because SOPs react to stage entries and exits.
CREATE FUNCTION automation_signal_tags_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_signals (workspace_id, kind, key, customer_id, ref, payload, at, depth, chain)
  SELECT n.workspace_id, 'tag_added', n.tag_id::text, n.customer_id,
         n.tag_id || '@' || (extract(epoch FROM n.tagged_at) * 1000)::bigint,
         jsonb_build_object('groupId', n.group_id, 'exclusive', n.exclusive, 'source', n.source, 'sourceId', n.source_id),
         n.tagged_at, automation_depth(), automation_chain()
  FROM new_rows n
  WHERE (n.exclusive AND n.source <> 'system')
     OR EXISTS (SELECT 1 FROM rule_triggers r WHERE r.workspace_id = n.workspace_id AND r.kind = 'tag' AND r.key = n.tag_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER customer_tags_added_automation AFTER INSERT ON customer_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION automation_signal_tags_added();

CREATE FUNCTION automation_signal_tags_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_signals (workspace_id, kind, key, customer_id, ref, payload, at, depth, chain)
  SELECT o.workspace_id, 'tag_removed', o.tag_id::text, o.customer_id,
         o.tag_id || '@' || (extract(epoch FROM o.tagged_at) * 1000)::bigint,
         jsonb_build_object('groupId', o.group_id, 'exclusive', o.exclusive, 'source', o.source, 'sourceId', o.source_id,
           'taggedAt', o.tagged_at),
         statement_timestamp(), automation_depth(), automation_chain()
  FROM old_rows o
  WHERE (o.exclusive AND o.source <> 'system')
     OR EXISTS (SELECT 1 FROM rule_triggers r WHERE r.workspace_id = o.workspace_id AND r.kind = 'tag' AND r.key = o.tag_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER customer_tags_removed_automation AFTER DELETE ON customer_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION automation_signal_tags_removed();

CREATE FUNCTION automation_signal_models() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_signals (workspace_id, kind, key, customer_id, ref, payload, at, depth, chain)
  SELECT n.workspace_id, 'model', n.model, n.customer_id, n.history_id::text,
         jsonb_build_object('from', n.from_value, 'to', n.to_value, 'cause', n.cause),
         n.at, automation_depth(), automation_chain()
  FROM new_rows n
  WHERE EXISTS (SELECT 1 FROM rule_triggers r WHERE r.workspace_id = n.workspace_id AND r.kind = 'model' AND r.key = n.model);
  RETURN NULL;
END $$;
CREATE TRIGGER model_history_automation AFTER INSERT ON model_history
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION automation_signal_models();
