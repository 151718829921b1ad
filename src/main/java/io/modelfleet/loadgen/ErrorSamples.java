package io.modelfleet.loadgen;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How a point's requests failed, for the progress log: the first few distinct messages, each with its count, so a
 * Job that failed with exit status 3 says why without printing one line per failed request.
 */
final class ErrorSamples {

    private static final int DISTINCT = 5;
    private static final int MESSAGE_CHARS = 300;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder others = new LongAdder();

    void add(Exception failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage().replaceAll("\\s+", " ");
        if (message.length() > MESSAGE_CHARS) {
            message = message.substring(0, MESSAGE_CHARS) + "...";
        }
        LongAdder count = counts.get(message);
        if (count == null && counts.size() < DISTINCT) {
            count = counts.computeIfAbsent(message, ignored -> new LongAdder());
        }
        (count == null ? others : count).increment();
    }

    void print(String point, PrintStream progress) {
        counts.forEach((message, count) -> progress.println(point + ": " + count.sum() + " x " + message));
        if (others.sum() > 0) {
            progress.println(point + ": " + others.sum() + " x other failures");
        }
    }
}
