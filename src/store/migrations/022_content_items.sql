-- Content items (seed 004 内容看板): the articles, videos and posters staff send, keyed by the
-- content id events carry (content.viewed / content.shared data.contentId), so a material
-- library can join them later. Rows come from the events (source 'event', filled in by the
-- server's housekeeping) and from the list the operator keeps (source 'operator', which wins).
CREATE TABLE content_items (
  workspace_id  text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
  content_id    text NOT NULL,
  title         text,
  type          text NOT NULL DEFAULT 'article' CHECK (type IN ('article', 'video', 'poster', 'mini_program', 'live', 'other')),
  product_ids   text[] NOT NULL DEFAULT '{}',
  source        text NOT NULL CHECK (source IN ('event', 'operator')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, content_id)
);
