package io.modelfleet.cli;

/** The {@code modelfleet} command (target/modelfleet runs it): see docs/cli.md. */
public final class Modelfleet {

    private Modelfleet() {
    }

    public static void main(String[] args) {
        CliIo io = CliIo.system();
        int status = Cli.run(args, io);
        io.out().flush();
        io.err().flush();
        System.exit(status);
    }
}
