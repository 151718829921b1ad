package io.modelfleet.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelfleet.cli.CliIo;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.api.ConnectionFailure;
import io.modelfleet.cli.render.RolloutTree;
import java.time.Duration;

/**
 * Follows a rollout on its event stream (the server sends its state whenever it changes and ends with the final
 * one), redrawing the tree on each change, and answers the exit status: 0 when it SUCCEEDED, 1 when it rolled back,
 * was aborted or failed, or is ROLLBACK_FAILED (stuck until someone acts, so a script must not wait forever).
 */
final class RolloutWatch {

    /** A stream that ends before the rollout does (a proxy's idle timeout) is opened again after this pause. */
    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    /** Streams broken in a row before the watch gives up with a connection error. */
    static final int MAX_BROKEN_STREAMS = 5;

    private final ApiClient api;
    private final CliIo io;
    private String shown = "";
    private JsonNode last;

    RolloutWatch(ApiClient api, CliIo io) {
        this.api = api;
        this.io = io;
    }

    int watch(String id) {
        String path = "/rollouts/" + ApiClient.encode(id);
        // A GET first: an unknown id is a clear 404, and the tree is drawn before the stream's first event.
        update(api.get(path));
        int brokenStreams = 0;
        while (!settled(last)) {
            try {
                api.events(path + "/events", event -> {
                    update(ApiClient.parse(event.data()));
                    return !settled(last);
                });
                brokenStreams = 0;
            } catch (ConnectionFailure e) {
                // A stream cut mid-way (a proxy, a control-plane restart): read the state, and open it again,
                // unless it keeps breaking.
                if (++brokenStreams >= MAX_BROKEN_STREAMS) {
                    throw e;
                }
            }
            if (!settled(last)) {
                update(api.get(path));
            }
            if (settled(last)) {
                break;
            }
            try {
                Thread.sleep(RECONNECT_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.NOT_SUCCEEDED;
            }
        }
        return outcome();
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
