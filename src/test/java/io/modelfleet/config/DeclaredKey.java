package io.modelfleet.config;

import java.util.Optional;

/**
 * One configuration key the application reads, with its default when it has one.
 *
 * @param declaredBy the simple name of the interface (or config source factory) that reads it, for messages
 */
record DeclaredKey(String name, Optional<String> defaultValue, String declaredBy) {
}
