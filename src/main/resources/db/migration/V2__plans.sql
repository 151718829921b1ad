-- Plans are immutable: written once with the catalog snapshot they were computed from, then only read.
CREATE TABLE plan (
    id                    UUID PRIMARY KEY,
    created_at            TIMESTAMPTZ      NOT NULL,
    created_by            VARCHAR(63),
    status                VARCHAR(16)      NOT NULL,
    total_hourly_cost_usd DOUBLE PRECISION NOT NULL,
    deployments           TEXT             NOT NULL, -- JSON array of the deployment names planned
    time_limit_seconds    DOUBLE PRECISION NOT NULL,
    snapshot              TEXT             NOT NULL, -- JSON: the CatalogSnapshot the planner read
    result                TEXT             NOT NULL  -- JSON: the PlanResult
);
CREATE INDEX plan_created_at_idx ON plan (created_at DESC);
