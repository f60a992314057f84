-- Per-check history of every run (issue 5): a run now records one row for EVERY check that was
-- switched on, including the checks that applied to no resource, so that "not applicable in this
-- run" (the run happened; no resource of the check's type, or the where-clause kept none) can be
-- told apart from "not run" (the check was off or did not exist: no row). Switched-off checks get
-- no row.
--   resource_type  the check's type selector at the time of the run
--   matched        resources of that type in the run (NULL: runs recorded before this migration)
--   applicable     of those, the ones the where-clause kept = passed + failed + errors + excluded
--   status         PASS, FAIL, ERROR, EXCLUDED (every applicable resource excluded) or
--                  NOT_APPLICABLE (no applicable resource); replaces the old outcome column.
-- monitoring_run.all_checks_recorded tells runs with a row per enabled check (TRUE) from runs
-- recorded before, which only have rows for checks that applied (FALSE).

ALTER TABLE monitoring_run ADD COLUMN all_checks_recorded BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE monitoring_run_check ADD COLUMN resource_type VARCHAR(200);
ALTER TABLE monitoring_run_check ADD COLUMN matched BIGINT;
ALTER TABLE monitoring_run_check ADD COLUMN applicable BIGINT;
ALTER TABLE monitoring_run_check ADD COLUMN status VARCHAR(20);

UPDATE monitoring_run_check SET applicable = passed + failed + errors + excluded, status = outcome;

ALTER TABLE monitoring_run_check ALTER COLUMN applicable SET NOT NULL;
ALTER TABLE monitoring_run_check ALTER COLUMN status SET NOT NULL;
ALTER TABLE monitoring_run_check DROP COLUMN outcome;
ALTER TABLE monitoring_run_check ADD CONSTRAINT monitoring_run_check_status_ck
    CHECK (status IN ('PASS', 'FAIL', 'ERROR', 'EXCLUDED', 'NOT_APPLICABLE'));
