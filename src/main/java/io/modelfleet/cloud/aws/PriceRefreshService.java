package io.modelfleet.cloud.aws;

import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.entity.OfferingEntity;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Refreshes offerings from AWS, on demand and on a schedule when AWS sync is on: on-demand prices (Pricing),
 * spot prices (EC2 spot price history) and whether each region offers each instance type. A region whose
 * refresh fails keeps its last known prices, marked stale with the error, and plans say so.
 */
@ApplicationScoped
public class PriceRefreshService {

    private static final Logger LOG = Logger.getLogger(PriceRefreshService.class);
    static final String ON_DEMAND_SOURCE = "AWS_PRICING";
    static final String SPOT_SOURCE = "AWS_SPOT";

    private final PriceSources.OnDemandPrices onDemand;
    private final PriceSources.SpotPrices spot;
    private final PriceSources.Offerings offerings;
    private final HardwareProfileRepository hardware;
    private final ClusterRepository clusters;
    private final Vertx vertx;
    private final boolean enabled;
    private final io.modelfleet.metrics.PriceRefreshMetrics metrics;
    private final io.modelfleet.placement.PlacementTriggers triggers;

    public PriceRefreshService(PriceSources.OnDemandPrices onDemand, PriceSources.SpotPrices spot,
            PriceSources.Offerings offerings, HardwareProfileRepository hardware, ClusterRepository clusters,
            Vertx vertx, AwsConfig config, io.modelfleet.metrics.PriceRefreshMetrics metrics,
            io.modelfleet.placement.PlacementTriggers triggers) {
        this.triggers = triggers;
        this.metrics = metrics;
        this.onDemand = onDemand;
        this.spot = spot;
        this.offerings = offerings;
        this.hardware = hardware;
        this.clusters = clusters;
        this.vertx = vertx;
        this.enabled = config.enabled();
    }

    /** What one region's refresh did. */
    public record RegionResult(String region, boolean ok, @Schema(nullable = true) String error, int onDemandPrices,
            int spotPrices,
            List<String> notOffered) {
    }

    public record Result(OffsetDateTime refreshedAt, List<RegionResult> regions) {
    }

    @Scheduled(every = "${modelfleet.aws.refresh-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return refresh(List.of()).invoke(r -> LOG.infof("AWS price refresh: %s", r.regions())).replaceWithVoid()
                .onFailure().invoke(e -> LOG.error("AWS price refresh failed", e)).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Refreshes the given regions (none: every region a cluster or an offering names) for every profile. */
    public Uni<Result> refresh(List<String> only) {
        return Panache.withSession(() -> hardware.listWithOfferings().chain(profiles -> clusters.listAll()
                .map(cs -> {
                    Set<String> regions = new TreeSet<>();
                    cs.forEach(c -> regions.add(c.region));
                    profiles.forEach(p -> p.offerings.forEach(o -> regions.add(o.region)));
                    if (only != null && !only.isEmpty()) {
                        regions.retainAll(only);
                        regions.addAll(only);
                    }
                    return new Scope(profiles.stream().map(p -> p.name).sorted().toList(), List.copyOf(regions));
                })))
                .invoke(scope -> metrics.refreshing(scope.regions()))
                .chain(scope -> vertx.executeBlocking(Uni.createFrom().item(() -> fetch(scope)), false))
                .chain(this::store)
                .invoke(r -> r.regions().stream().filter(x -> !x.ok()).forEach(x -> metrics.regionFailed(x.region())))
                .call(r -> r.regions().stream().noneMatch(RegionResult::ok) ? Uni.createFrom().voidItem()
                        : triggers.fire("price refresh of " + String.join(", ", r.regions().stream()
                                .filter(RegionResult::ok).map(RegionResult::region).toList())))
                .onFailure().invoke(metrics::refreshFailed);
    }

    private record Scope(List<String> types, List<String> regions) {
    }

    private record Fetched(String region, Set<String> offered, Map<String, Double> onDemand, Map<String, Double> spot,
            String error) {
    }

    private List<Fetched> fetch(Scope scope) {
        List<Fetched> out = new ArrayList<>();
        for (String region : scope.regions()) {
            try {
                Set<String> offered = offerings.offered(region, scope.types());
                out.add(new Fetched(region, offered, onDemand.onDemand(region, offered), spot.spot(region, offered),
                        null));
            } catch (RuntimeException e) {
                out.add(new Fetched(region, Set.of(), Map.of(), Map.of(), AwsErrors.describe(e)));
            }
        }
        return out;
    }

    private Uni<Result> store(List<Fetched> fetched) {
        OffsetDateTime now = Clock.now();
        return Panache.withTransaction(() -> hardware.listWithOfferings().map(profiles -> {
            List<RegionResult> results = new ArrayList<>();
            for (Fetched f : fetched) {
                List<String> notOffered = new ArrayList<>();
                for (HardwareProfileEntity p : profiles) {
                    if (f.error() != null) {
                        p.offerings.stream().filter(o -> o.region.equals(f.region())).forEach(o -> {
                            o.stale = true;
                            o.refreshError = f.error();
                        });
                        continue;
                    }
                    boolean offered = f.offered().contains(p.name);
                    if (!offered) {
                        notOffered.add(p.name);
                    }
                    update(p, f.region(), CapacityType.ON_DEMAND, offered, f.onDemand().get(p.name), ON_DEMAND_SOURCE,
                            now);
                    update(p, f.region(), CapacityType.SPOT, offered, f.spot().get(p.name), SPOT_SOURCE, now);
                }
                results.add(new RegionResult(f.region(), f.error() == null, f.error(), f.onDemand().size(),
                        f.spot().size(), notOffered.stream().sorted().toList()));
            }
            return new Result(now, results);
        }));
    }

    /** Sets or creates one offering from a fresh price; marks it unavailable when the region lacks the type. */
    private static void update(HardwareProfileEntity p, String region, CapacityType type, boolean offered,
            Double price, String source, OffsetDateTime now) {
        OfferingEntity o = p.offerings.stream().filter(x -> x.region.equals(region) && x.capacityType == type)
                .findFirst().orElse(null);
        if (o == null) {
            if (!offered || price == null) {
                return;
            }
            o = new OfferingEntity();
            o.profile = p;
            o.region = region;
            o.capacityType = type;
            p.offerings.add(o);
        }
        o.available = offered;
        o.stale = false;
        o.refreshError = null;
        if (price != null) {
            o.hourlyPriceUsd = price;
            o.priceSource = source;
            o.priceUpdatedAt = now;
        } else if (offered) {
            o.stale = true;
            o.refreshError = "AWS returned no " + type + " price for " + p.name + " in " + region;
        }
    }
}
