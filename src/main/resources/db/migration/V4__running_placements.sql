-- What runs now: written when a rollout finishes a cluster, read to show an upgrade's diff before it is applied.
CREATE TABLE running_placement (
    deployment        VARCHAR(63)      NOT NULL,
    cluster           VARCHAR(63)      NOT NULL,
    rollout_id        UUID             NOT NULL,
    plan_id           UUID             NOT NULL,
    variant_id        VARCHAR(36)      NOT NULL,
    precision         VARCHAR(8)       NOT NULL,
    hardware          VARCHAR(63)      NOT NULL,
    pool              VARCHAR(63)      NOT NULL,
    replicas          INTEGER          NOT NULL,
    hourly_cost_usd   DOUBLE PRECISION NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (deployment, cluster)
);
