package io.modelfleet.fleet.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An EC2 vCPU quota of one account ('' for clusters that name none) in one region. */
@Entity
@Table(name = "service_quota")
public class ServiceQuotaEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String region;

    @Column(name = "quota_code", nullable = false)
    public String quotaCode;

    @Column(name = "limit_vcpus", nullable = false)
    public double limitVcpus;

    /** MANUAL when set through the API, AWS when read from Service Quotas. */
    @Column(nullable = false)
    public String source;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
