-- Issue 10: OBSERVED benchmark rows, recorded by ModelFleet from a running placement's metrics (design record 003).
-- An OBSERVED row carries the window it covers (observed_at is the window's end, window_seconds its length) and
-- the load it was seen at (the workload's requests/s over the window). Every other row carries none of these.
ALTER TABLE benchmark
    ADD COLUMN observed_at    TIMESTAMPTZ,
    ADD COLUMN window_seconds INTEGER CHECK (window_seconds > 0),
    ADD COLUMN load_rps       DOUBLE PRECISION CHECK (load_rps >= 0),
    ADD COLUMN observed       BOOLEAN GENERATED ALWAYS AS (source = 'OBSERVED') STORED,
    ADD CONSTRAINT benchmark_observation_fields
        CHECK ((source = 'OBSERVED') = (observed_at IS NOT NULL AND window_seconds IS NOT NULL AND load_rps IS NOT NULL));

-- One OBSERVED row may sit beside the one declared (MEASURED, IMPORTED or ESTIMATED) row of the same
-- (variant, hardware, batch size); two declared rows of a key stay impossible, as do two observed ones.
ALTER TABLE benchmark DROP CONSTRAINT benchmark_key;
ALTER TABLE benchmark ADD CONSTRAINT benchmark_key UNIQUE (variant_id, hardware_profile_id, batch_size, observed);
