-- The material library (素材库): content prepared ahead — text, images, links, mini-programs
-- and files — that tasks, SOP steps, mass messages and Moments take instead of inline text.
-- Files live in the store (bytea), so a backup of either store carries them.

CREATE TABLE material_files (
  workspace_id text NOT NULL,
  file_id      bigint GENERATED ALWAYS AS IDENTITY,
  filename     text NOT NULL,
  mime         text NOT NULL,
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  data         bytea NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, file_id)
);

CREATE TABLE materials (
  workspace_id  text NOT NULL,
  material_id   bigint GENERATED ALWAYS AS IDENTITY,
  kind          text NOT NULL CHECK (kind IN ('text', 'image', 'link', 'miniprogram', 'file')),
  title         text NOT NULL,
  -- The id view/share events refer to (data.contentId); unique in the workspace.
  content_id    text NOT NULL,
  tags          text[] NOT NULL DEFAULT '{}',
  product_ids   text[] NOT NULL DEFAULT '{}',
  -- text: {text}; link: {url, description}; miniprogram: {appid, page}; image/file: {}
  body          jsonb NOT NULL DEFAULT '{}',
  file_id       bigint,
  cover_file_id bigint,
  created_by    text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, material_id),
  UNIQUE (workspace_id, content_id)
);
CREATE INDEX materials_kind ON materials (workspace_id, kind, material_id);

-- WeCom temporary media made from a stored file: media/upload ids for messages and
-- upload_attachment ids for Moments, each valid three days, then uploaded again.
CREATE TABLE wecom_media (
  workspace_id text NOT NULL,
  file_id      bigint NOT NULL,
  purpose      text NOT NULL CHECK (purpose IN ('message', 'moment')),
  media_id     text NOT NULL,
  uploaded_at  timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, file_id, purpose)
);

-- View and share events name the item by data.contentId: counted per item to rank content.
CREATE INDEX events_content ON events (workspace_id, (data->>'contentId'), type) WHERE type IN ('content.viewed', 'content.shared');
