package io.modelfleet.loadgen;

/** An argument that cannot be honoured; the message starts with the argument's name. Exit status 2. */
final class UsageError extends RuntimeException {

    UsageError(String argument, String problem) {
        super(argument + ": " + problem);
    }
}
