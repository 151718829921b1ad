-- Plans as jobs (design 004): a plan row is written RUNNING when a job starts and once more when it ends.
-- progress: JSON {unitsSolved, unitsTotal, bestCostUsd, boundUsd, gap, phase}, updated while RUNNING;
-- heartbeat_at: when the control plane running the job last said it is alive (the reaper fails stale ones);
-- failure: why a FAILED plan failed; cancelled: the plan was stopped by a cancel and holds the best found.
ALTER TABLE plan ADD COLUMN progress TEXT;
ALTER TABLE plan ADD COLUMN heartbeat_at TIMESTAMPTZ;
ALTER TABLE plan ADD COLUMN failure TEXT;
ALTER TABLE plan ADD COLUMN cancelled BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX plan_running_idx ON plan (heartbeat_at) WHERE status = 'RUNNING';
