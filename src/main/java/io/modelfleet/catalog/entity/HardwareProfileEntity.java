package io.modelfleet.catalog.entity;

import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.domain.Taint;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What a machine is (capacity, native precisions, how to target it); its offerings say how it can be had. */
@Entity
@Table(name = "hardware_profile")
public class HardwareProfileEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Accelerator accelerator;

    @Column(name = "accelerator_count", nullable = false)
    public int acceleratorCount;

    @Column(name = "accelerator_memory_gib", nullable = false)
    public double acceleratorMemoryGiB;

    @Column(name = "resource_name")
    public String resourceName;

    @Column(nullable = false)
    public int vcpus;

    @Column(name = "memory_gib", nullable = false)
    public double memoryGiB;

    @Convert(converter = PrecisionListConverter.class)
    @Column(nullable = false)
    public List<Precision> precisions = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "node_labels", nullable = false)
    public Map<String, String> nodeLabels;

    @Convert(converter = TaintListConverter.class)
    @Column(nullable = false)
    public List<Taint> taints = new ArrayList<>();

    /** Dense peak tera-operations per second of the whole node, per natively run precision; empty when unknown. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "peak_tera_ops", nullable = false)
    public Map<Precision, Double> peakTeraOps = new EnumMap<>(Precision.class);

    /** The node's accelerator memory bandwidth (DRAM on CPU) in GB/s, or null when unknown. */
    @Column(name = "memory_bandwidth_gbps")
    public Double memoryBandwidthGBps;

    @OneToMany(mappedBy = "profile", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("region, capacityType")
    public List<OfferingEntity> offerings = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
