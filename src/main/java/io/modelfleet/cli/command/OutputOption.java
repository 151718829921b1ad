package io.modelfleet.cli.command;

import io.modelfleet.cli.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}, shared by the commands that print resources. */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json or yaml (the API's own fields)")
    OutputFormat format = OutputFormat.TABLE;
}
