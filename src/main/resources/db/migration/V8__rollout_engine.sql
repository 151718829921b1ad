-- The rollout engine of docs/designs/001-rollout-engine.md.
-- Fencing: lease_token grows whenever a rollout's lease changes hands; every engine commit requires it.
-- Retirements (rollouts that remove what runs for a deployment no longer demanding a cluster) have no plan.
ALTER TABLE rollout ALTER COLUMN plan_id DROP NOT NULL;
ALTER TABLE rollout ALTER COLUMN status TYPE VARCHAR(24);
ALTER TABLE rollout ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'PLAN';
ALTER TABLE rollout ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rollout ADD COLUMN paused_at TIMESTAMPTZ;
ALTER TABLE rollout ADD COLUMN transitions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollout ADD COLUMN reason_code VARCHAR(32);
-- Grows with every pause, resume, abort and force-end: an engine commit decided before one of them is refused.
ALTER TABLE rollout ADD COLUMN control_version BIGINT NOT NULL DEFAULT 0;

ALTER TABLE rollout_cluster ADD COLUMN reason_code VARCHAR(32);

ALTER TABLE rollout_step ALTER COLUMN workload DROP NOT NULL;
ALTER TABLE rollout_step ADD COLUMN reason_code VARCHAR(32);
-- JSON list of {"name", "generation", "replicas"}: the Deployments this step's gate waits for.
ALTER TABLE rollout_step ADD COLUMN awaiting TEXT;
-- An in-place change that lowers replicas first rolls the template at the old count, then scales to this.
ALTER TABLE rollout_step ADD COLUMN scale_down_to INTEGER;

-- Where a placement runs, so a later rollout (or a retirement) can find it after the cluster's namespace changed.
ALTER TABLE running_placement ADD COLUMN namespace VARCHAR(63);
-- Placements recorded before this column: where their cluster's target put them then (NULL = the configured default).
UPDATE running_placement rp SET namespace = c.target->>'namespace' FROM cluster c WHERE c.name = rp.cluster;

-- A hardware or precision switch on pools that cannot hold the old and the new workload at once goes in batches:
-- the new workload grows by batch_size replicas, passes its gate, and the old one (old_workload) shrinks to what
-- still covers need_rps at old_rps per replica beside the new one at new_rps.
ALTER TABLE rollout_step ADD COLUMN batch_size INTEGER;
ALTER TABLE rollout_step ADD COLUMN applied_replicas INTEGER;
ALTER TABLE rollout_step ADD COLUMN old_workload VARCHAR(63);
ALTER TABLE rollout_step ADD COLUMN need_rps DOUBLE PRECISION;
ALTER TABLE rollout_step ADD COLUMN old_rps DOUBLE PRECISION;
ALTER TABLE rollout_step ADD COLUMN new_rps DOUBLE PRECISION;
