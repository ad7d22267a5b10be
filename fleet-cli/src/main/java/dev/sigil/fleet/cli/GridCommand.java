package dev.sigil.fleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Inspect, check and backtest the grid overlays. base.yaml holds every tunable with its default; each variant's "
                + "overlay overrides only what differs. A runner reads its effective config (base + overlay) at session start.",
        subcommands = {GridValidateCommand.class, GridShowCommand.class, GridDiffCommand.class, GridApplyCommand.class, GridBacktestCommand.class, CommandLine.HelpCommand.class})
final class GridCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
