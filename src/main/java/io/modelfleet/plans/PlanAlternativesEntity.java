package io.modelfleet.plans;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One pair's full option list of a stored plan (the body keeps a summary): written with the plan, never updated.
 * {@code options} is a JSON array in the order the alternatives endpoint serves it.
 */
@Entity
@Table(name = "plan_alternatives")
public class PlanAlternativesEntity {

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String deployment;

    @Column(nullable = false)
    public String cluster;

    @Column(nullable = false)
    public String options;
}
