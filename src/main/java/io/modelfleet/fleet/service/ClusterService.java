package io.modelfleet.fleet.service;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Revisions;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.common.Clock;
import io.modelfleet.common.Saved;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.fleet.dto.ClusterSpec;
import io.modelfleet.fleet.dto.ClusterView;
import io.modelfleet.fleet.entity.ClusterEntity;
import io.modelfleet.fleet.repository.ActiveRollout;
import io.modelfleet.fleet.repository.ClusterRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.modelfleet.fleet.repository.FleetReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Clusters and their node pools. A cluster cannot be deleted while deployments target it, a rollout that has not
 * ended uses it, or ModelFleet still runs a deployment there.
 */
@ApplicationScoped
public class ClusterService {

    private final ClusterRepository clusters;
    private final HardwareProfileRepository hardware;

    /** Injected by field so the constructor other areas extend stays as it is. */
    @Inject
    FleetReads reads;

    @Inject
    io.modelfleet.placement.PlacementTriggers triggers;

    public ClusterService(ClusterRepository clusters, HardwareProfileRepository hardware) {
        this.clusters = clusters;
        this.hardware = hardware;
    }

    /** Plain SQL (a hot read), mapped by FleetMapper like every other view. */
    public Uni<ClusterView> get(String name) {
        return reads.cluster(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no cluster named '" + name + "'")).map(FleetMapper::view);
    }

    @WithSession
    public Uni<Page<ClusterView>> list(PageRequest page) {
        return clusters.page(page.page(), page.size()).chain(items -> clusters.count().map(total -> new Page<>(
                items.stream().map(FleetMapper::view).toList(), page.page(), page.size(), total)));
    }

    /** Creates or replaces; {@code spec} must already be normalized by {@link ClusterRules}. */
    @WithTransaction
    public Uni<Saved<ClusterView>> put(ClusterSpec spec, String ifMatch) {
        String what = "cluster '" + spec.name() + "'";
        var names = spec.nodePools().stream().map(ClusterSpec.NodePool::hardware).distinct().toList();
        return hardware.findByNames(names).chain(found -> {
            Map<String, HardwareProfileEntity> profiles = found.stream()
                    .collect(Collectors.toMap(p -> p.name, Function.identity()));
            Violations v = new Violations();
            for (int i = 0; i < spec.nodePools().size(); i++) {
                if (!profiles.containsKey(spec.nodePools().get(i).hardware())) {
                    v.add("nodePools[" + i + "].hardware", "no hardware profile named '"
                            + spec.nodePools().get(i).hardware() + "'");
                }
            }
            v.throwIfAny();
            return refuseSharedGitOpsDirectory(spec).chain(() -> clusters.findByName(spec.name())).chain(existing -> {
                if (existing == null) {
                    Revisions.checkAbsent(what, ifMatch);
                    ClusterEntity created = new ClusterEntity();
                    created.createdAt = Clock.now();
                    FleetMapper.apply(spec, created, profiles);
                    return clusters.persist(created).map(e -> new Saved<>(FleetMapper.view(e), true));
                }
                Revisions.check(what, ifMatch, existing.revision);
                if (FleetMapper.spec(existing).equals(spec)) {
                    return Uni.createFrom().item(new Saved<>(FleetMapper.view(existing), false));
                }
                FleetMapper.apply(spec, existing, profiles);
                // Its pools (hardware, capacity type, maxNodes) are what placements are planned on.
                return clusters.flush().call(() -> triggers.fireInTransaction(what + " changed"))
                        .map(ignored -> new Saved<>(FleetMapper.view(existing), false));
            });
        });
    }

    /**
     * A cluster found by EKS discovery: registered or replaced as {@link #put} does, but what discovery cannot know
     * and a person attached (the metrics source, the account) is kept rather than wiped by every re-discovery.
     */
    @WithTransaction
    public Uni<Saved<ClusterView>> putDiscovered(ClusterSpec discovered) {
        return clusters.findByName(discovered.name()).chain(existing -> put(existing == null ? discovered
                : new ClusterSpec(discovered.name(), discovered.region(), discovered.target(),
                        discovered.nodePools(), discovered.accountId() != null ? discovered.accountId()
                                : existing.accountId, discovered.metrics() != null ? discovered.metrics()
                                : AnalysisMapper.metricsSpec(existing)), null));
    }

    @WithTransaction
    public Uni<Void> delete(String name, String ifMatch) {
        return require(name).chain(cluster -> {
            Revisions.check("cluster '" + name + "'", ifMatch, cluster.revision);
            return reasonsNotToDelete(cluster).chain(reasons -> {
                if (!reasons.isEmpty()) {
                    throw ProblemException.conflict(String.join("; ", reasons));
                }
                return clusters.delete(cluster);
            });
        });
    }

    /** Everything that keeps a cluster from being deleted, all of it, so that one answer names it all. */
    private Uni<List<String>> reasonsNotToDelete(ClusterEntity cluster) {
        String what = "cluster '" + cluster.name + "'";
        List<String> reasons = new ArrayList<>();
        return clusters.deploymentsOn(cluster.id).chain(targeting -> {
            if (!targeting.isEmpty()) {
                reasons.add(what + " is still targeted by deployments " + String.join(", ", targeting));
            }
            return clusters.activeRolloutsOn(cluster.name);
        }).chain(active -> {
            if (!active.isEmpty()) {
                reasons.add(what + " is used by rollout " + active.stream().map(ActiveRollout::describe)
                        .collect(Collectors.joining(", ")) + ", which has not ended");
            }
            return clusters.deploymentsRunningOn(cluster.name);
        }).map(running -> {
            if (!running.isEmpty()) {
                reasons.add("ModelFleet still runs deployments " + String.join(", ", running) + " on " + what);
            }
            return reasons;
        });
    }

    private Uni<ClusterEntity> require(String name) {
        return clusters.findByName(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no cluster named '" + name + "'"));
    }

    /**
     * Two GITOPS clusters in one folder, or one inside the other's, would have Argo CD or Flux sync each other's
     * objects: a 409 naming the other cluster. Directories are compared normalized, relative to the GitOps root.
     */
    /**
     * One indexed query, whatever the fleet's size: another GITOPS cluster owning this folder or one above it, or
     * one inside it (a byte-order range: '0' is the character after '/').
     */
    private Uni<Void> refuseSharedGitOpsDirectory(ClusterSpec spec) {
        if (spec.target().type() != TargetType.GITOPS) {
            return Uni.createFrom().voidItem();
        }
        String mine = GitOpsFolders.of(spec.name(), spec.target().directory());
        return clusters.gitOpsFolderCollision(spec.name(), GitOpsFolders.selfAndAncestors(mine),
                mine.isEmpty() ? "" : mine + "/", mine.isEmpty() ? null : mine + "0").invoke(other -> {
                    if (other != null) {
                        String theirs = other[1];
                        throw ProblemException.conflict("GitOps directory '" + shown(mine) + "' of cluster '"
                                + spec.name() + "' " + GitOpsFolders.relation(mine, theirs) + " the directory '"
                                + shown(theirs) + "' of cluster '" + other[0]
                                + "'; each GITOPS cluster needs a folder of its own");
                    }
                }).replaceWithVoid();
    }

    private static String shown(String directory) {
        return directory.isEmpty() ? "." : directory;
    }
}
