package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.Session;
import io.modelfleet.cli.UsageError;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.api.ApiProblem;
import io.modelfleet.cli.api.ApiResponse;
import io.modelfleet.cli.render.OutputFormat;
import io.modelfleet.cli.render.PlanTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelfleet plan [DEPLOYMENT...]}: computes a plan (as a job with progress when the server runs plans as
 * jobs) and prints it as the optimizer's table; {@code plan explain} shows one pair's every option, {@code plan
 * cancel} stops a running plan job.
 */
@Command(name = "plan", description = "Compute a plan for the named deployments (none: all) and print it.",
        subcommands = {PlanCommand.Explain.class, PlanCommand.Cancel.class})
public final class PlanCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DEPLOYMENT", description = "deployments to plan (default: all)")
    List<String> deployments = new ArrayList<>();

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "the solver's time limit (server default 10)")
    Integer timeLimitSeconds;

    @Option(names = "--alternatives", paramLabel = "N", defaultValue = "" + PlanTable.DEFAULT_ALTERNATIVES,
            description = "costlier options shown per pair (default ${DEFAULT-VALUE})")
    int alternatives;

    @Option(names = "--sync", description = "ask for the plan in one request, without a job and its progress")
    boolean sync;

    @Mixin
    OutputOption output;

    private final Session session;

    public PlanCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (alternatives < 0) {
            throw new UsageError("--alternatives must be 0 or more, was " + alternatives);
        }
        ApiClient api = session.api();
        ObjectNode body = ApiClient.JSON.createObjectNode();
        if (!deployments.isEmpty()) {
            deployments.forEach(body.putArray("deployments")::add);
        }
        if (timeLimitSeconds != null) {
            body.put("timeLimitSeconds", timeLimitSeconds);
        }
        Map<String, String> prefer = sync ? Map.of() : Map.of("Prefer", "respond-async");
        ApiResponse answer = api.post("/plans", body, prefer);
        JsonNode plan = answer.body();
        if (answer.status() == 202) {
            plan = new PlanJob(api, session.io()).follow(planId(answer), plan);
        }
        if ("FAILED".equals(plan.path("status").asText())) {
            session.io().err().println("error: plan " + plan.path("id").asText() + " failed: "
                    + plan.path("failure").asText("(no detail)"));
            return ExitCodes.NOT_SUCCEEDED;
        }
        if (output.format != OutputFormat.TABLE) {
            session.io().out().print(output.format.write(plan));
        } else {
            session.io().out().print(PlanTable.render(plan, alternatives));
            if (plan.path("placements").size() > 0) {
                session.io().out().println("\nRoll it out: modelfleet rollout " + plan.path("id").asText());
            }
        }
        return ExitCodes.OK;
    }

    /** The job's id: the body's, else the last segment of {@code Location: /api/v1/plans/{id}}. */
    private static String planId(ApiResponse accepted) {
        if (accepted.body().hasNonNull("id")) {
            return accepted.body().get("id").asText();
        }
        String location = accepted.location().orElseThrow(() -> new IllegalStateException(
                "the server accepted the plan job but named neither its id nor its Location"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Command(name = "explain", description = "Every option of one (deployment, cluster) pair: chosen, costlier by how"
            + " much, rejected by which rule.")
    public static final class Explain implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DEPLOYMENT")
        String deployment;

        @Parameters(index = "1", paramLabel = "CLUSTER")
        String cluster;

        @Option(names = "--plan", paramLabel = "ID", description = "the plan (default: the newest that planned"
                + " DEPLOYMENT)")
        String planId;

        @Mixin
        OutputOption output;

        private final Session session;

        public Explain(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            ApiClient api = session.api();
            JsonNode plan = api.get("/plans/" + ApiClient.encode(planId != null ? planId : newestPlanOf(api)));
            List<JsonNode> options = options(api, plan);
            if (output.format != OutputFormat.TABLE) {
                var array = ApiClient.JSON.createArrayNode();
                options.forEach(array::add);
                ObjectNode pair = ApiClient.JSON.createObjectNode().put("planId", plan.path("id").asText())
                        .put("deployment", deployment).put("cluster", cluster);
                pair.set("options", array);
                session.io().out().print(output.format.write(pair));
            } else {
                session.io().out().print(PlanTable.explain(plan, deployment, cluster, options));
            }
            return ExitCodes.OK;
        }

        /** Plans are listed newest first; the first finished one that planned the deployment. */
        private String newestPlanOf(ApiClient api) {
            for (int page = 0; ; page++) {
                JsonNode answer = api.get("/plans?page=" + page + "&size=100");
                for (JsonNode p : answer.path("items")) {
                    String status = p.path("status").asText();
                    boolean planned = false;
                    for (JsonNode d : p.path("deployments")) {
                        planned |= deployment.equals(d.asText());
                    }
                    if (planned && !"RUNNING".equals(status) && !"FAILED".equals(status)) {
                        return p.path("id").asText();
                    }
                }
                if (answer.path("items").isEmpty() || (page + 1) * 100L >= answer.path("total").asLong()) {
                    throw new UsageError("no plan has planned deployment '" + deployment + "'; run modelfleet plan "
                            + deployment);
                }
            }
        }

        /**
         * All the pair's options: from {@code GET /plans/{id}/alternatives} (every option, where the plan body keeps
         * only the cheapest), or from the plan body on a server without that endpoint.
         */
        private List<JsonNode> options(ApiClient api, JsonNode plan) {
            List<JsonNode> out = new ArrayList<>();
            try {
                String path = "/plans/" + ApiClient.encode(plan.path("id").asText()) + "/alternatives?deployment="
                        + ApiClient.encode(deployment) + "&cluster=" + ApiClient.encode(cluster);
                for (JsonNode item : api.list(path)) {
                    if (item.has("options")) {
                        item.path("options").forEach(out::add);
                    } else {
                        out.add(item);
                    }
                }
            } catch (ApiProblem p) {
                if (p.status() != 404) {
                    throw p;
                }
                JsonNode pair = null;
                for (JsonNode a : plan.path("alternatives")) {
                    if (deployment.equals(a.path("deployment").asText()) && cluster.equals(a.path("cluster").asText())) {
                        pair = a;
                    }
                }
                if (pair == null) {
                    throw new UsageError("plan " + plan.path("id").asText() + " has no pair (" + deployment + ", "
                            + cluster + ")");
                }
                pair.path("options").forEach(out::add);
            }
            return out;
        }
    }

    @Command(name = "cancel", description = "Stop a running plan job; the best plan found so far is kept.")
    public static final class Cancel implements Callable<Integer> {

        @Parameters(paramLabel = "ID")
        String id;

        private final Session session;

        public Cancel(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            JsonNode view = session.api().post("/plans/" + ApiClient.encode(id) + "/cancel", null, Map.of()).body();
            session.io().out().println("Plan " + id + ": cancel requested (status " + view.path("status").asText()
                    + "); the best plan found is kept: modelfleet get plans " + id);
            return ExitCodes.OK;
        }
    }
}
