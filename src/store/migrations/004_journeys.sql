-- Customer journeys (DESIGN §2.4). A journey owns one exclusive tag group (category 旅程);
-- each stage is a tag of that group, so a customer's position IS the tag they hold and there
-- is nothing to keep in sync. The journey's name is its group's name.

CREATE TABLE journeys (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  journey_id   bigint GENERATED ALWAYS AS IDENTITY,
  group_id     bigint NOT NULL,
  ordered      boolean NOT NULL,
  template_key text,
  description  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, journey_id),
  UNIQUE (workspace_id, group_id),
  -- Deleting the group through the tags API ends the journey too.
  FOREIGN KEY (workspace_id, group_id) REFERENCES tag_groups (workspace_id, group_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX journeys_template ON journeys (workspace_id, template_key) WHERE template_key IS NOT NULL;

-- Stage order and entry condition (an AudienceFilter) per stage tag.
CREATE TABLE journey_stages (
  workspace_id text NOT NULL,
  tag_id       bigint NOT NULL,
  journey_id   bigint NOT NULL,
  position     integer NOT NULL,
  entry_filter jsonb,
  PRIMARY KEY (workspace_id, tag_id),
  FOREIGN KEY (workspace_id, tag_id) REFERENCES tags (workspace_id, tag_id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, journey_id) REFERENCES journeys (workspace_id, journey_id) ON DELETE CASCADE
);
CREATE INDEX journey_stages_journey ON journey_stages (workspace_id, journey_id, position);

-- One row per stay of a customer in a stage: entered_at … left_at (null while there).
-- Written only by the triggers below, so every path that changes a stage tag (hand, rule,
-- import, API, model, merge, expiry, tag or group deletion) leaves the same trail.
CREATE TABLE journey_stage_history (
  workspace_id  text NOT NULL,
  customer_id   bigint NOT NULL,
  history_id    bigint GENERATED ALWAYS AS IDENTITY,
  journey_id    bigint NOT NULL,
  tag_id        bigint NOT NULL,
  -- The stage left for this one in the same transaction (a move), and which way it went.
  from_tag_id   bigint,
  direction     text NOT NULL CHECK (direction IN ('entered', 'forward', 'back', 'moved')),
  entered_at    timestamptz NOT NULL,
  source        text NOT NULL,
  source_id     text,
  reason        text,
  left_at       timestamptz,
  left_reason   text,
  next_tag_id   bigint,
  -- The transaction that closed the stay: an insert in the same transaction is a move.
  closed_tx     bigint,
  PRIMARY KEY (workspace_id, customer_id, history_id)
);
CREATE INDEX journey_history_open ON journey_stage_history (workspace_id, customer_id, journey_id) WHERE left_at IS NULL;
CREATE INDEX journey_history_stage ON journey_stage_history (workspace_id, journey_id, tag_id, entered_at);

-- The moment a removal happened: the caller's clock when it set siyu.now (tests and
-- replays run on an injected clock), else the transaction's.
CREATE FUNCTION siyu_journey_clock() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('siyu.now', true), '')::timestamptz, now())
$$;

CREATE FUNCTION siyu_journey_entered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := txid_current();
BEGIN
  WITH n AS (
    SELECT n.workspace_id, n.customer_id, n.tag_id, n.source, n.source_id, n.reason, n.tagged_at, j.journey_id, j.ordered
    FROM new_rows n JOIN journeys j ON j.workspace_id = n.workspace_id AND j.group_id = n.group_id
  ),
  -- A move within the group is a delete then an insert: the stay closed in this
  -- transaction ends when the new one starts, and is told where the customer went.
  prev AS (
    UPDATE journey_stage_history h
    SET left_at = n.tagged_at, next_tag_id = n.tag_id, left_reason = coalesce(h.left_reason, n.reason)
    FROM n
    WHERE h.workspace_id = n.workspace_id AND h.customer_id = n.customer_id AND h.journey_id = n.journey_id
      AND h.closed_tx = tx AND h.next_tag_id IS NULL
    RETURNING h.customer_id, h.journey_id, h.tag_id
  ),
  p AS (SELECT DISTINCT ON (customer_id, journey_id) customer_id, journey_id, tag_id FROM prev ORDER BY customer_id, journey_id, tag_id)
  INSERT INTO journey_stage_history (workspace_id, customer_id, journey_id, tag_id, from_tag_id, direction, entered_at, source, source_id, reason)
  SELECT n.workspace_id, n.customer_id, n.journey_id, n.tag_id, p.tag_id,
         CASE WHEN p.tag_id IS NULL THEN 'entered'
              WHEN NOT n.ordered OR ns.position IS NULL OR ps.position IS NULL OR ns.position = ps.position THEN 'moved'
              WHEN ns.position > ps.position THEN 'forward'
              ELSE 'back' END,
         n.tagged_at, n.source, n.source_id, n.reason
  FROM n
  LEFT JOIN p ON p.customer_id = n.customer_id AND p.journey_id = n.journey_id
  LEFT JOIN journey_stages ns ON ns.workspace_id = n.workspace_id AND ns.tag_id = n.tag_id
  LEFT JOIN journey_stages ps ON ps.workspace_id = n.workspace_id AND ps.tag_id = p.tag_id;
  RETURN NULL;
END $$;

CREATE FUNCTION siyu_journey_left() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := txid_current();
  at timestamptz := siyu_journey_clock();
BEGIN
  -- A tag past its expiry stopped holding at its expiry, whenever it is purged.
  UPDATE journey_stage_history h
  SET left_at = CASE WHEN o.expires_at IS NOT NULL AND o.expires_at <= at THEN o.expires_at ELSE at END,
      left_reason = CASE WHEN o.expires_at IS NOT NULL AND o.expires_at <= at THEN 'expired'
                         ELSE nullif(current_setting('siyu.stage_reason', true), '') END,
      closed_tx = tx
  FROM old_rows o JOIN journeys j ON j.workspace_id = o.workspace_id AND j.group_id = o.group_id
  WHERE h.workspace_id = o.workspace_id AND h.customer_id = o.customer_id AND h.tag_id = o.tag_id AND h.left_at IS NULL;
  RETURN NULL;
END $$;

-- Re-tagging a row that had expired (but was not purged yet) is an upsert: the old stay
-- ended at the expiry, a new one starts now.
CREATE FUNCTION siyu_journey_retagged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH r AS (
    SELECT n.workspace_id, n.customer_id, n.tag_id, n.source, n.source_id, n.reason, n.tagged_at, o.expires_at AS expired_at, j.journey_id
    FROM new_rows n
    JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.customer_id = n.customer_id AND o.tag_id = n.tag_id
    JOIN journeys j ON j.workspace_id = n.workspace_id AND j.group_id = n.group_id
    WHERE o.expires_at IS NOT NULL AND o.expires_at <= n.tagged_at AND n.tagged_at <> o.tagged_at
  ),
  closed AS (
    UPDATE journey_stage_history h SET left_at = r.expired_at, left_reason = 'expired'
    FROM r WHERE h.workspace_id = r.workspace_id AND h.customer_id = r.customer_id AND h.tag_id = r.tag_id AND h.left_at IS NULL
    RETURNING h.history_id
  )
  INSERT INTO journey_stage_history (workspace_id, customer_id, journey_id, tag_id, direction, entered_at, source, source_id, reason)
  SELECT r.workspace_id, r.customer_id, r.journey_id, r.tag_id, 'entered', r.tagged_at, r.source, r.source_id, r.reason FROM r;
  RETURN NULL;
END $$;

-- Statement-level with transition tables: a bulk import of 100,000 tags costs one set-based
-- statement per trigger, not 100,000 calls.
CREATE TRIGGER customer_tags_journey_insert AFTER INSERT ON customer_tags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_journey_entered();
CREATE TRIGGER customer_tags_journey_delete AFTER DELETE ON customer_tags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_journey_left();
CREATE TRIGGER customer_tags_journey_update AFTER UPDATE ON customer_tags
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_journey_retagged();
