package io.modelfleet.rollout.mock;

/**
 * One request the test API server received: its 0-based index since the last
 * {@link ApplyingCrudDispatcher#resetFaults()}, method, path with query, content type, body, and the fault it was
 * answered with (null when answered normally).
 */
public record RecordedCall(int index, String method, String path, String contentType, String body, Fault fault) {

    @Override
    public String toString() {
        return "#" + index + " " + method + " " + path + (contentType == null ? "" : " " + contentType)
                + (fault == null ? "" : " -> injected " + fault);
    }
}
