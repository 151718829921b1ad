package io.modelfleet.profiling.domain;

/** The load generator's result document is absent, is not the document it writes, or does not fit the run. */
public final class ResultDocumentException extends RuntimeException {

    public ResultDocumentException(String message) {
        super("result document: " + message, null, false, false);
    }
}
