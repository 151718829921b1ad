package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.Session;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.render.OutputFormat;
import io.modelfleet.cli.render.RolloutTree;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelfleet rollout PLAN}: starts a rollout of a plan; {@code rollout watch ID} follows one live. */
@Command(name = "rollout", description = "Roll out a plan (then watch it with modelfleet rollout watch ID).",
        subcommands = RolloutCommand.Watch.class)
public final class RolloutCommand implements Callable<Integer> {

    // Optional for picocli only, so that "rollout watch ID" needs no PLAN; call() requires it.
    @Parameters(arity = "0..1", paramLabel = "PLAN", description = "the plan's id")
    String planId;

    @Option(names = "--canary", paramLabel = "CLUSTER", description = "the cluster to roll out to first, alone")
    String canary;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", description = "how long a step may take to be ready")
    Integer stepTimeoutSeconds;

    @Option(names = {"-w", "--watch"}, description = "follow the rollout until it ends (exit status as rollout watch)")
    boolean watch;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    private final Session session;

    public RolloutCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (planId == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: PLAN");
        }
        ObjectNode body = ApiClient.JSON.createObjectNode().put("planId", planId);
        if (canary != null) {
            body.put("canary", canary);
        }
        if (stepTimeoutSeconds != null) {
            body.put("stepTimeoutSeconds", stepTimeoutSeconds);
        }
        JsonNode rollout = session.api().post("/rollouts", body, Map.of()).body();
        String id = rollout.path("id").asText();
        if (watch) {
            return new RolloutWatch(session.api(), session.io()).watch(id);
        }
        if (output.format != OutputFormat.TABLE) {
            session.io().out().print(output.format.write(rollout));
        } else {
            session.io().out().print(RolloutTree.render(rollout));
            session.io().out().println("\nWatch it: modelfleet rollout watch " + id);
        }
        return ExitCodes.OK;
    }

    @Command(name = "watch", description = "Follow a rollout live until it ends: exit 0 if it succeeded, 1 if it"
            + " rolled back, was aborted or failed.")
    public static final class Watch implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "the rollout's id")
        String id;

        private final Session session;

        public Watch(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            return new RolloutWatch(session.api(), session.io()).watch(id);
        }
    }
}
