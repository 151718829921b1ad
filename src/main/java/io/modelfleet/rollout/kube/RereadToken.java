package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.util.function.Supplier;

/**
 * A bearer token read again when it may have changed (at most once a minute), so rotated tokens — a projected
 * service-account token, a re-issued Secret, a kubeconfig's exec plugin — are picked up without a restart. A
 * failed re-read throws rather than keep sending a token its source no longer vouches for.
 */
final class RereadToken implements OAuthTokenProvider {

    private static final long REREAD_NANOS = 60_000_000_000L;
    private final Supplier<String> read;
    private String token;
    private long readAt;

    RereadToken(String first, Supplier<String> read) {
        this.read = read;
        this.token = first;
        this.readAt = System.nanoTime();
    }

    @Override
    public synchronized String getToken() {
        long now = System.nanoTime();
        if (now - readAt >= REREAD_NANOS) {
            token = read.get();
            readAt = now;
        }
        return token;
    }
}
