-- Wake the automation workers of every process when signals are queued: one NOTIFY per
-- inserting statement, delivered at commit (nothing is heard of a rolled-back batch). The
-- payload is the schema, so installations sharing a database only wake their own workers.
-- Workers still poll now and then: a notification missed while their connection was
-- being remade is picked up by the next poll.
CREATE FUNCTION automation_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('siyu_automation', current_schema());
  RETURN NULL;
END $$;
CREATE TRIGGER automation_signals_notify AFTER INSERT ON automation_signals
  FOR EACH STATEMENT EXECUTE FUNCTION automation_notify();
