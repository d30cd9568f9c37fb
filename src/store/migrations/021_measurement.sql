-- Measurement (DESIGN §2.7): funnels, complaints and responsiveness read the event log by
-- type over a date range (the boards' 30-day windows); without this index each of them
-- scans every event of the workspace.
CREATE INDEX events_type_time ON events (workspace_id, type, occurred_at);

-- A customer message left unanswered makes a service task for the owner: its own source,
-- so the task list and the boards can tell it from SOP, rule and staff tasks.
ALTER TABLE outreach_tasks DROP CONSTRAINT outreach_tasks_source_type_check;
ALTER TABLE outreach_tasks ADD CONSTRAINT outreach_tasks_source_type_check
  CHECK (source_type IN ('sop', 'rule', 'mass_message', 'staff', 'api', 'service'));
