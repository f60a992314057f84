-- Collections become asynchronous jobs. A collector_run row is the job: QUEUED when "collect now"
-- or the schedule starts it, RUNNING once a worker takes it, then SUCCEEDED or FAILED. queued_at:
-- when it was asked for (started_at: when a worker took it, null while queued); pages_fetched and
-- items_fetched: progress (requests answered, items read); phase: what it is doing now (never a
-- credential); heartbeat_at: its last sign of life. The collector's lease now names the job that
-- holds it (lease_run), so only that job renews or releases it. A job still QUEUED or RUNNING when
-- the server starts was interrupted by a restart and is marked FAILED then.
ALTER TABLE collector_run ADD COLUMN queued_at TIMESTAMP WITH TIME ZONE;
UPDATE collector_run SET queued_at = started_at;
ALTER TABLE collector_run ALTER COLUMN queued_at SET NOT NULL;
ALTER TABLE collector_run ALTER COLUMN started_at DROP NOT NULL;
ALTER TABLE collector_run ADD COLUMN pages_fetched BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE collector_run ADD COLUMN items_fetched BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE collector_run ADD COLUMN phase VARCHAR(400);
ALTER TABLE collector_run ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE collector_run DROP CONSTRAINT collector_run_status_chk;
ALTER TABLE collector_run ADD CONSTRAINT collector_run_status_chk
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'));
CREATE INDEX collector_run_queued_idx ON collector_run (org_id, collector_id, queued_at);
CREATE INDEX collector_run_status_idx ON collector_run (status);
ALTER TABLE collector ADD COLUMN lease_run UUID;
