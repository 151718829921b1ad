package io.modelfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.cli.RawHttpServer.Answer;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the CLI does with answers a healthy control plane does not give but the way to it does (a redirecting
 * ingress, a proxy's sign-in page, a stream cut by an idle timeout) and with secrets that are not clean: none of
 * them is taken for success, none prints the token, and a watch survives cuts as long as the server answers.
 */
class CliHostileServerTest {

    private static final String HARDWARE = "{\"items\":[],\"page\":0,\"size\":1,\"total\":0}";

    @Test
    void aTokenWithATrailingNewlineIsSentWithoutIt() throws Exception {
        try (RawHttpServer server = new RawHttpServer(r -> Answer.json(200, HARDWARE))) {
            CliRunner.Result r = new CliRunner().env("MODELFLEET_URL", server.url())
                    .env("MODELFLEET_TOKEN", "mf_SECRET123\n").run("get", "hardware");
            assertEquals(0, r.status(), r.toString());
            assertEquals("Bearer mf_SECRET123", server.requests().get(0).headers().get("authorization"));
        }
    }

    @Test
    void aTokenAHeaderCannotHoldIsRefusedBeforeAnyRequestAndNeverEchoed() throws Exception {
        try (RawHttpServer server = new RawHttpServer(r -> Answer.json(200, HARDWARE))) {
            CliRunner.Result env = new CliRunner().env("MODELFLEET_URL", server.url())
                    .env("MODELFLEET_TOKEN", "mf_SECRET\u20ac123").run("get", "hardware");
            assertEquals(ExitCodes.USAGE, env.status(), env.toString());
            assertEquals("error: the token from MODELFLEET_TOKEN contains a character not allowed in an HTTP header"
                    + " (position 10 of 13); API tokens are visible ASCII\n", env.err());
            CliRunner cli = new CliRunner();
            CliRunner.Result login = cli.runWithInput("mf_SECRET\u20ac123\n", "login", server.url());
            assertEquals(ExitCodes.USAGE, login.status(), login.toString());
            assertFalse(login.err().contains("SECRET"), login.err());
            assertFalse(Files.exists(cli.configFile()));
            assertEquals(List.of(), server.requests());
        }
    }

    @Test
    void aRedirectIsAnErrorNamingWhereItPointsAndLoginStoresNothing() throws Exception {
        try (RawHttpServer server = new RawHttpServer(r -> Answer.redirect(308, "https://modelfleet.example.com"
                + r.line().split(" ")[1]))) {
            CliRunner cli = new CliRunner();
            CliRunner.Result login = cli.runWithInput("mf_SECRET123\n", "login", server.url());
            assertEquals(ExitCodes.API_ERROR, login.status(), login.toString());
            assertEquals("error: the server redirected to https://modelfleet.example.com/api/v1/hardware-profiles"
                    + "?size=1; use that URL (modelfleet login URL, or MODELFLEET_URL) (HTTP 308 Redirect)\n",
                    login.err());
            assertFalse(Files.exists(cli.configFile()));
            CliRunner.Result get = new CliRunner().env("MODELFLEET_URL", server.url())
                    .env("MODELFLEET_TOKEN", "mf_SECRET123").run("get", "deployments");
            assertEquals(ExitCodes.API_ERROR, get.status(), get.toString());
            assertEquals("", get.out());
        }
    }

    @Test
    void aPageThatIsNotJsonIsTheServersProblemNotACliBug() throws Exception {
        try (RawHttpServer server = new RawHttpServer(r -> Answer.of(200, "text/html", "<html>Sign in</html>"))) {
            CliRunner.Result r = new CliRunner().env("MODELFLEET_URL", server.url())
                    .env("MODELFLEET_TOKEN", "mf_SECRET123").run("get", "clusters");
            assertEquals(ExitCodes.API_ERROR, r.status(), r.toString());
            assertEquals("error: the server answered something that is not JSON (is the URL the control plane?):"
                    + " <html>Sign in</html> (HTTP 200 Not JSON)\n", r.err());
        }
    }

    @Test
    void aBrokenConfigFileSaysWhereNotWhat() throws Exception {
        CliRunner cli = new CliRunner();
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "url: http://127.0.0.1:1\ntoken: mf_SECRET: \"oops\n");
        Files.setPosixFilePermissions(cli.configFile(), PosixFilePermissions.fromString("rw-------"));
        CliRunner.Result r = cli.run("get", "hardware");
        assertEquals(ExitCodes.USAGE, r.status(), r.toString());
        assertFalse(r.err().contains("SECRET"), r.err());
        assertTrue(r.err().startsWith("error: cannot read " + cli.configFile() + ": it is not valid YAML (line 2,"),
                r.err());
    }

    @Test
    void aWatchWhoseStreamIsCutEveryTimeFollowsTheRolloutToItsEndWhileTheServerAnswers() throws Exception {
        String id = "0b9d6f1e-1111-4222-8333-444455556666";
        Deque<String> states = new ArrayDeque<>(List.of("RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING",
                "RUNNING", "RUNNING", "SUCCEEDED"));
        try (RawHttpServer server = new RawHttpServer(r -> {
            String status = states.size() > 1 ? states.poll() : states.peek();
            String view = "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"clusters\":[]}";
            return r.line().endsWith("/events") ? Answer.cutStream("event: state\ndata: " + view + "\n\n")
                    : Answer.json(200, view);
        })) {
            CliRunner.Result r = new CliRunner().env("MODELFLEET_URL", server.url())
                    .env("MODELFLEET_TOKEN", "mf_SECRET123").run("rollout", "watch", id);
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().endsWith("Rollout " + id + " ended SUCCEEDED\n"), r.out());
            // More cuts than the five in a row that ended the watch before: every GET between them answered.
            assertTrue(server.requests().stream().filter(q -> q.line().endsWith("/events")).count() >= 3,
                    server.requests().toString());
        }
    }
}
