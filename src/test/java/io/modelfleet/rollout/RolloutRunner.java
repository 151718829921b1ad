package io.modelfleet.rollout;

import static io.modelfleet.testing.Api.viewer;

import io.modelfleet.rollout.RolloutViews.RolloutView;
import java.util.UUID;

/**
 * Drives one rollout with the engine, as its scheduler would (the scheduler is off in tests), until it ends. Enough
 * for GITOPS targets, whose steps need no cluster to reconcile.
 */
final class RolloutRunner {

    private RolloutRunner() {
    }

    static RolloutView untilEnded(RolloutEngine engine, UUID id) {
        engine.claim();
        for (int i = 0; i < 100; i++) {
            engine.drive(id, 1);
            RolloutView view = view(id);
            if (view.status().terminal()) {
                return view;
            }
        }
        throw new AssertionError("rollout " + id + " did not end: " + view(id));
    }

    static RolloutView view(UUID id) {
        return viewer().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().as(RolloutView.class);
    }
}
