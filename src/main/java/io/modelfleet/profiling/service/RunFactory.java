package io.modelfleet.profiling.service;

import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.profiling.ProfilingConfig;
import io.modelfleet.profiling.domain.PoolChoice;
import io.modelfleet.profiling.domain.ProfilingState;
import io.modelfleet.profiling.entity.ProfilingRun;
import io.modelfleet.profiling.kube.ProfilingJobRenderer;
import io.modelfleet.profiling.kube.ProfilingJobSpec;
import io.modelfleet.profiling.repository.FleetPools;
import io.modelfleet.rollout.RolloutConfig;
import io.modelfleet.rollout.kube.ManifestYaml;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Builds a new PENDING run for one hardware profile: its pool, namespace and Job, rendered once now and stored,
 * so that what is applied (by whichever replica, however late) is exactly what the run shows.
 */
@ApplicationScoped
public class RunFactory {

    private final ProfilingJobRenderer renderer;
    private final ProfilingConfig config;
    private final String defaultNamespace;

    public RunFactory(ProfilingConfig config, RolloutConfig rollout) {
        this.renderer = new ProfilingJobRenderer(rollout.capacityTypeLabel());
        this.config = config;
        this.defaultNamespace = rollout.namespace();
    }

    ProfilingRun create(VariantView variant, ProfilingRequestRules.Normalized request, FleetPools.FleetPool chosen,
            ProfilingRequestRules.PerReplica perReplica, String createdBy, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        String namespace = namespace(chosen.target());
        FleetPools.Hardware h = chosen.hardware();
        ProfilingJobSpec spec = new ProfilingJobSpec(id, ProfilingJobRenderer.jobName(id), namespace,
                new ProfilingJobSpec.Served(variant.model(), variant.version(), variant.id(), variant.precision(),
                        variant.image(), variant.artifactUri(), variant.artifactSha256()),
                new ProfilingJobSpec.Placement(h.name(), chosen.capacityType(), h.nodeLabels(), h.taints(),
                        h.resourceName()),
                perReplica.accelerators(), perReplica.vcpus(), perReplica.memoryGiB(), request.grid(),
                request.durationSeconds(), request.timeoutSeconds(), request.input(), config.loadgenImage(),
                Math.toIntExact(config.jobTtl().toSeconds()));
        String manifest = ManifestYaml.of(renderer.render(spec));
        return new ProfilingRun(id, variant.id(), variant.model(), h.name(), chosen.cluster(), chosen.pool(),
                chosen.target().type(), ProfilingState.PENDING, null, request.grid(), request.durationSeconds(),
                request.timeoutSeconds(), perReplica.accelerators(), perReplica.vcpus(), perReplica.memoryGiB(),
                request.input(), spec.jobName(), namespace, manifest, variant.image(), config.loadgenImage(), now,
                createdBy, null, null, null, List.of(), 0);
    }

    /** {@code modelfleet.profiling.namespace}, else the cluster target's, else the rollout's default. */
    private String namespace(ClusterTarget target) {
        return config.namespace().filter(n -> !n.isBlank())
                .orElse(target != null && target.namespace() != null ? target.namespace() : defaultNamespace);
    }

    /** The pool a run of {@code hardware} uses, among the fleet's. */
    static FleetPools.FleetPool choose(List<FleetPools.FleetPool> pools, String hardware) {
        List<FleetPools.FleetPool> of = pools.stream().filter(p -> p.hardware().name().equals(hardware)).toList();
        return PoolChoice.choose(of.stream().map(p -> new PoolChoice.Candidate(p.cluster(), p.pool(),
                p.hardware().name(), p.target().type(), p.capacityType())).toList())
                .flatMap(c -> of.stream().filter(p -> p.cluster().equals(c.cluster()) && p.pool().equals(c.pool()))
                        .findFirst())
                .orElse(null);
    }
}
