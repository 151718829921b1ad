package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.cli.CliIo;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.api.ApiProblem;
import io.modelfleet.cli.api.ConnectionFailure;
import io.modelfleet.cli.render.RolloutTree;
import java.time.Duration;
import java.util.List;

/**
 * Follows a rollout on its event stream (the server sends its state whenever it changes and ends with the final
 * one), redrawing the tree on each change, and answers the exit status: 0 when it SUCCEEDED, 1 when it rolled back,
 * was aborted or failed, or is ROLLBACK_FAILED (stuck until someone acts, so a script must not wait forever).
 */
final class RolloutWatch {

    /**
     * Pauses before each attempt to read the rollout again after a failure in a row (a stream cut by a proxy's idle
     * timeout, a control plane restarting, a 502/503/504 from an ingress): about 75 s of being unreachable in all
     * before the watch gives up with a connection error. Any answer, an event or a GET, starts the count again.
     */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(15),
            Duration.ofSeconds(15), Duration.ofSeconds(15));

    private final ApiClient api;
    private final CliIo io;
    private final List<Duration> backoff;
    private String shown = "";
    private JsonNode last;

    RolloutWatch(ApiClient api, CliIo io) {
        this(api, io, BACKOFF);
    }

    RolloutWatch(ApiClient api, CliIo io, List<Duration> backoff) {
        this.api = api;
        this.io = io;
        this.backoff = List.copyOf(backoff);
    }

    int watch(String id) {
        String path = "/rollouts/" + ApiClient.encode(id);
        // A GET first: an unknown id is a clear 404, and the tree is drawn before the stream's first event.
        update(api.get(path));
        int failures = 0;
        while (!settled(last)) {
            boolean answered = false;
            RuntimeException failure = null;
            try {
                boolean[] heard = {false};
                api.events(path + "/events", event -> {
                    heard[0] = true;
                    update(ApiClient.parse(event.data()));
                    return !settled(last);
                });
                answered = heard[0];
            } catch (ConnectionFailure | ApiProblem e) {
                failure = transientOrThrow(e);
            }
            if (!settled(last)) {
                try {
                    update(api.get(path));
                    answered = true;
                } catch (ConnectionFailure | ApiProblem e) {
                    failure = transientOrThrow(e);
                }
            }
            if (settled(last)) {
                break;
            }
            // A stream that ended cleanly with nothing new is not a failure, but it is paced like one.
            failures = answered ? 0 : failures + 1;
            if (failures > backoff.size()) {
                throw failure != null ? failure : new ConnectionFailure("the event stream of rollout " + id
                        + " kept ending without an answer", null);
            }
            if (!pause(backoff.get(Math.max(0, failures - 1)))) {
                return ExitCodes.NOT_SUCCEEDED;
            }
        }
        return outcome();
    }

    /** A connection failure or a gateway's 502/503/504 is worth another try; any other problem ends the watch. */
    static RuntimeException transientOrThrow(RuntimeException e) {
        if (e instanceof ApiProblem p && p.status() != 502 && p.status() != 503 && p.status() != 504) {
            throw p;
        }
        return e;
    }

    /** Sleeps; false when interrupted (the interrupt is kept for the caller to end on). */
    static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean settled(JsonNode rollout) {
        if (rollout == null) {
            return false;
        }
        String status = rollout.path("status").asText();
        return RolloutTree.TERMINAL.contains(status) || RolloutTree.ROLLBACK_FAILED.equals(status);
    }

    private void update(JsonNode rollout) {
        last = rollout;
        String tree = RolloutTree.render(rollout);
        if (tree.equals(shown)) {
            return;
        }
        boolean firstDraw = shown.isEmpty();
        shown = tree;
        if (io.interactive()) {
            io.out().print("\033[H\033[2J");
        } else if (!firstDraw) {
            io.out().println();
        }
        io.out().print(tree);
        io.out().flush();
    }

    private int outcome() {
        String status = last.path("status").asText();
        String line = "Rollout " + last.path("id").asText() + " ended " + status;
        if (RolloutTree.ROLLBACK_FAILED.equals(status)) {
            line = "Rollout " + last.path("id").asText() + " is ROLLBACK_FAILED and needs attention";
        }
        if (last.hasNonNull("reason")) {
            line += ": " + last.path("reason").asText();
        }
        if (RolloutTree.SUCCEEDED.equals(status)) {
            io.out().println(line);
            return ExitCodes.OK;
        }
        io.err().println(line);
        return ExitCodes.NOT_SUCCEEDED;
    }
}
