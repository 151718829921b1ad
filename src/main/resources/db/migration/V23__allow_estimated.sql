-- Design record 007, B4: an ESTIMATED benchmark row is a candidate only for a deployment that agreed to plan with
-- estimates. New deployments have not (false: production safety). Every deployment that exists now was planned
-- with ESTIMATED rows like any other row, and much of what runs came from them (the demo catalog is mostly
-- estimates): taking the consent away in a release would leave their pairs unplaced at the next plan and strand
-- what runs. So they keep planning as they did, and their owners turn it off.
ALTER TABLE model_deployment
    ADD COLUMN allow_estimated BOOLEAN NOT NULL DEFAULT false;

UPDATE model_deployment SET allow_estimated = true;

-- B4: a rollout of a plan that placed a pair on an ESTIMATED row carries the plan's warnings (JSON array of
-- {deployment, cluster, kind, detail}), copied when it starts: a rollout says what it rolls out even once its plan
-- is gone. NULL on rollouts started before, and on retirements, which have no plan.
ALTER TABLE rollout
    ADD COLUMN warnings TEXT;
