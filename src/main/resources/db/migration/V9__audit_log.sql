-- The audit log of issue 9: one row per mutating API request (refused ones included) and per action the rollout
-- engine takes on its own. Append-only: the trigger below refuses every UPDATE, every TRUNCATE, and every DELETE
-- except the retention purge's, which can only remove rows older than the cutoff it was called with.
CREATE TABLE audit_log (
    id              BIGSERIAL PRIMARY KEY,
    at              TIMESTAMPTZ  NOT NULL,
    -- The token's name; NULL when the request carried no identity we could resolve (401).
    actor           VARCHAR(200),
    role            VARCHAR(16),
    -- NULL for actions the engine takes on its own (no HTTP request).
    method          VARCHAR(16),
    path            VARCHAR(1024),
    resource_kind   VARCHAR(64),
    resource_name   VARCHAR(512),
    action          VARCHAR(64)  NOT NULL,
    revision_before BIGINT,
    revision_after  BIGINT,
    status          SMALLINT,
    outcome         VARCHAR(16)  NOT NULL CHECK (outcome IN ('SUCCEEDED', 'REFUSED', 'FAILED')),
    detail          VARCHAR(500)
);

-- Newest first, optionally bounded by time; and the two equality filters of GET /api/v1/audit.
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_resource ON audit_log (resource_kind, resource_name, at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    purge_before TIMESTAMPTZ := nullif(current_setting('modelfleet.audit_purge_before', true), '')::timestamptz;
BEGIN
    -- Any session can set the setting; the floor cannot be moved: no row younger than a day is ever deleted.
    IF TG_OP = 'DELETE' AND purge_before IS NOT NULL AND OLD.at < purge_before
            AND OLD.at < now() - interval '1 day' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused (only audit_log_purge removes rows past retention)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Removes the rows older than cutoff and returns how many; 0 without touching anything when another replica is
-- purging at the same moment (transaction-scoped advisory lock). The cutoff setting is local to this transaction
-- and cleared before returning, so nothing else in the caller's transaction can delete through it.
-- SECURITY DEFINER: with the runtime role granted only INSERT and SELECT on audit_log (docs/operations.md), this
-- function, running as the table's owner, is the one way rows leave it.
CREATE FUNCTION audit_log_purge(cutoff TIMESTAMPTZ) RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER
    SET search_path FROM CURRENT AS $$
DECLARE
    purged BIGINT;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7883036497283129161) THEN
        RETURN 0;
    END IF;
    cutoff := least(cutoff, now() - interval '1 day');
    PERFORM set_config('modelfleet.audit_purge_before', cutoff::text, true);
    DELETE FROM audit_log WHERE at < cutoff;
    GET DIAGNOSTICS purged = ROW_COUNT;
    PERFORM set_config('modelfleet.audit_purge_before', '', true);
    RETURN purged;
END
$$;
