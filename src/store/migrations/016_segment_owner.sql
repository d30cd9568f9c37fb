-- Saved segments have an owner: the signed-in user who created one. Staff may change or
-- delete only their own; admins and operators any. Segments made by an API token or the
-- CLI have no owner (only managers change them). Existing segments take their creator as
-- owner when that creator is a user of the workspace.
ALTER TABLE saved_segments ADD COLUMN owner_login text;

UPDATE saved_segments s SET owner_login = u.login
FROM users u
WHERE u.workspace_id = s.workspace_id AND lower(u.login) = lower(s.created_by);
