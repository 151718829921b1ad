package io.modelfleet.cloud.aws;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The fake behind the three price interfaces in Quarkus tests (a singleton: tests set its fields directly). */
@Mock
@Singleton
public class FakePriceSources implements PriceSources.OnDemandPrices, PriceSources.SpotPrices,
        PriceSources.Offerings {

    final Map<String, Double> onDemand = new HashMap<>();
    final Map<String, Double> spot = new HashMap<>();
    final Set<String> notOffered = new HashSet<>();
    volatile RuntimeException failure;

    @Override
    public Map<String, Double> onDemand(String region, Collection<String> types) {
        failIfAsked();
        return onDemand.entrySet().stream().filter(e -> types.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Map<String, Double> spot(String region, Collection<String> types) {
        failIfAsked();
        return spot.entrySet().stream().filter(e -> types.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Set<String> offered(String region, Collection<String> types) {
        failIfAsked();
        return types.stream().filter(t -> !notOffered.contains(t)).collect(Collectors.toSet());
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }
}
