-- An import killed mid-way (kill -9, power loss) is marked interrupted at the next start
-- instead of staying "running" forever: each run names the process that carries it
-- (host:pid) and beats a heartbeat after every batch.
ALTER TABLE import_runs DROP CONSTRAINT import_runs_status_check;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_status_check CHECK (status IN ('running', 'done', 'failed', 'interrupted'));
ALTER TABLE import_runs ADD COLUMN owner text;
ALTER TABLE import_runs ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX import_runs_running ON import_runs (workspace_id, import_id) WHERE status = 'running';
