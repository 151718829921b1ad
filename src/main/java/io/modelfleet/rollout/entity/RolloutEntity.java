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

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutStatus status;

    public String reason;

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

    @OneToMany(mappedBy = "rollout", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("wave, position")
    public List<RolloutClusterEntity> clusters = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public long revision;
}
