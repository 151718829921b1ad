package io.modelfleet.rollout.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "rollout")
public class RolloutEntity {

    @Id
    public UUID id;

    /** The plan being applied; null for a RETIREMENT. */
    @Column(name = "plan_id")
    public UUID planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutKind kind = RolloutKind.PLAN;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutStatus status;

    public String reason;

    @Column(name = "reason_code")
    public String reasonCode;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    /** Grows whenever the lease changes hands; every engine commit must name it (fencing). */
    @Column(name = "lease_token", nullable = false)
    public long leaseToken;

    @Column(name = "paused_at")
    public OffsetDateTime pausedAt;

    /**
     * The plan's warnings when the rollout started (JSON array of {@code PlanResult.Warning}, design 007 B4: e.g. a
     * placement on an ESTIMATED row); null for rollouts started before V23 and for retirements.
     */
    @Column
    public String warnings;

    /** Committed state-machine transitions so far (the crash-point matrix counts its boundaries with it). */
    @Column(nullable = false)
    public int transitions;

    @OneToMany(mappedBy = "rollout", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("wave, position")
    public List<RolloutClusterEntity> clusters = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public long revision;
}
