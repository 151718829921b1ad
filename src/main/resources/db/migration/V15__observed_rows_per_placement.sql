-- Issue 10: an OBSERVED benchmark row belongs to the placement it was seen at, (deployment, cluster), not to the
-- variant alone: two deployments (or two clusters) running one variant on one hardware at different loads no
-- longer overwrite each other's figures, and "SLO at risk" judges a placement by what was seen of it.
-- OBSERVED rows are derived from metrics and are recorded again within one record interval, so the rows of the
-- old, shared shape are dropped rather than guessed onto a placement.
DELETE FROM benchmark WHERE source = 'OBSERVED';

ALTER TABLE benchmark
    ADD COLUMN observed_deployment VARCHAR(63),
    ADD COLUMN observed_cluster    VARCHAR(63),
    ADD CONSTRAINT benchmark_observed_placement
        CHECK ((source = 'OBSERVED') = (observed_deployment IS NOT NULL AND observed_cluster IS NOT NULL));

-- One declared (MEASURED, IMPORTED or ESTIMATED) row per (variant, hardware, batch size), as before; beside it one
-- OBSERVED row per placement. Two partial unique indexes, since a NULL placement would be distinct in one key.
ALTER TABLE benchmark DROP CONSTRAINT benchmark_key;
CREATE UNIQUE INDEX benchmark_declared_key ON benchmark (variant_id, hardware_profile_id, batch_size)
    WHERE NOT observed;
CREATE UNIQUE INDEX benchmark_observed_key
    ON benchmark (variant_id, hardware_profile_id, batch_size, observed_deployment, observed_cluster)
    WHERE observed;
-- Ageing out scans OBSERVED rows by age.
CREATE INDEX benchmark_observed_at_idx ON benchmark (observed_at) WHERE observed;
