package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.Session;
import io.modelfleet.cli.api.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pause|resume|abort ID}: one POST each; a refusal (409) prints the server's rule. */
public abstract class RolloutActionCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "the rollout's id")
    String id;

    private final Session session;
    private final String action;

    RolloutActionCommand(Session session, String action) {
        this.session = session;
        this.action = action;
    }

    @Override
    public Integer call() {
        JsonNode rollout = session.api().post("/rollouts/" + ApiClient.encode(id) + "/" + action, null, Map.of())
                .body();
        session.io().out().println("Rollout " + rollout.path("id").asText() + " is " + rollout.path("status").asText());
        return ExitCodes.OK;
    }

    @Command(name = "pause", description = "Pause a running rollout: no further step starts until resume.")
    public static final class Pause extends RolloutActionCommand {
        public Pause(Session session) {
            super(session, "pause");
        }
    }

    @Command(name = "resume", description = "Resume a paused rollout; waiting deadlines move by the time paused.")
    public static final class Resume extends RolloutActionCommand {
        public Resume(Session session) {
            super(session, "resume");
        }
    }

    @Command(name = "abort", description = "Abort a rollout: the cluster in progress is rolled back.")
    public static final class Abort extends RolloutActionCommand {
        public Abort(Session session) {
            super(session, "abort");
        }
    }
}
