-- Moments (客户朋友圈) posts: planned on a calendar, published through WeCom add_moment_task,
-- read back per staff member. A post is a broadcast: it writes no contact_touches, so it
-- neither waits for the marketing trust gate nor counts against a viewer's marketing cap.

CREATE TABLE moment_posts (
  workspace_id  text NOT NULL,
  post_id       bigint GENERATED ALWAYS AS IDENTITY,
  title         text NOT NULL,
  text          text NOT NULL DEFAULT '',
  material_ids  bigint[] NOT NULL DEFAULT '{}',
  staff_ids     text[] NOT NULL,
  -- all: every customer of the posting staff; tags: only customers with these (WeCom corp) tags
  visibility    text NOT NULL CHECK (visibility IN ('all', 'tags')),
  tag_ids       bigint[] NOT NULL DEFAULT '{}',
  publish_at    timestamptz NOT NULL,
  -- planned → sending (claimed: add_moment_task is not idempotent) → submitted (jobid) → published (moment_id)
  status        text NOT NULL CHECK (status IN ('planned', 'sending', 'submitted', 'published', 'failed', 'cancelled')),
  jobid         text,
  moment_id     text,
  error         text,
  created_by    text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, post_id)
);
CREATE INDEX moment_posts_due ON moment_posts (workspace_id, status, publish_at);
CREATE UNIQUE INDEX moment_posts_moment ON moment_posts (workspace_id, moment_id) WHERE moment_id IS NOT NULL;

-- Who posts it and whether they did (get_moment_task publish_status; invalid_sender_list).
CREATE TABLE moment_post_staff (
  workspace_id text NOT NULL,
  post_id      bigint NOT NULL,
  staff_id     text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'published', 'not_published', 'invalid')),
  checked_at   timestamptz,
  PRIMARY KEY (workspace_id, post_id, staff_id)
);

-- The per-staff daily limit on Moments posts (default 3), its own and not the marketing cap.
CREATE TABLE moment_settings (
  workspace_id    text NOT NULL,
  per_staff_daily integer NOT NULL CHECK (per_staff_daily BETWEEN 1 AND 50),
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (workspace_id)
);

CREATE INDEX events_moment ON events (workspace_id, (data->>'momentId'), type) WHERE type IN ('moment.liked', 'moment.commented');
