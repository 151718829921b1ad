package io.modelfleet.catalog.entity;

import io.modelfleet.catalog.domain.Compression;
import io.modelfleet.catalog.domain.Precision;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
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
import java.util.UUID;

/**
 * One deployable artifact of a model version. Its natural key (model, version, precision, compression, format)
 * is unique, which is what makes loading profiles/ an upsert.
 */
@Entity
@Table(name = "variant")
public class VariantEntity {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "model_id")
    public ModelEntity model;

    @Column(name = "model_version", nullable = false)
    public String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Precision precision;

    @Convert(converter = CompressionListConverter.class)
    @Column(nullable = false)
    public List<Compression> compression = new ArrayList<>();

    /** Sorted, comma-joined compression: a plain column the unique key can cover. */
    @Column(name = "compression_key", nullable = false)
    public String compressionKey;

    @Column(name = "artifact_uri", nullable = false)
    public String artifactUri;

    @Column(name = "artifact_sha256", nullable = false)
    public String artifactSha256;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String format;

    @Column(nullable = false)
    public String image;

    public Double accuracy;

    /** Operations one inference takes (the roofline estimate's compute input); null when unknown. */
    @Column(name = "flops_per_inference")
    public Double flopsPerInference;

    @OneToMany(mappedBy = "variant", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<BenchmarkEntity> benchmarks = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
