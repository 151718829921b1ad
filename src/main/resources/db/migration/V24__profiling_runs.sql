-- Profiling runs (design record 007, "Profiling run states", B5): ModelFleet's load generator run as a Kubernetes
-- Job on a pool of one hardware profile, its results ingested as MEASURED benchmark rows when the Job succeeded.
-- PENDING (the Job is not applied or written yet) -> RUNNING -> SUCCEEDED | FAILED | TIMED_OUT; PENDING or RUNNING
-- -> CANCELLED. A run goes with its variant.
CREATE TABLE profiling_run (
    id                       UUID             PRIMARY KEY,
    variant_id               UUID             NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
    hardware                 VARCHAR(63)      NOT NULL,
    -- The cluster and pool chosen when the run was created, and how that cluster is reached (KUBERNETES|GITOPS).
    -- Names, not keys: a run outlives a cluster that is replaced or deleted, and says so when it fails.
    cluster                  VARCHAR(63)      NOT NULL,
    pool                     VARCHAR(63)      NOT NULL,
    target_type              VARCHAR(16)      NOT NULL
        CONSTRAINT profiling_run_target_type_check CHECK (target_type IN ('KUBERNETES', 'GITOPS')),
    state                    VARCHAR(16)      NOT NULL
        CONSTRAINT profiling_run_state_check
            CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED')),
    reason                   TEXT,
    -- The operating points to measure: every batch size at every concurrency (JSON arrays of integers).
    batch_sizes              TEXT             NOT NULL,
    concurrencies            TEXT             NOT NULL,
    duration_seconds         INTEGER          NOT NULL CONSTRAINT profiling_run_duration_check
        CHECK (duration_seconds BETWEEN 1 AND 3600),
    timeout_seconds          INTEGER          NOT NULL CONSTRAINT profiling_run_timeout_check
        CHECK (timeout_seconds BETWEEN 60 AND 86400),
    -- What the measured replica is given (the request's figures, else the catalog's defaults): what the pod
    -- requests, and what the rows the run writes say.
    accelerators_per_replica INTEGER          NOT NULL CHECK (accelerators_per_replica >= 0),
    vcpus_per_replica        DOUBLE PRECISION NOT NULL CHECK (vcpus_per_replica > 0),
    memory_gib_per_replica   DOUBLE PRECISION NOT NULL CHECK (memory_gib_per_replica > 0),
    -- The KServe v2 input tensor the load generator sends: name, shape after the batch dimension (JSON), datatype.
    input_name               VARCHAR(253)     NOT NULL,
    input_shape              TEXT             NOT NULL,
    input_datatype           VARCHAR(16)      NOT NULL,
    -- The Job as rendered when the run was created (YAML): what is applied or written, and what GET shows.
    job_name                 VARCHAR(63)      NOT NULL,
    job_namespace            VARCHAR(63)      NOT NULL,
    job_manifest             TEXT             NOT NULL,
    -- The images measured and measuring, as rendered: the rows' provenance names them.
    serving_image            VARCHAR(512)     NOT NULL,
    loadgen_image            VARCHAR(512)     NOT NULL,
    created_at               TIMESTAMPTZ      NOT NULL,
    created_by               VARCHAR(255)     NOT NULL,
    started_at               TIMESTAMPTZ,
    finished_at              TIMESTAMPTZ,
    -- The last ~4 KB of the load generator's log, and the benchmark rows the run wrote (JSON array), if any.
    logs_excerpt             TEXT,
    rows_produced            JSONB,
    -- The driver's claim: one replica at a time works on a run; every claim moves the token, and every transition
    -- is an UPDATE conditional on the token and the state it leaves, so a replica that lost its claim writes
    -- nothing and two replicas never both apply the Job or both ingest its results.
    lease_owner              VARCHAR(255),
    lease_until              TIMESTAMPTZ,
    lease_token              BIGINT           NOT NULL DEFAULT 0
);
CREATE INDEX profiling_run_variant_idx ON profiling_run (variant_id, created_at DESC);
CREATE INDEX profiling_run_active_idx ON profiling_run (created_at) WHERE state IN ('PENDING', 'RUNNING');
-- One active run per variant and hardware: a second POST while one measures would only measure the same twice.
CREATE UNIQUE INDEX profiling_run_one_active ON profiling_run (variant_id, hardware)
    WHERE state IN ('PENDING', 'RUNNING');
