package io.modelfleet.cli;

import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.config.CliConfig;
import io.modelfleet.cli.config.ConfigStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One invocation's surroundings: its streams and environment, the config file, and the API client built from the
 * login (or from {@code MODELFLEET_URL} / {@code MODELFLEET_TOKEN}, which override it, for CI jobs).
 */
public final class Session {

    /** Longer than the largest plan time limit the API accepts (120 s), so a synchronous plan is not cut off. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(150);

    private final CliIo io;
    private final ConfigStore config;
    private ApiClient api;

    public Session(CliIo io) {
        this.io = io;
        this.config = ConfigStore.of(io);
    }

    public CliIo io() {
        return io;
    }

    public ConfigStore config() {
        return config;
    }

    public synchronized ApiClient api() {
        if (api == null) {
            CliConfig stored = stored().orElse(null);
            Optional<String> url = io.env("MODELFLEET_URL").or(() -> Optional.ofNullable(stored).map(c -> c.url()
                    .toString()));
            Optional<String> token = io.env("MODELFLEET_TOKEN").or(() -> Optional.ofNullable(stored)
                    .map(CliConfig::token));
            if (url.isEmpty() || token.isEmpty()) {
                throw new UsageError("not logged in: run modelfleet login URL (the token is read from stdin or"
                        + " $MODELFLEET_TOKEN); looked for " + config.file());
            }
            String urlSource = io.env("MODELFLEET_URL").isPresent() ? "MODELFLEET_URL" : config.file().toString();
            String tokenSource = io.env("MODELFLEET_TOKEN").isPresent() ? "MODELFLEET_TOKEN"
                    : config.file().toString();
            api = new ApiClient(Credentials.controlPlane(url.get(), urlSource),
                    Credentials.token(token.get(), tokenSource), REQUEST_TIMEOUT);
        }
        return api;
    }

    private Optional<CliConfig> stored() {
        try {
            return config.load();
        } catch (IOException | RuntimeException e) {
            throw new UsageError("cannot read " + config.file() + ": " + e.getMessage(), e);
        }
    }
}
