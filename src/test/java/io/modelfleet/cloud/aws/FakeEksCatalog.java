package io.modelfleet.cloud.aws;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** EKS as the discovery test describes it (a singleton: the test sets the clusters directly). */
@Mock
@Singleton
public class FakeEksCatalog extends EksCatalog {

    final List<EksCluster> clusters = new ArrayList<>();

    public FakeEksCatalog() {
        super(null);
    }

    @Override
    public List<EksCluster> clusters(String region) {
        return clusters.stream().filter(c -> c.region().equals(region)).toList();
    }

    @Override
    public EksCluster cluster(String region, String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
