package io.modelfleet.analysis.domain;

/**
 * A cluster's Prometheus-compatible HTTP API ({@code prometheusUrl}, the base before {@code /api/v1}) and where its
 * bearer token lives ({@code credentialsRef}: the same forms as a cluster target's, null for none). The token itself
 * is read when a query is sent and is never stored here.
 */
public record MetricsSource(String prometheusUrl, String credentialsRef) {
}
