package io.modelfleet.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.ModelEntity;
import io.modelfleet.catalog.entity.OfferingEntity;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.ModelRepository;
import io.modelfleet.catalog.repository.VariantRepository;
import io.modelfleet.common.Clock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Repository queries against the real PostgreSQL, run on a Vert.x context as Hibernate Reactive requires. */
@QuarkusTest
class CatalogRepositoryTest {

    @Inject
    HardwareProfileRepository hardware;

    @Inject
    ModelRepository models;

    @Inject
    VariantRepository variants;

    @Test
    @RunOnVertxContext
    void profileIsFoundByNameWithItsOfferings(UniAsserter asserter) {
        String name = "repo-" + UUID.randomUUID().toString().substring(0, 8);
        asserter.execute(() -> Panache.withTransaction(() -> hardware.persist(profile(name))));
        asserter.assertThat(() -> Panache.withSession(() -> hardware.findByName(name)), found -> {
            assertEquals(Accelerator.NVIDIA_T4, found.accelerator);
            assertEquals(List.of(Precision.FP32, Precision.FP16, Precision.INT8), found.precisions);
            assertEquals(1, found.offerings.size());
            assertEquals(0.526, found.offerings.get(0).hourlyPriceUsd);
        });
        asserter.assertThat(() -> Panache.withSession(() -> hardware.findByName("no-such-" + name)),
                found -> assertNull(found));
        asserter.assertThat(() -> Panache.withSession(() -> hardware.findByName(name)
                .chain(found -> hardware.referencesTo(found.id))), refs -> assertEquals(List.of(), refs));
    }

    @Test
    @RunOnVertxContext
    void variantCountsAreZeroForAModelWithoutVariants(UniAsserter asserter) {
        String name = "repo-model-" + UUID.randomUUID().toString().substring(0, 8);
        asserter.execute(() -> Panache.withTransaction(() -> {
            ModelEntity m = new ModelEntity();
            m.name = name;
            m.task = "image-classification";
            m.accuracyMetric = "top1";
            m.createdAt = Clock.now();
            m.updatedAt = m.createdAt;
            return models.persist(m);
        }));
        asserter.assertThat(() -> Panache.withSession(() -> models.findByName(name)
                .chain(m -> variants.countsByModel(List.of(m.id)))), counts -> assertEquals(Map.of(), counts));
        asserter.assertThat(() -> Panache.withSession(() -> models.findByName(name)
                .chain(m -> models.deploymentsOf(m.id))), deployments -> assertEquals(List.of(), deployments));
    }

    private static HardwareProfileEntity profile(String name) {
        HardwareProfileEntity e = new HardwareProfileEntity();
        e.name = name;
        e.accelerator = Accelerator.NVIDIA_T4;
        e.acceleratorCount = 1;
        e.acceleratorMemoryGiB = 16;
        e.resourceName = "nvidia.com/gpu";
        e.vcpus = 4;
        e.memoryGiB = 16;
        e.precisions = List.of(Precision.FP32, Precision.FP16, Precision.INT8);
        e.nodeLabels = Map.of("node.kubernetes.io/instance-type", name);
        e.taints = List.of();
        e.createdAt = Clock.now();
        e.updatedAt = e.createdAt;
        OfferingEntity o = new OfferingEntity();
        o.profile = e;
        o.region = "us-east-1";
        o.capacityType = CapacityType.ON_DEMAND;
        o.hourlyPriceUsd = 0.526;
        o.priceSource = "STATIC";
        o.priceUpdatedAt = e.createdAt;
        e.offerings = new java.util.ArrayList<>(List.of(o));
        return e;
    }
}
