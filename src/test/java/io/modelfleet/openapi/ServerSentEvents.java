package io.modelfleet.openapi;

import java.util.ArrayList;
import java.util.List;

/** The data of each event of a text/event-stream body (the HTML Living Standard's framing, "data:" lines). */
final class ServerSentEvents {

    private ServerSentEvents() {
    }

    static List<String> data(String stream) {
        List<String> events = new ArrayList<>();
        StringBuilder current = null;
        for (String line : stream.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                if (current != null) {
                    events.add(current.toString());
                }
                current = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                current = current == null ? new StringBuilder(value) : current.append('\n').append(value);
            }
        }
        if (current != null) {
            events.add(current.toString());
        }
        return events;
    }
}
