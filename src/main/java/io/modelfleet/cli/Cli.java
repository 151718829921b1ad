package io.modelfleet.cli;

import io.modelfleet.cli.command.RootCommand;
import picocli.CommandLine;

/**
 * The CLI's entry: parses the arguments, runs the command and answers its exit status. Everything outside the
 * process comes through {@link CliIo}, so tests call this in-process.
 */
public final class Cli {

    private Cli() {
    }

    public static int run(String[] args, CliIo io) {
        Session session = new Session(io);
        CommandLine cli = new CommandLine(new RootCommand(), new SessionFactory(session));
        cli.setOut(io.out());
        cli.setErr(io.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        int status = cli.execute(args);
        io.out().flush();
        io.err().flush();
        return status;
    }

    /** Builds each command with the session, so commands never reach for globals. */
    private record SessionFactory(Session session) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Session.class).newInstance(session);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
