package io.modelfleet.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code modelfleet}: the command list; every command talks to the control plane's public API only. */
@Command(name = "modelfleet", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "modelfleet CLI 0.1.0",
        description = "Plan and roll out model deployments on a ModelFleet control plane (docs/cli.md).",
        subcommands = {LoginCommand.class, GetCommand.class, VariantsCommand.class, PlanCommand.class,
            RolloutCommand.class, RolloutActionCommand.Pause.class, RolloutActionCommand.Resume.class,
            RolloutActionCommand.Abort.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done; a watched rollout succeeded", "1:a watched rollout or plan job did not succeed",
            "2:usage: bad arguments, unreadable file, not logged in", "3:the API answered with a problem",
            "4:the control plane could not be reached"})
public final class RootCommand {
}
