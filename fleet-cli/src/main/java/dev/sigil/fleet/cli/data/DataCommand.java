package dev.sigil.fleet.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Market history for backtests: fetch Binance's kline dumps (data.binance.vision), verified, into a directory that "
                + "'fleet backtest --data' and 'fleet grid backtest --data' read as it is, and list what a directory holds.",
        subcommands = {DataFetchCommand.class, DataLsCommand.class, CommandLine.HelpCommand.class})
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
