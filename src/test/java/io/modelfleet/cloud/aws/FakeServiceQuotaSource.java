package io.modelfleet.cloud.aws;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Service Quotas as the quota test describes it (a singleton: the test sets the limits directly). */
@Mock
@Singleton
public class FakeServiceQuotaSource extends ServiceQuotaSource {

    final Map<String, Double> limits = new HashMap<>();

    public FakeServiceQuotaSource() {
        super(null);
    }

    @Override
    public Map<String, Double> vcpuLimits(String region, Collection<String> codes) {
        Map<String, Double> out = new HashMap<>(limits);
        out.keySet().retainAll(codes);
        return out;
    }
}
