package io.modelfleet.fleet.entity;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
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

/** Nodes of one hardware profile and capacity type in a cluster, up to maxNodes. */
@Entity
@Table(name = "node_pool")
public class NodePoolEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cluster_id")
    public ClusterEntity cluster;

    @Column(nullable = false)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "hardware_profile_id")
    public HardwareProfileEntity hardware;

    @Enumerated(EnumType.STRING)
    @Column(name = "capacity_type", nullable = false)
    public CapacityType capacityType;

    @Column(name = "max_nodes", nullable = false)
    public int maxNodes;

    @Column(nullable = false)
    public int position;
}
