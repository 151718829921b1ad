package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.cli.render.PlanTable;
import io.modelfleet.cli.render.ResourceTables;
import io.modelfleet.cli.render.RolloutTree;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What {@code get} lists: each kind's API path, the names it answers to, and how one or many are drawn. */
enum ResourceKind {
    HARDWARE("/hardware-profiles", ResourceTables::hardware, List.of("hardware", "hardware-profiles", "hw")),
    MODELS("/models", ResourceTables::models, List.of("models", "model")),
    VARIANTS(null, ResourceTables::variants, List.of("variants", "variant")),
    CLUSTERS("/clusters", ResourceTables::clusters, List.of("clusters", "cluster")),
    DEPLOYMENTS("/deployments", ResourceTables::deployments, List.of("deployments", "deployment", "deploy")),
    PLANS("/plans", ResourceTables::plans, List.of("plans", "plan")),
    ROLLOUTS("/rollouts", ResourceTables::rollouts, List.of("rollouts", "rollout"));

    final String path;
    final Function<JsonNode, String> table;
    final List<String> names;

    ResourceKind(String path, Function<JsonNode, String> table, List<String> names) {
        this.path = path;
        this.table = table;
        this.names = names;
    }

    static Optional<ResourceKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.names.contains(name)).findFirst();
    }

    static String choices() {
        return String.join("|", Arrays.stream(values()).map(k -> k.names.get(0)).toList());
    }

    /** One resource in a table: plans and rollouts in full (the plan table, the rollout tree), others as a row. */
    String one(JsonNode resource) {
        return switch (this) {
            case PLANS -> PlanTable.render(resource, PlanTable.DEFAULT_ALTERNATIVES);
            case ROLLOUTS -> RolloutTree.render(resource);
            default -> table.apply(JsonList.of(resource));
        };
    }
}
