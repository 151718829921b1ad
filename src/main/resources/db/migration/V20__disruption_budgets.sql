-- Issue 12: whether the placement loop may start a deployment's rollouts by itself, how much of it a rollout may
-- disrupt at once, and when (design 006, I9). Every existing deployment keeps NEVER, 100 % and no window, which is
-- what it had: nothing rolled out by itself and a rollout switched all replicas at once.
ALTER TABLE model_deployment
    ADD COLUMN auto_rollout VARCHAR(16) NOT NULL DEFAULT 'NEVER'
        CONSTRAINT model_deployment_auto_rollout_check CHECK (auto_rollout IN ('NEVER', 'WITHIN_BUDGET')),
    ADD COLUMN max_disrupted_percent INTEGER NOT NULL DEFAULT 100
        CONSTRAINT model_deployment_max_disrupted_percent_check CHECK (max_disrupted_percent BETWEEN 1 AND 100),
    -- The maintenance window: a 5-field UNIX cron evaluated in UTC, and how long each window stays open as a
    -- canonical Prometheus duration ("2h"), as the API shows it. Both NULL: rollouts may disrupt at any time.
    ADD COLUMN maintenance_schedule VARCHAR(128),
    ADD COLUMN maintenance_duration VARCHAR(32),
    ADD CONSTRAINT model_deployment_maintenance_window_whole
        CHECK ((maintenance_schedule IS NULL) = (maintenance_duration IS NULL));
