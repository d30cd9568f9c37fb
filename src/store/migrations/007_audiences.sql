-- Audiences (DESIGN §2.6): saved segments (分群) — a named, reusable audience filter.
-- The filter is kept as the JSON the user wrote (tag paths, journey and stage names), and
-- resolved to ids each time it is used, so renaming a tag does not silently change meaning
-- (an unknown name is reported, naming the place in the filter).
CREATE TABLE saved_segments (
  workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  segment_id   bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL,
  description  text,
  filter       jsonb NOT NULL,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, segment_id),
  UNIQUE (workspace_id, name)
);

-- "Paid in the last N days" / "not paid for N days" over a million customers: a range scan
-- instead of a full pass over the aggregates. last_paid_at changes only on order events, so
-- most aggregate updates (chat, views) stay HOT and pay nothing for this index.
CREATE INDEX customer_aggregates_last_paid ON customer_aggregates (workspace_id, last_paid_at);

-- "Has tag X" over a million customers: the customer ids (and the expiry to check) straight
-- from the index, without visiting the table. Tagging writes are rare next to events.
CREATE INDEX customer_tags_tag_customers ON customer_tags (workspace_id, tag_id, customer_id) INCLUDE (expires_at);
