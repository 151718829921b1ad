package io.modelfleet.planning.snapshot;

/**
 * An EC2 service quota: at most {@code limitVcpus} vCPUs of running instances of one class (standard, G and
 * VT, Inf, F, P) and capacity type, shared by every cluster of one account ({@code accountId}, null for
 * clusters that name none) in one region.
 */
public record Quota(String accountId, String region, String code, double limitVcpus) {
}
