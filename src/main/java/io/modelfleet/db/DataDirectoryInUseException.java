package io.modelfleet.db;

/**
 * Another live control plane runs the embedded server on the data directory this one was given. Starting a second
 * server there is impossible (PostgreSQL locks the directory), and stopping the other's would pull its database
 * away, so this start stops with a message saying who holds the directory.
 */
public final class DataDirectoryInUseException extends IllegalStateException {

    DataDirectoryInUseException(String message) {
        super(message);
    }
}
