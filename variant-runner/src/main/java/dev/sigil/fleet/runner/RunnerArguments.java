package dev.sigil.fleet.runner;

import dev.sigil.fleet.session.VariantRunner;
import dev.sigil.fleet.config.fleet.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runner's command-line options, checked and turned into {@code sigil.runner.*} properties. Environment
 * variables work as well ({@code SIGIL_RUNNER_VARIANT}); the database comes from {@code SIGIL_DB_URL},
 * {@code SIGIL_DB_USER} and {@code SIGIL_DB_PASSWORD} or {@code SIGIL_DB_PASSWORD_FILE} (mode 0600).
 */
final class RunnerArguments {

    static final String USAGE = """
            Usage: sigil-runner --variant NAME [options]
              --variant NAME                the variant to run: lower-case letters, digits, - and _ (its overlay: OVERLAYS/NAME.yaml)
              --overlays DIR                grid-overlays directory (default: grid-overlays, or SIGIL_OVERLAYS)
              --overlay FILE                the overlay file, if not OVERLAYS/NAME.yaml
              --set KEY=VALUE               override an overlay key for this process (repeatable, validated)
              --market binance|synthetic|replay   where candles come from (default: binance)
              --binance-url URL             Binance REST base URL (default: https://data-api.binance.vision)
              --data DIR                    kline dump files, for --market replay
              --skip-bad-files              replay what can be read of a kline file that cannot be read to its end
                                            (truncated or corrupt archive, empty, no CSV inside), report it and go on
                                            with the next file; without it such a file refuses the replay, naming it
              --synthetic-seed N            the synthetic market's seed (default: 42)
              --synthetic-steps N           synthetic replay of N candles per symbol (0: live synthetic market on the wall clock)
              --replay-ticks-per-second N   pace a replay at most N ticks a second (default: 0 = as fast as it goes)
              --replay-heartbeat-seconds S  in replay, heartbeat, breaker read and checkpoint every S seconds (default: 1)
              --resume-after-halt           replay only: after a HALT, reset the breaker at the next session (recorded as done
                                            by backtest), so an experiment covers all its data while counting its halts
              --duration-seconds N          session length on the tick clock: the wall clock live, the candles' in replay
                                            (default: scanner.session_duration_seconds)
              --after-session restart|exit  live, after a session's duration: start a new one or exit (default: restart);
                                            a replay always goes on with the next session until its data ends
              --database-wait-seconds N     at start, wait this long for an unreachable database (default: 300)
            Database: SIGIL_DB_URL, SIGIL_DB_USER, SIGIL_DB_PASSWORD or SIGIL_DB_PASSWORD_FILE (mode 0600).
            HTTP: /health and /prometheus on SIGIL_RUNNER_PORT (default 8081).
            A restart resumes after the last durable tick: nothing is replayed twice, nothing is lost.
            Exit codes: 0 clean end, 1 failure, 3 a cycle hung (watchdog), 64 wrong command line, 65 invalid config,
                        65 also: a kline file of the replay cannot be read (named in the log),
                        69 database unavailable or lost (systemd restarts it), 70 scan thread died,
                        75 the variant already runs on this database, 77 database login refused,
                        78 database schema behind (run fleet migrate).""";

    private static final Set<String> MARKETS = Set.of("binance", "synthetic", "replay");
    private static final Set<String> AFTER_SESSION = Set.of("restart", "exit");
    private static final Set<String> NUMBERS = Set.of("synthetic-seed", "synthetic-steps", "duration-seconds", "database-wait-seconds");
    private static final Set<String> DECIMALS = Set.of("replay-ticks-per-second", "replay-heartbeat-seconds");
    private static final Set<String> PLAIN = Set.of("overlays", "overlay", "data", "binance-url");

    /** Options that take no value (--skip-bad-files; --skip-bad-files=false is allowed too). */
    private static final Set<String> FLAGS = Set.of("skip-bad-files", "resume-after-halt");

    /** The command line is wrong; the message says how. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private RunnerArguments() {
    }

    static Map<String, Object> toProperties(String[] args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            check(name, value);
            if (name.equals("set")) {
                sets.add(value);
            } else if (FLAGS.contains(name)) {
                properties.put("sigil.runner." + name, Boolean.parseBoolean(value));
            } else {
                properties.put("sigil.runner." + name, value);
            }
        }
        if (!sets.isEmpty()) {
            properties.put("sigil.runner.sets", sets);
        }
        String passwordFile = System.getenv("SIGIL_DB_PASSWORD_FILE");
        if (passwordFile != null && !passwordFile.isBlank()) {
            Secret.fromFile(Path.of(passwordFile)).reveal().ifPresent(password -> properties.put("datasources.default.password", password));
        }
        return properties;
    }

    private static void check(String name, String value) {
        switch (name) {
            case "set" -> {
                // checked with the overlay, so every bad pair is reported at once with the config's other problems
            }
            case "variant" -> {
                if (!VariantRunner.VARIANT_NAME.matcher(value).matches()) {
                    throw new UsageException("--variant '" + value + "' is not a variant name (lower-case letters, digits, - and _; at most 40)");
                }
            }
            case "market" -> oneOf(name, value, MARKETS);
            case "skip-bad-files", "resume-after-halt" -> oneOf(name, value, Set.of("true", "false"));
            case "after-session" -> oneOf(name, value, AFTER_SESSION);
            default -> {
                if (NUMBERS.contains(name)) {
                    number(name, value);
                } else if (DECIMALS.contains(name)) {
                    decimal(name, value);
                } else if (!PLAIN.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
            }
        }
    }

    private static void oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new UsageException("--" + name + " '" + value + "' is not one of " + allowed.stream().sorted().toList());
        }
    }

    private static void number(String name, String value) {
        try {
            if (Long.parseLong(value) < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " '" + value + "' is not a whole number ≥ 0");
        }
    }

    private static void decimal(String name, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= 0) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " '" + value + "' is not a number ≥ 0");
        }
    }
}
