package io.modelfleet.plans;

import io.modelfleet.planning.Planner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one planner of the application; creating it loads OR-Tools' native libraries once. */
public class PlannerProducer {

    @Produces
    @ApplicationScoped
    Planner planner(@ConfigProperty(name = "modelfleet.planning.threads") java.util.Optional<Integer> threads,
            @ConfigProperty(name = "modelfleet.planning.exact-alternatives") int exactAlternatives) {
        return new Planner(threads.orElse(Runtime.getRuntime().availableProcessors()), exactAlternatives);
    }
}
