package io.modelfleet.plans;

import io.modelfleet.planning.Planner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one planner of the application; creating it loads OR-Tools' native libraries once. */
public class PlannerProducer {

    @Produces
    @ApplicationScoped
    Planner planner(PlanningConfig config) {
        return new Planner(config.threads().orElse(Runtime.getRuntime().availableProcessors()),
                config.exactAlternatives());
    }
}
