package io.modelfleet.catalog.service;

import io.modelfleet.api.Page;
import io.modelfleet.api.PageRequest;
import io.modelfleet.api.ProblemException;
import io.modelfleet.api.Revisions;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.dto.HardwareProfileView;
import io.modelfleet.catalog.entity.HardwareProfileEntity;
import io.modelfleet.catalog.repository.CatalogReads;
import io.modelfleet.catalog.repository.HardwareProfileRepository;
import io.modelfleet.catalog.repository.HardwareProfileWrites;
import io.modelfleet.common.Clock;
import io.modelfleet.common.Saved;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class HardwareProfileService {

    private final HardwareProfileRepository profiles;
    private final CatalogReads reads;
    private final HardwareProfileWrites writes;

    private final io.modelfleet.placement.PlacementTriggers triggers;

    public HardwareProfileService(HardwareProfileRepository profiles, CatalogReads reads,
            HardwareProfileWrites writes, io.modelfleet.placement.PlacementTriggers triggers) {
        this.triggers = triggers;
        this.profiles = profiles;
        this.reads = reads;
        this.writes = writes;
    }

    /** Plain SQL (the hot read); the view equals what the mapper builds from the entity. */
    public Uni<HardwareProfileView> get(String name) {
        return reads.profile(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no hardware profile named '" + name + "'"));
    }

    @WithSession
    public Uni<Page<HardwareProfileView>> list(PageRequest page) {
        return profiles.page(page.page(), page.size()).chain(items -> profiles.count().map(total -> new Page<>(
                items.stream().map(HardwareProfileMapper::view).toList(), page.page(), page.size(), total)));
    }

    /** Creates or replaces; {@code spec} must already be normalized by {@link HardwareProfileRules}. */
    /**
     * Plain SQL in one transaction (a hot write), deciding with the same mapper as {@link #upsert}, which imports
     * keep using inside their own transaction.
     */
    public Uni<Saved<HardwareProfileView>> put(HardwareProfileSpec spec, String ifMatch) {
        String what = "hardware profile '" + spec.name() + "'";
        return writes.put(spec.name(), stored -> {
            if (stored == null) {
                Revisions.checkAbsent(what, ifMatch);
                HardwareProfileEntity created = new HardwareProfileEntity();
                created.createdAt = Clock.now();
                HardwareProfileMapper.apply(spec, created);
                return created;
            }
            Revisions.check(what, ifMatch, stored.revision);
            if (HardwareProfileMapper.spec(stored).equals(spec)) {
                return null;
            }
            HardwareProfileMapper.apply(spec, stored);
            return stored;
        }, () -> {
            throw ProblemException.conflict(what + " was created by another request at the same time; read it and"
                    + " retry with If-Match");
        }).map(written -> new Saved<>(HardwareProfileMapper.view(written.profile()), written.created()))
                // Its offerings (prices) may have changed.
                .call(saved -> triggers.fire("hardware profile '" + spec.name() + "' put"));
    }

    /**
     * The write behind {@link #put}, also used by catalog imports inside their own transaction; imports keep
     * live (AWS) prices, a user's PUT sets the price it gives.
     */
    Uni<Upserted<HardwareProfileEntity>> upsert(HardwareProfileSpec requested, String ifMatch, boolean keepLivePrices) {
        String what = "hardware profile '" + requested.name() + "'";
        return profiles.findByName(requested.name()).chain(existing -> {
            HardwareProfileSpec spec = keepLivePrices && existing != null
                    ? HardwareProfileMapper.keepLivePrices(requested, existing) : requested;
            if (existing == null) {
                Revisions.checkAbsent(what, ifMatch);
                HardwareProfileEntity created = new HardwareProfileEntity();
                created.createdAt = Clock.now();
                HardwareProfileMapper.apply(spec, created);
                return profiles.persist(created).map(e -> Upserted.created(e));
            }
            Revisions.check(what, ifMatch, existing.revision);
            if (HardwareProfileMapper.spec(existing).equals(spec)) {
                return Uni.createFrom().item(Upserted.unchanged(existing));
            }
            HardwareProfileMapper.apply(spec, existing);
            return profiles.flush().map(ignored -> Upserted.updated(existing));
        });
    }

    @WithTransaction
    public Uni<Void> delete(String name, String ifMatch) {
        return require(name).chain(profile -> {
            Revisions.check("hardware profile '" + name + "'", ifMatch, profile.revision);
            return profiles.referencesTo(profile.id).chain(references -> {
                if (!references.isEmpty()) {
                    throw ProblemException.conflict("hardware profile '" + name + "' is still referenced by "
                            + String.join(", ", references));
                }
                return profiles.delete(profile);
            });
        });
    }

    private Uni<HardwareProfileEntity> require(String name) {
        return profiles.findByName(name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no hardware profile named '" + name + "'"));
    }
}
