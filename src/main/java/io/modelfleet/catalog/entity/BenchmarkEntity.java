package io.modelfleet.catalog.entity;

import io.modelfleet.catalog.domain.BenchmarkSource;
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

/** A variant measured on a hardware profile at one batch size, with what one replica needs. */
@Entity
@Table(name = "benchmark")
public class BenchmarkEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "variant_id")
    public VariantEntity variant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "hardware_profile_id")
    public HardwareProfileEntity hardware;

    @Column(name = "batch_size", nullable = false)
    public int batchSize;

    /** Requests in flight when the row was measured (perf_analyzer's concurrency level); 1 when nobody said. */
    @Column(nullable = false)
    public int concurrency = 1;

    @Column(name = "p99_latency_ms", nullable = false)
    public double p99LatencyMs;

    @Column(name = "throughput_rps", nullable = false)
    public double throughputRps;

    @Column(name = "accelerators_per_replica", nullable = false)
    public int acceleratorsPerReplica;

    @Column(name = "vcpus_per_replica", nullable = false)
    public double vcpusPerReplica;

    @Column(name = "memory_gib_per_replica", nullable = false)
    public double memoryGiBPerReplica;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BenchmarkSource source;

    /** OBSERVED rows only: the end of the window the row covers; null on every other row. */
    @Column(name = "observed_at")
    public java.time.OffsetDateTime observedAt;

    /** OBSERVED rows only: the window's length in seconds. */
    @Column(name = "window_seconds")
    public Integer windowSeconds;

    /** OBSERVED rows only: the workload's requests per second over the window (the load the figures were seen at). */
    @Column(name = "load_rps")
    public Double loadRps;

    /** OBSERVED rows only: the deployment whose placement the row was seen at. */
    @Column(name = "observed_deployment")
    public String observedDeployment;

    /** OBSERVED rows only: the cluster of that placement. */
    @Column(name = "observed_cluster")
    public String observedCluster;

    /** Where the figures come from (JSON: tool, file digest, row of origin, or an estimate's derivation); null if typed in. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column
    public java.util.Map<String, Object> provenance;

    /** Keeps rows in the order they were registered. */
    @Column(nullable = false)
    public int position;

    public boolean observed() {
        return source == BenchmarkSource.OBSERVED;
    }
}
