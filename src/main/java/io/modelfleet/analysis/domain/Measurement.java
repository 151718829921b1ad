package io.modelfleet.analysis.domain;

import java.time.Instant;

/**
 * One check's result at one instant, as stored and shown: the check's name ({@code p99}, {@code errorRatio},
 * {@code requests}, {@code availability}), the exact query sent, the value it returned (null when there was none),
 * the verdict and a short detail a person can read ("p99 31.2 ms > 20 ms", "no series").
 */
public record Measurement(String check, String query, Double value, Verdict verdict, Instant at, String detail) {
}
