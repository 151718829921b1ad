package io.modelfleet.rollout.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One check of one measurement of an analyzed step, read for GET /rollouts/{id}. Only the engine writes these rows,
 * in plain SQL inside its fenced commit (RolloutStore); they are never changed afterwards.
 */
@Entity
@Table(name = "rollout_measurements")
public class RolloutMeasurementEntity {

    @Id
    public Long id;

    @Column(name = "rollout_step_id", nullable = false)
    public Long stepId;

    /** The measurement's number within its step, from 1. */
    @Column(nullable = false)
    public int seq;

    @Column(name = "taken_at", nullable = false)
    public OffsetDateTime takenAt;

    @Column(name = "check_name", nullable = false)
    public String check;

    @Column(nullable = false)
    public String query;

    public Double value;

    @Column(nullable = false)
    public String verdict;

    public String detail;
}
