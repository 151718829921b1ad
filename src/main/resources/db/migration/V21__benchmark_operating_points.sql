-- Issue 13 (design record 007): a benchmark row is an operating point, (variant, hardware, batch size,
-- concurrency). A perf_analyzer sweep gives one row per concurrency level at the same batch size. Every existing
-- row was measured at one request in flight as far as anyone said, so it takes concurrency 1.
ALTER TABLE benchmark
    ADD COLUMN concurrency INTEGER NOT NULL DEFAULT 1
        CONSTRAINT benchmark_concurrency_check CHECK (concurrency BETWEEN 1 AND 65536),
    -- Where the figures come from: {tool, format, fileSha256, importedAt, origin} for imported rows,
    -- {tool: "modelfleet-loadgen", profilingRun, ...} for profiled rows, {tool: "roofline", derivation} for estimates;
    -- NULL for rows typed in.
    ADD COLUMN provenance JSONB;

DROP INDEX benchmark_declared_key;
CREATE UNIQUE INDEX benchmark_declared_key ON benchmark (variant_id, hardware_profile_id, batch_size, concurrency)
    WHERE NOT observed;

-- The roofline estimate's compute input: floating-point (or integer) operations per inference. Optional.
ALTER TABLE variant
    ADD COLUMN flops_per_inference DOUBLE PRECISION
        CONSTRAINT variant_flops_per_inference_check CHECK (flops_per_inference > 0);
