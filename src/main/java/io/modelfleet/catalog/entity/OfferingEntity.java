package io.modelfleet.catalog.entity;

import io.modelfleet.catalog.domain.CapacityType;
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

/** How a hardware profile can be had: region, capacity type and hourly price, with where the price came from. */
@Entity
@Table(name = "offering")
public class OfferingEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "hardware_profile_id")
    public HardwareProfileEntity profile;

    @Column(nullable = false)
    public String region;

    @Enumerated(EnumType.STRING)
    @Column(name = "capacity_type", nullable = false)
    public CapacityType capacityType;

    @Column(name = "hourly_price_usd", nullable = false)
    public double hourlyPriceUsd;

    /** STATIC for prices from the catalog or profiles/; later AWS sync writes its own source. */
    @Column(name = "price_source", nullable = false)
    public String priceSource;

    @Column(name = "price_updated_at", nullable = false)
    public OffsetDateTime priceUpdatedAt;

    /** The last refresh could not confirm this price; it is the last one known. */
    @Column(nullable = false)
    public boolean stale;

    /** False when the region does not offer the instance type (DescribeInstanceTypeOfferings). */
    @Column(nullable = false)
    public boolean available = true;

    @Column(name = "refresh_error")
    public String refreshError;
}
