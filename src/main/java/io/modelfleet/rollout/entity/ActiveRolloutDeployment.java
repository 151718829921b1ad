package io.modelfleet.rollout.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A deployment with a rollout in progress; the primary key allows one per deployment. */
@Entity
@Table(name = "active_rollout_deployment")
public class ActiveRolloutDeployment {

    @Id
    public String deployment;

    @Column(name = "rollout_id", nullable = false)
    public UUID rolloutId;
}
