package io.modelfleet.cloud.aws;

import io.modelfleet.api.Names;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.catalog.domain.CapacityType;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.fleet.service.ClusterRules;
import io.modelfleet.fleet.service.ClusterService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Registers the EKS clusters of a region with their managed node groups as node pools: the API endpoint as a
 * KUBERNETES target reached with an {@code eks:<region>/<cluster>} token, each node group whose instance type
 * has a hardware profile as a pool (capacity type and max size from the group). Re-running updates in place.
 */
@ApplicationScoped
public class ClusterDiscovery {

    private final EksCatalog eks;
    private final ClusterService clusters;
    private final HardwareProfileRepository hardware;
    private final Vertx vertx;

    public ClusterDiscovery(EksCatalog eks, ClusterService clusters, HardwareProfileRepository hardware, Vertx vertx) {
        this.eks = eks;
        this.clusters = clusters;
        this.hardware = hardware;
        this.vertx = vertx;
    }

    public record Request(String region) {
    }

    public record Skipped(String cluster, @Schema(nullable = true) String nodeGroup, String reason) {
    }

    public record Result(String region, List<String> registered, List<Skipped> skipped) {
    }

    public Uni<Result> discover(Request request) {
        Violations v = new Violations();
        Names.region(v, "region", request == null ? null : request.region());
        v.throwIfAny();
        String region = request.region();
        return Panache.withSession(() -> hardware.listWithOfferings())
                .map(profiles -> profiles.stream().map(p -> p.name).collect(Collectors.toSet()))
                .chain(known -> vertx.executeBlocking(Uni.createFrom().item(() -> eks.clusters(region)), false)
                        .onFailure().transform(e -> ProblemException.conflict("EKS discovery in " + region
                                + " failed: " + AwsErrors.describe(e)))
                        .chain(found -> register(region, found, known)));
    }

    private Uni<Result> register(String region, List<EksCatalog.EksCluster> found, Set<String> known) {
        List<String> registered = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<ClusterSpec> specs = new ArrayList<>();
        for (EksCatalog.EksCluster c : found) {
            String name = c.name().toLowerCase().replace('_', '-');
            if (!name.matches(Names.PATTERN)) {
                skipped.add(new Skipped(c.name(), null, "the name cannot be a ModelFleet cluster name"));
                continue;
            }
            if (OutboundAddresses.forbiddenLiteral(c.endpoint()).isPresent()) {
                skipped.add(new Skipped(c.name(), null, "its API endpoint is a loopback, link-local, metadata or"
                        + " unspecified address; an admin may register it by hand"));
                continue;
            }
            List<ClusterSpec.NodePool> pools = new ArrayList<>();
            for (EksCatalog.NodeGroup g : c.nodeGroups()) {
                String type = g.instanceTypes() == null || g.instanceTypes().isEmpty() ? null
                        : g.instanceTypes().get(0);
                if (type == null || !known.contains(type)) {
                    skipped.add(new Skipped(c.name(), g.name(), "no hardware profile for instance type " + type));
                } else if (g.maxSize() < 1) {
                    skipped.add(new Skipped(c.name(), g.name(), "node group maxSize is 0"));
                } else {
                    String pool = g.name().toLowerCase().replace('_', '-');
                    pools.add(new ClusterSpec.NodePool(pool, type, "SPOT".equals(g.capacityType())
                            ? CapacityType.SPOT : CapacityType.ON_DEMAND, g.maxSize()));
                }
            }
            specs.add(ClusterRules.normalize(name, new ClusterSpec(name, region, new ClusterSpec.Target(
                    TargetType.KUBERNETES, null, c.endpoint(), null, "eks:" + region + "/" + c.name(), null), pools)));
            registered.add(name);
        }
        return Multi.createFrom().iterable(specs).onItem().transformToUniAndConcatenate(clusters::putDiscovered)
                .collect().asList().map(ignored -> new Result(region, registered, skipped));
    }
}
