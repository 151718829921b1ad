package io.modelfleet.placement;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.api.ProblemException;
import io.modelfleet.placement.domain.AutoRollout;
import io.modelfleet.placement.domain.BudgetGate;
import io.modelfleet.placement.domain.DisruptionBudget;
import io.modelfleet.placement.domain.MaintenanceWindow;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * I9 against the database: the rollouts that have not ended are counted fleet-wide, and a deployment's stored
 * budget decides. Other tests' rollouts share the database, so counts are taken relative to what runs before.
 */
@QuarkusTest
class RolloutBudgetTest {

    private static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");

    @Inject
    RolloutBudget budgets;

    @Inject
    BudgetConfig config;

    @Inject
    Pool pool;

    private final List<UUID> inserted = new ArrayList<>();
    private String model;
    private String cluster;

    @BeforeEach
    void fleet() {
        String t4 = unique("t4");
        model = unique("resnet");
        cluster = unique("prod");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + cluster).then().statusCode(201);
    }

    @AfterEach
    void removeInsertedRollouts() {
        if (!inserted.isEmpty()) {
            pool.preparedQuery("DELETE FROM rollout WHERE id = ANY($1)")
                    .execute(Tuple.of(inserted.toArray(new UUID[0]))).await().indefinitely();
        }
    }

    private void rollout(String status) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO rollout (id, status, created_at, updated_at, revision)"
                + " VALUES ($1, $2, now(), now(), 0)").execute(Tuple.of(id, status)).await().indefinitely();
        inserted.add(id);
    }

    private String deployment(Map<String, Object> extra) {
        String name = unique("budget");
        Map<String, Object> body = new HashMap<>(Fixtures.deployment(model, cluster, 100));
        body.putAll(extra);
        operator().body(body).put("/api/v1/deployments/" + name).then().statusCode(201);
        return name;
    }

    private int running() {
        return budgets.rolloutsRunning().await().indefinitely();
    }

    private BudgetGate.Decision check(String deployment, Instant now, int maxConcurrent) {
        return budgets.check(deployment, now, maxConcurrent).await().indefinitely();
    }

    @Test
    @DisplayName("I9: rollouts that have not ended count fleet-wide (RUNNING, PAUSED, ABORTING, ROLLBACK_FAILED)")
    void notEndedRolloutsCount() {
        int before = running();
        for (String status : List.of("RUNNING", "PAUSED", "ABORTING", "ROLLBACK_FAILED", "SUCCEEDED", "ROLLED_BACK",
                "ABORTED", "FAILED")) {
            rollout(status);
        }
        assertEquals(before + 4, running());
    }

    @Test
    @DisplayName("I9: the fleet-wide maximum defaults to 1 and a running rollout fills it")
    void aRunningRolloutFillsTheDefaultMaximum() {
        assertEquals(1, config.maxConcurrentRollouts());
        String name = deployment(Map.of("autoRollout", "WITHIN_BUDGET"));
        rollout("RUNNING");
        int running = running();
        String runs = running == 1 ? " rollout runs" : " rollouts run";
        assertEquals(new BudgetGate.Decision(false, running + runs + " fleet-wide (at most 1)", null),
                budgets.check(name, NOON).await().indefinitely());
    }

    @Test
    @DisplayName("I9: the stored budget is read back as the gate needs it, window in UTC")
    void theStoredBudgetDecides() {
        String name = deployment(Map.of("autoRollout", "WITHIN_BUDGET", "disruptionBudget",
                Map.of("maxDisruptedPercent", 25, "maintenanceWindow", Map.of("schedule", "0 2 * * *",
                        "duration", "120m"))));
        assertEquals(new DisruptionBudget(AutoRollout.WITHIN_BUDGET, 25,
                new MaintenanceWindow("0 2 * * *", Duration.ofHours(2))),
                budgets.budgetOf(name).await().indefinitely());
        int room = running() + 1;
        assertEquals(new BudgetGate.Decision(false, "outside the maintenance window '0 2 * * *' (2h); it next opens"
                + " at 2026-12-04T02:00:00Z", Instant.parse("2026-12-04T02:00:00Z")), check(name, NOON, room));
        Instant night = Instant.parse("2026-12-04T03:00:00Z");
        assertEquals(new BudgetGate.Decision(true, "within budget: " + (room - 1)
                + (room - 1 == 1 ? " rollout runs" : " rollouts run") + " fleet-wide (at most " + room
                + "), inside the maintenance window '0 2 * * *' (2h)", night), check(name, night, room));
    }

    @Test
    @DisplayName("I9: a deployment that says nothing is NEVER: the loop never starts its rollout")
    void theDefaultIsNever() {
        String name = deployment(Map.of());
        assertEquals(DisruptionBudget.DEFAULT, budgets.budgetOf(name).await().indefinitely());
        assertEquals(false, budgets.check(name, NOON).await().indefinitely().allowed());
    }

    @Test
    void anUnknownDeploymentIsNotFound() {
        ProblemException missing = assertThrows(ProblemException.class,
                () -> budgets.check(unique("none"), NOON).await().indefinitely());
        assertEquals(404, missing.problem().status());
    }
}
