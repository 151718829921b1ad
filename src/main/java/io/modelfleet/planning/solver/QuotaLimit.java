package io.modelfleet.planning.solver;

import java.util.Set;

/** A vCPU limit over some pools ({@code cluster/pool} keys): the solver's view of a service quota. */
public record QuotaLimit(String key, long limitVcpus, Set<String> poolKeys) {
}
