-- Continuous placement (docs/designs/006-continuous-placement.md): what the re-planning loop recommends, the lease
-- that lets one replica evaluate at a time, the events that ask for an evaluation, and each evaluation's figures.

-- A recommendation for one deployment. PENDING while it stabilizes, OPEN when listed, then ACCEPTED, DISMISSED or
-- SUPERSEDED (terminal). changes, disruption and reasons are JSON written by the loop and read back as they are.
CREATE TABLE recommendation (
    id                       UUID             PRIMARY KEY,
    deployment               VARCHAR(63)      NOT NULL,
    status                   VARCHAR(16)      NOT NULL,
    fingerprint              VARCHAR(64)      NOT NULL,
    inputs_digest            VARCHAR(64)      NOT NULL,
    consecutive              INTEGER          NOT NULL,
    first_seen               TIMESTAMPTZ      NOT NULL,
    last_seen                TIMESTAMPTZ      NOT NULL,
    opened_at                TIMESTAMPTZ,
    current_usd_per_hour     DOUBLE PRECISION NOT NULL,
    proposed_usd_per_hour    DOUBLE PRECISION NOT NULL,
    savings_usd_per_hour     DOUBLE PRECISION NOT NULL,
    savings_fraction         DOUBLE PRECISION NOT NULL,
    score                    DOUBLE PRECISION NOT NULL,
    urgent                   BOOLEAN          NOT NULL,
    changes                  TEXT             NOT NULL,
    disruption               TEXT             NOT NULL,
    reasons                  TEXT             NOT NULL,
    plan_id                  UUID,
    rollout_id               UUID,
    decided_by               VARCHAR(255),
    decided_at               TIMESTAMPTZ,
    decision_note            VARCHAR(500),
    superseded_reason        TEXT,
    -- The fencing token of the evaluation that last wrote the row (design 006, I6).
    lease_token              BIGINT           NOT NULL
);
CREATE INDEX recommendation_deployment_status_idx ON recommendation (deployment, status);
CREATE INDEX recommendation_status_first_seen_idx ON recommendation (status, first_seen DESC);
-- At most one active (PENDING or OPEN) recommendation per deployment, whatever a writer gets wrong.
CREATE UNIQUE INDEX recommendation_one_active ON recommendation (deployment) WHERE status IN ('PENDING', 'OPEN');

-- Who evaluates: one row per lease name; token grows whenever the lease changes hands.
CREATE TABLE placement_lease (
    name        VARCHAR(63)  PRIMARY KEY,
    holder      VARCHAR(255) NOT NULL,
    token       BIGINT       NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);

-- Events that ask for an evaluation sooner than the interval; written by any replica, consumed by the evaluation
-- that saw them.
CREATE TABLE placement_trigger (
    id          BIGSERIAL    PRIMARY KEY,
    reason      TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per committed evaluation: when, by whom, and how much work it did.
CREATE TABLE placement_evaluation (
    id                 BIGSERIAL    PRIMARY KEY,
    evaluated_at       TIMESTAMPTZ  NOT NULL,
    holder             VARCHAR(255) NOT NULL,
    lease_token        BIGINT       NOT NULL,
    cause              TEXT         NOT NULL,
    units_solved       INTEGER      NOT NULL,
    units_reused       INTEGER      NOT NULL,
    millis             BIGINT       NOT NULL,
    proposals          INTEGER      NOT NULL,
    created            INTEGER      NOT NULL,
    advanced           INTEGER      NOT NULL,
    superseded         INTEGER      NOT NULL,
    triggers_consumed  INTEGER      NOT NULL,
    note               TEXT
);
CREATE INDEX placement_evaluation_at_idx ON placement_evaluation (evaluated_at DESC);
