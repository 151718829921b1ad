package io.modelfleet.fleet.entity;

import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.fleet.domain.AnalysisKnobs;
import io.modelfleet.fleet.domain.DemandSource;
import io.modelfleet.placement.domain.AutoRollout;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A service owner's deployment: which model version, where, how much demand, and its SLO. */
@Entity
@Table(name = "model_deployment")
public class ModelDeploymentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "model_id")
    public ModelEntity model;

    @Column(name = "model_version", nullable = false)
    public String version;

    @Column(name = "p99_latency_ms", nullable = false)
    public double p99LatencyMs;

    @Column(name = "min_accuracy")
    public Double minAccuracy;

    @Column(name = "min_replicas", nullable = false)
    public int minReplicas;

    @Column(nullable = false)
    public double headroom;

    @OneToMany(mappedBy = "deployment", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<DemandEntity> demand = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "demand_source", nullable = false)
    public DemandSource demandSource = DemandSource.DECLARED;

    /** Every analysis knob as the API showed it; null (rows older than V12) means {@link AnalysisKnobs#DEFAULTS}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "analysis")
    public AnalysisKnobs analysis;

    /** Whether ESTIMATED benchmark rows may be planned for it (design 007, B4); false unless its owner agreed. */
    @Column(name = "allow_estimated", nullable = false)
    public boolean allowEstimated;

    @Enumerated(EnumType.STRING)
    @Column(name = "auto_rollout", nullable = false)
    public AutoRollout autoRollout = AutoRollout.NEVER;

    @Column(name = "max_disrupted_percent", nullable = false)
    public int maxDisruptedPercent = 100;

    /** The maintenance window's cron (5-field UNIX, UTC); null with its duration: rollouts may disrupt any time. */
    @Column(name = "maintenance_schedule")
    public String maintenanceSchedule;

    /** How long each maintenance window stays open, canonical Prometheus duration text ({@code 2h}). */
    @Column(name = "maintenance_duration")
    public String maintenanceDuration;

    @Version
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
