package io.modelfleet.dashboard.service;

import io.modelfleet.dashboard.dto.Frontier;
import java.util.List;

/** What one node of a hardware profile holds, and the offerings of it that can be had now. */
public record NodeCapacity(String hardware, int acceleratorCount, int vcpus, double memoryGiB,
        List<Frontier.Offering> availableOfferings) {
}
