package io.modelfleet.rollout.entity;

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
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "rollout_step")
public class RolloutStepEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "rollout_cluster_id")
    public RolloutClusterEntity cluster;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String deployment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepAction action;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepStatus status;

    public String reason;

    @Column(name = "reason_code")
    public String reasonCode;

    @Column(nullable = false)
    public String namespace;

    /** The Deployment this step applies (UPSERT) or keeps while retiring the others (RETIRE); null for REMOVE. */
    public String workload;

    @Column(nullable = false)
    public String desired;

    public String previous;

    public String applied;

    /** JSON list of the Deployments the step's gate waits for (name, generation, replicas). */
    public String awaiting;

    @Column(name = "scale_down_to")
    public Integer scaleDownTo;

    /** Replicas the new workload grows by per batch when a switch goes gradually; null: all at once. */
    @Column(name = "batch_size")
    public Integer batchSize;

    @Column(name = "applied_replicas")
    public Integer appliedReplicas;

    /** The workload a gradual switch shrinks as the new one grows, with the throughputs that decide by how much. */
    @Column(name = "old_workload")
    public String oldWorkload;

    @Column(name = "need_rps")
    public Double needRps;

    @Column(name = "old_rps")
    public Double oldRps;

    @Column(name = "new_rps")
    public Double newRps;

    /**
     * The cluster's metrics source and the deployment's analysis settings (JSON) as they were when the rollout was
     * created; null when the cluster had no metrics source (the step is not analyzed).
     */
    @Column(name = "metrics_url")
    public String metricsUrl;

    @Column(name = "metrics_credentials_ref")
    public String metricsCredentialsRef;

    @Column(name = "analysis_settings")
    public String analysisSettings;

    @Column(name = "next_measurement_at")
    public OffsetDateTime nextMeasurementAt;

    /** The measurement number from which inconclusive measurements count (a resume moves it on). */
    @Column(name = "inconclusive_from_seq", nullable = false)
    public int inconclusiveFromSeq = 1;

    @Column(name = "analysis_verdict")
    public String analysisVerdict;

    @Column(name = "analysis_decision")
    public String analysisDecision;

    @Column(name = "target_generation")
    public Long targetGeneration;

    @Column(name = "required_replicas", nullable = false)
    public int requiredReplicas;

    /** How long the gate waits for the step before it fails. */
    @Column(name = "timeout_seconds", nullable = false)
    public int timeoutSeconds;

    @Column(name = "deadline_at")
    public OffsetDateTime deadlineAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
