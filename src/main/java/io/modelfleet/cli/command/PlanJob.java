package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.cli.CliIo;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.api.ApiProblem;
import io.modelfleet.cli.api.ConnectionFailure;
import io.modelfleet.cli.render.ProgressBar;
import java.time.Duration;

/**
 * Follows a plan running as a job (a 202 to {@code POST /plans} with {@code Prefer: respond-async}) until it is done,
 * drawing its progress on stderr, and answers the finished plan. Progress comes from the plan's event stream
 * ({@code progress} events, then one {@code done}); a server without the stream (404) is polled every second
 * instead. Whatever ends the wait, the plan is read once more: the stored plan is the answer.
 */
final class PlanJob {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final ApiClient api;
    private final CliIo io;
    private String lastLine = "";

    PlanJob(ApiClient api, CliIo io) {
        this.api = api;
        this.io = io;
    }

    JsonNode follow(String id, JsonNode accepted) {
        io.err().println("Plan " + id + " is running on the server (modelfleet plan cancel " + id
                + " stops it and keeps the best plan found)");
        show(accepted.path("progress"));
        String path = "/plans/" + ApiClient.encode(id);
        // Whether the stream ended early (a proxy's idle timeout, say) or does not exist (404), polling finds the
        // plan's end; after a "done" event its first GET is the finished plan.
        try {
            api.events(path + "/events", event -> {
                if ("progress".equals(event.event())) {
                    show(ApiClient.parse(event.data()));
                    return true;
                }
                return !"done".equals(event.event());
            });
        } catch (ApiProblem p) {
            if (p.status() != 404) {
                RolloutWatch.transientOrThrow(p);
            }
        } catch (ConnectionFailure e) {
            // A cut stream: polling below finds the end, or fails on its own if the server stays away.
        }
        JsonNode plan = poll(path);
        finish();
        return plan;
    }

    private JsonNode poll(String path) {
        int failures = 0;
        while (true) {
            JsonNode plan;
            try {
                plan = api.get(path);
                failures = 0;
            } catch (ConnectionFailure | ApiProblem e) {
                RuntimeException failure = RolloutWatch.transientOrThrow(e);
                if (++failures > RolloutWatch.BACKOFF.size()) {
                    throw failure;
                }
                if (!RolloutWatch.pause(RolloutWatch.BACKOFF.get(failures - 1))) {
                    return api.get(path);
                }
                continue;
            }
            if (!"RUNNING".equals(plan.path("status").asText())) {
                return plan;
            }
            show(plan.path("progress"));
            if (!RolloutWatch.pause(POLL_INTERVAL)) {
                return api.get(path);
            }
        }
    }


    private void show(JsonNode progress) {
        if (!progress.isObject()) {
            return;
        }
        String line = ProgressBar.planProgress(progress);
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        if (io.interactive()) {
            io.err().print("\r\033[K" + line);
            io.err().flush();
        } else {
            io.err().println(line);
        }
    }

    private void finish() {
        if (io.interactive() && !lastLine.isEmpty()) {
            io.err().println();
        }
    }
}
