package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live cycle with its candle recording: {@link LiveCycleProbe} in a JVM with the runner's production options, a
 * live runner on the synthetic market whose waits between cycles end at once (the same code path as the service's,
 * which a replay is not: a live cycle records its candles).
 */
final class LiveCycleBench {

    private static final Pattern RESULT = Pattern.compile(Pattern.quote(LiveCycleProbe.RESULT)
            + "median ([\\d.]+) ms, p99 ([\\d.]+) ms over (\\d+) cycles; (\\d+) candles recorded");

    /** One probe's figures. */
    record Run(double medianMillis, double p99Millis, long cycles, long candlesRecorded) {
    }

    private final BenchContext context;
    private final String jvmOptions;

    LiveCycleBench(BenchContext context, String jvmOptions) {
        this.context = context;
        this.jvmOptions = jvmOptions;
    }

    /** Best of the context's runs (by p99), each on a fresh database, added as the bench's figures. */
    void run(BenchDatabases databases, int cycles, List<String> sets) throws Exception {
        Run best = null;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("live runner at 500 symbols (synthetic market, waits skipped), " + 2 * cycles + " cycles" + context.runOf(run));
            Run measured = probe(databases.fresh("sigil_bench_live_cycle"), cycles, sets);
            best = best == null || measured.p99Millis() < best.p99Millis() ? measured : best;
        }
        context.add(BenchFigure.of("cycle.500.live.p99_ms", "one live cycle over 500 symbols with its candle recording, p99 (runner's JVM options, "
                        + "live code path: candles recorded, heartbeat, breaker, truth check, checkpoint each cycle), after as many cycles of warm-up",
                best.p99Millis(), Unit.MILLISECONDS, 5.0, String.format(Locale.ROOT, "median %.1f ms over %d cycles; %,d candles recorded in all",
                        best.medianMillis(), best.cycles(), best.candlesRecorded())));
    }

    private Run probe(DatabaseTarget database, int cycles, List<String> sets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LiveCycleProbe.class.getName(), database.url(),
                database.user(), context.overlays.toAbsolutePath().toString(), Integer.toString(cycles)));
        command.addAll(sets);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the live cycle probe did not end within 600 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        Matcher result = RESULT.matcher(text);
        if (process.exitValue() != 0 || !result.find()) {
            throw new IllegalStateException("the live cycle probe exited " + process.exitValue() + " without its figures: "
                    + text.substring(Math.max(0, text.length() - 800)));
        }
        return new Run(Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)), Long.parseLong(result.group(3)),
                Long.parseLong(result.group(4)));
    }
}
