package io.modelfleet.fleet.entity;

import io.modelfleet.fleet.domain.ClusterTarget;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A Kubernetes cluster of the fleet, in one region, with its node pools. */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(nullable = false)
    public String region;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public ClusterTarget target;

    /** The AWS account the cluster runs in; clusters of one account and region share service quotas. */
    @Column(name = "account_id")
    public String accountId;

    /** The base URL of the cluster's Prometheus-compatible API; null when it names no metrics source. */
    @Column(name = "metrics_prometheus_url")
    public String metricsPrometheusUrl;

    /** Where the metrics source's bearer token lives (a reference, never the token); null for none. */
    @Column(name = "metrics_credentials_ref")
    public String metricsCredentialsRef;

    /**
     * The normalized GitOps folder this cluster owns ("" is the root), null unless the target is GITOPS; indexed
     * so the one-owner-per-folder check does not read the whole fleet.
     */
    @Column(name = "gitops_directory")
    public String gitopsDirectory;

    @OneToMany(mappedBy = "cluster", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<NodePoolEntity> nodePools = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
