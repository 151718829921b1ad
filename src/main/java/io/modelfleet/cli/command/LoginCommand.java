package io.modelfleet.cli.command;

import io.modelfleet.cli.Credentials;
import io.modelfleet.cli.ExitCodes;
import io.modelfleet.cli.Session;
import io.modelfleet.cli.UsageError;
import io.modelfleet.cli.api.ApiClient;
import io.modelfleet.cli.config.CliConfig;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code modelfleet login URL}: checks the token against the API (a viewer's read), then stores URL and token in the
 * owner-only config file. The token comes from {@code $MODELFLEET_TOKEN} or stdin, never from the command line
 * (where {@code ps} and shell history would show it), and is never printed.
 */
@Command(name = "login", description = "Store the control plane URL and an API token ($MODELFLEET_TOKEN or stdin).")
public final class LoginCommand implements Callable<Integer> {

    @Parameters(paramLabel = "URL", description = "the control plane, e.g. https://modelfleet.example.com")
    String url;

    private final Session session;

    public LoginCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        URI base = Credentials.controlPlane(url, "URL");
        Optional<String> fromEnv = session.io().env("MODELFLEET_TOKEN");
        String token = Credentials.token(fromEnv.orElseGet(this::readToken), fromEnv.isPresent()
                ? "MODELFLEET_TOKEN" : "stdin");
        // Any role may read the hardware list: a refused token fails here, before anything is stored.
        new ApiClient(base, token, Duration.ofSeconds(30)).get("/hardware-profiles?size=1");
        session.config().save(new CliConfig(ApiClient.normalize(base), token));
        session.io().out().println("Logged in to " + ApiClient.normalize(base) + "; token stored in "
                + session.config().file() + " (mode 0600)");
        return ExitCodes.OK;
    }


    private String readToken() {
        Console console = System.console();
        if (console != null && session.io().in() == System.in) {
            char[] typed = console.readPassword("API token: ");
            return typed == null ? "" : new String(typed);
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(session.io().in(),
                    StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UsageError("cannot read the token from stdin: " + e.getMessage(), e);
        }
    }
}
