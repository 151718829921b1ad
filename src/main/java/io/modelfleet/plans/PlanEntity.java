package io.modelfleet.plans;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored plan. Snapshot and result are kept as the JSON the API serves. A synchronous plan is written once; a
 * plan job is written RUNNING (result {@code {}}), its progress and heartbeat updated, then written once more when
 * it ends.
 */
@Entity
@Table(name = "plan")
public class PlanEntity {

    @Id
    public UUID id;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PlanState status;

    @Column(name = "total_hourly_cost_usd", nullable = false)
    public double totalHourlyCostUsd;

    @Column(nullable = false)
    public String deployments;

    @Column(name = "time_limit_seconds", nullable = false)
    public double timeLimitSeconds;

    @Column(nullable = false)
    public String snapshot;

    @Column(nullable = false)
    public String result;

    /** JSON object: each planned deployment's version when the plan was made; null on plans older than V7. */
    @Column(name = "base_versions")
    public String baseVersions;

    /** JSON {@link io.modelfleet.planning.PlanProgress} while (and as last seen when) a job ran; null otherwise. */
    @Column
    public String progress;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    /** Why a FAILED plan failed. */
    @Column
    public String failure;

    @Column(nullable = false)
    public boolean cancelled;
}
