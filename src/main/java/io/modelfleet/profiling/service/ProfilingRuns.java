package io.modelfleet.profiling.service;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Violations;
import io.modelfleet.catalog.dto.VariantView;
import io.modelfleet.catalog.repository.CatalogReads;
import io.modelfleet.catalog.service.HardwareProfileRules;
import io.modelfleet.fleet.domain.TargetType;
import io.modelfleet.profiling.domain.LoadgenDocument;
import io.modelfleet.profiling.domain.ProfilingState;
import io.modelfleet.profiling.domain.ResultDocumentException;
import io.modelfleet.profiling.dto.ProfilingRunRequest;
import io.modelfleet.profiling.dto.ProfilingRunView;
import io.modelfleet.profiling.dto.ProfilingRunsCreated;
import io.modelfleet.profiling.entity.ProfilingRun;
import io.modelfleet.profiling.repository.FleetPools;
import io.modelfleet.profiling.repository.ProfilingRunStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Profiling runs as the API sees them: creating them (one per hardware profile, on a pool chosen
 * deterministically), reading them, cancelling them, and taking the results a GITOPS run's Job posts back. The
 * driver ({@link ProfilingDriver}) does the rest.
 */
@ApplicationScoped
public class ProfilingRuns {

    private static final Logger LOG = Logger.getLogger(ProfilingRuns.class);

    private final ProfilingRunStore store;
    private final FleetPools pools;
    private final CatalogReads catalog;
    private final RunFactory factory;
    private final ResultIngest ingest;
    private final RunJobs jobs;
    private final Clock clock;

    public ProfilingRuns(ProfilingRunStore store, FleetPools pools, CatalogReads catalog, RunFactory factory,
            ResultIngest ingest, RunJobs jobs, Clock clock) {
        this.store = store;
        this.pools = pools;
        this.catalog = catalog;
        this.factory = factory;
        this.ingest = ingest;
        this.jobs = jobs;
        this.clock = clock;
    }

    public Uni<ProfilingRunsCreated> create(String model, UUID variantId, ProfilingRunRequest body, String by) {
        ProfilingRequestRules.Normalized request = ProfilingRequestRules.normalize(body);
        return variant(model, variantId).chain(variant -> knownCluster(request.cluster())
                .chain(() -> pools.pools(request.cluster()))
                .chain(fleet -> hardwareNames(request, variant, fleet).map(names -> runs(variant, request, fleet,
                        names, by))))
                .call(store::insertAll)
                .map(runs -> new ProfilingRunsCreated(runs.stream().map(ProfilingViews::view).toList()));
    }

    public Uni<Page<ProfilingRunView>> list(String model, UUID variantId, PageRequest page) {
        return variant(model, variantId).chain(v -> store.page(variantId, page)).map(p -> new Page<>(
                p.items().stream().map(ProfilingViews::view).toList(), p.page(), p.size(), p.total()));
    }

    public Uni<ProfilingRunView> get(UUID id) {
        return require(id).map(ProfilingViews::view);
    }

    /**
     * PENDING or RUNNING to CANCELLED, then the Job (or its manifest) is removed; a run that already ended is a
     * 409 naming its state. A Job that cannot be removed now ends by its own deadline, and adds nothing.
     */
    public Uni<ProfilingRunView> cancel(UUID id, String by) {
        return store.cancel(id, by, now()).chain(cancelled -> {
            if (cancelled == null) {
                return require(id).map(run -> {
                    throw ProblemException.conflict("profiling run " + id + " is " + run.state()
                            + "; only PENDING and RUNNING runs can be cancelled");
                });
            }
            return jobs.removeLater(cancelled).replaceWith(ProfilingViews.view(cancelled));
        });
    }

    /**
     * The load generator's document for a RUNNING GITOPS run before its deadline (after it, a 409): parsed,
     * checked against the run's points (a served model's figures, obeying Little's law) and ingested as MEASURED
     * rows, once. A document that does not parse or fit is a 400 and leaves the run RUNNING
     * (the Job's results may still be posted correctly before the timeout); rows the catalog refuses likewise.
     */
    public Uni<ProfilingRunView> results(UUID id, String body) {
        return require(id).chain(run -> {
            if (run.state() != ProfilingState.RUNNING) {
                throw ProblemException.conflict("profiling run " + id + " is " + run.state()
                        + "; results are taken only while it is RUNNING");
            }
            if (run.targetType() != TargetType.GITOPS) {
                throw ProblemException.conflict("profiling run " + id + " runs on KUBERNETES cluster '"
                        + run.cluster() + "'; its results are read from its Job's pod log, not posted");
            }
            if (!now().isBefore(run.deadline())) {
                // The driver times the run out at its next poll; results after the deadline are not taken.
                throw ProblemException.conflict("profiling run " + id + " passed its deadline of "
                        + run.timeoutSeconds() + " s at " + run.deadline() + "; results are taken only before it");
            }
            LoadgenDocument doc;
            try {
                doc = LoadgenDocument.parse(body).checkFits(run.grid());
            } catch (ResultDocumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
            return ingest.ingest(run, null, doc, ProfilingViews.excerpt(body), now()).chain(ingested -> {
                if (ingested.moved()) {
                    return require(id).map(current -> {
                        throw ProblemException.conflict("profiling run " + id + " is " + current.state()
                                + " now; its results were taken (or it ended) meanwhile");
                    });
                }
                LOG.infof("profiling run %s: %d rows posted back (%d new, %d replaced) for variant %s on %s", id,
                        ingested.written().rows().size(), ingested.written().created(),
                        ingested.written().replaced(), run.variantId(), run.hardware());
                return jobs.removeLater(run).chain(() -> require(id)).map(ProfilingViews::view);
            });
        });
    }

    private Uni<VariantView> variant(String model, UUID id) {
        return catalog.variant(model, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no variant " + id + " of model '" + model + "'"));
    }

    private Uni<Void> knownCluster(String cluster) {
        if (cluster == null) {
            return Uni.createFrom().voidItem();
        }
        return pools.clusterExists(cluster).map(exists -> {
            if (!exists) {
                throw ProblemException.invalid("cluster", "no cluster named '" + cluster + "'");
            }
            return null;
        });
    }

    /** The profiles to run on: the one named, or every profile of the fleet's pools that runs the precision. */
    private Uni<List<String>> hardwareNames(ProfilingRequestRules.Normalized request, VariantView variant,
            List<FleetPools.FleetPool> fleet) {
        String where = request.cluster() == null ? "of the fleet" : "of cluster '" + request.cluster() + "'";
        if (request.allNative()) {
            TreeSet<String> names = new TreeSet<>();
            fleet.stream().filter(p -> p.hardware().precisions().contains(variant.precision()))
                    .forEach(p -> names.add(p.hardware().name()));
            if (names.isEmpty()) {
                throw ProblemException.conflict("no node pool " + where + " has hardware that runs "
                        + variant.precision() + " natively; pools have " + new TreeSet<>(fleet.stream()
                                .map(p -> p.hardware().name()).toList()));
            }
            return Uni.createFrom().item(List.copyOf(names));
        }
        return pools.hardware(request.hardware()).map(h -> {
            if (h == null) {
                throw ProblemException.invalid("hardware", "no hardware profile named '" + request.hardware() + "'");
            }
            if (!h.precisions().contains(variant.precision())) {
                throw ProblemException.invalid("hardware", HardwareProfileRules.notNative(h.name(),
                        variant.precision(), h.precisions()));
            }
            if (fleet.stream().noneMatch(p -> p.hardware().name().equals(h.name()))) {
                throw ProblemException.conflict("no node pool " + where + " has hardware '" + h.name()
                        + "'; add one to a cluster (PUT /api/v1/clusters/{name}) to profile on it");
            }
            return List.of(h.name());
        });
    }

    private List<ProfilingRun> runs(VariantView variant, ProfilingRequestRules.Normalized request,
            List<FleetPools.FleetPool> fleet, List<String> names, String by) {
        Violations v = new Violations();
        OffsetDateTime now = now();
        List<ProfilingRun> runs = new ArrayList<>();
        for (String name : names) {
            FleetPools.FleetPool chosen = RunFactory.choose(fleet, name);
            ProfilingRequestRules.PerReplica perReplica = ProfilingRequestRules.perReplica(request,
                    chosen.hardware(), v);
            runs.add(factory.create(variant, request, chosen, perReplica, by, now));
        }
        v.throwIfAny();
        return runs;
    }

    private Uni<ProfilingRun> require(UUID id) {
        return store.get(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no profiling run " + id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Removing a Job calls the cluster (blocking), so it runs on a worker thread, never on the event loop. */
    static Uni<Void> blocking(Runnable work) {
        return Uni.createFrom().item(() -> {
            work.run();
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
