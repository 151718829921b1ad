package io.modelfleet.rollout.entity;

import io.modelfleet.catalog.domain.Precision;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The placement a cluster runs for a deployment, as the last successful rollout left it. */
@Entity
@Table(name = "running_placement")
public class RunningPlacement {

    @EmbeddedId
    public Key key;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(name = "variant_id", nullable = false)
    public String variantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Precision precision;

    @Column(nullable = false)
    public String hardware;

    @Column(nullable = false)
    public String pool;

    /** The namespace it runs in (null for placements recorded before namespaces were tracked). */
    public String namespace;

    @Column(nullable = false)
    public int replicas;

    @Column(name = "hourly_cost_usd", nullable = false)
    public double hourlyCostUsd;

    /**
     * The batch size and what one replica takes (design 006, I1: what a plan that does not plan this deployment
     * reserves). Null for rows recorded before V18 whose plan or benchmark was gone: see {@code FleetReservations}.
     */
    @Column(name = "batch_size")
    public Integer batchSize;

    @Column(name = "accelerators_per_replica")
    public Integer acceleratorsPerReplica;

    @Column(name = "vcpus_per_replica")
    public Double vcpusPerReplica;

    @Column(name = "memory_gib_per_replica")
    public Double memoryGiBPerReplica;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @jakarta.persistence.Embeddable
    public record Key(@Column(name = "deployment") String deployment, @Column(name = "cluster") String cluster)
            implements Serializable {
    }
}
