-- Issue 10: a cluster's metrics source, a deployment's demand source and analysis knobs.

-- The metrics source: where the cluster's Prometheus-compatible HTTP API is, and where its bearer token lives (a
-- reference in the forms target.credentialsRef takes; the token itself is never stored). Both NULL: the cluster
-- names no metrics source and its rollout steps are not analyzed. A reference without a URL means nothing.
ALTER TABLE cluster
    ADD COLUMN metrics_prometheus_url  VARCHAR(2048),
    ADD COLUMN metrics_credentials_ref VARCHAR(512),
    ADD CONSTRAINT cluster_metrics_ref_needs_url
        CHECK (metrics_credentials_ref IS NULL OR metrics_prometheus_url IS NOT NULL);

-- Which demand the planner uses for the deployment; every existing deployment keeps planning on declared demand.
ALTER TABLE model_deployment
    ADD COLUMN demand_source VARCHAR(16) NOT NULL DEFAULT 'DECLARED'
        CONSTRAINT model_deployment_demand_source_check CHECK (demand_source IN ('DECLARED', 'OBSERVED', 'MAX'));

-- The analysis knobs as one JSON object (runtime, interval, count, initialDelay, failureLimit, inconclusiveLimit,
-- consecutiveErrorLimit, minRequests, maxErrorRatio, window; durations as Prometheus duration text), every knob
-- filled in as the API showed it. One column rather than ten: the knobs are always read and written together,
-- never filtered or joined on, their bounds are the API's (docs/api.md) and the set is expected to grow with the
-- analysis, so a new knob needs no migration. NULL (rows from before this migration) means every default.
ALTER TABLE model_deployment
    ADD COLUMN analysis JSONB
        CONSTRAINT model_deployment_analysis_is_object CHECK (analysis IS NULL OR jsonb_typeof(analysis) = 'object');
