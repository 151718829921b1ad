package io.modelfleet.rollout.mock;

/**
 * What the test API server does instead of answering a request normally.
 *
 * <ul>
 * <li>{@link #status(int)}: answers that code with a Kubernetes Status body, the request not applied. 409 carries
 * reason Conflict; 429 carries {@code Retry-After: 0}.</li>
 * <li>{@link #TIMEOUT}: the request is not applied and no answer comes until well past the client's request
 * timeout ({@link MockCluster#REQUEST_TIMEOUT}).</li>
 * <li>{@link #LATE_ANSWER}: the request IS applied, but its answer comes too late: the client times out on a write
 * that happened.</li>
 * <li>{@link #RESET}: every open connection to the server is reset (TCP RST), the request not applied.</li>
 * </ul>
 */
public record Fault(Kind kind, int code) {

    public enum Kind { STATUS, TIMEOUT, LATE_ANSWER, RESET }

    public static final Fault INTERNAL_ERROR = status(500);
    public static final Fault CONFLICT = status(409);
    public static final Fault TOO_MANY_REQUESTS = status(429);
    public static final Fault TIMEOUT = new Fault(Kind.TIMEOUT, 0);
    public static final Fault LATE_ANSWER = new Fault(Kind.LATE_ANSWER, 0);
    public static final Fault RESET = new Fault(Kind.RESET, 0);

    public static Fault status(int code) {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("an injected status must be an HTTP error (400-599), was " + code);
        }
        return new Fault(Kind.STATUS, code);
    }

    @Override
    public String toString() {
        return kind == Kind.STATUS ? Integer.toString(code) : kind.name();
    }
}
