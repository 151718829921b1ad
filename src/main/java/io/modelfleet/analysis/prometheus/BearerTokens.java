package io.modelfleet.analysis.prometheus;

import java.util.Optional;

/** Where a metrics source's bearer token comes from. The token never leaves the client that sends it. */
@FunctionalInterface
public interface BearerTokens {

    /**
     * The token {@code credentialsRef} names for {@code cluster}'s metrics source, empty when it names none (null).
     * A reference that does not resolve is a {@link PrometheusQueryException} naming the reference.
     */
    Optional<String> token(String cluster, String credentialsRef);
}
