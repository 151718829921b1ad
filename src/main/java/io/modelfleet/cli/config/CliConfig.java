package io.modelfleet.cli.config;

import java.net.URI;

/** What {@code modelfleet login} stores: the control plane's base URL and the API token to send it. */
public record CliConfig(URI url, String token) {

    /** Never the token: the config may end up in a log through a debugging print. */
    @Override
    public String toString() {
        return "CliConfig[url=" + url + ", token=<hidden>]";
    }
}
