package io.modelfleet.loadgen;

/** The target cannot be measured at all (a model ONNX Runtime refuses, a server that is never ready). Exit status 1. */
final class TargetFailure extends Exception {

    TargetFailure(String message) {
        super(message);
    }

    TargetFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
