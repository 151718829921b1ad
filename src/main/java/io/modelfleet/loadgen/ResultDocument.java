package io.modelfleet.loadgen;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;

/**
 * The load generator's output contract (docs/loadgen.md): one JSON document, printed as one line, that the profiling
 * run parses into benchmark rows. Fields are only ever added; {@code version} changes if one changes meaning.
 */
@JsonPropertyOrder({"tool", "version", "target", "model", "provider", "startedAt", "host", "points"})
record ResultDocument(String tool, int version, String target, String model, String provider, String startedAt,
                      Host host, List<PointResult> points) {

    static final String TOOL = "modelfleet-loadgen";
    static final int VERSION = 1;
    /** A point failing more than this share of its requests fails the run (exit status 3). */
    static final double MAX_ERROR_RATE = 0.01;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where it ran: the CPUs the JVM may use (the container's limit, not the node's) and the operating system. */
    @JsonPropertyOrder({"cpus", "os"})
    record Host(int cpus, String os) {

        static Host current() {
            return new Host(Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"));
        }
    }

    static ResultDocument of(InferenceTarget target, Instant startedAt, Host host, List<PointResult> points) {
        return new ResultDocument(TOOL, VERSION, target.kind(), target.model(), target.provider(), startedAt.toString(),
                host, List.copyOf(points));
    }

    @JsonIgnore
    boolean tooManyErrors() {
        return points.stream().anyMatch(point -> point.errorRate() > MAX_ERROR_RATE);
    }

    /** The document on one line (Jackson escapes newlines inside strings, so the line is never split). */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document of strings and numbers always serializes", e);
        }
    }
}
