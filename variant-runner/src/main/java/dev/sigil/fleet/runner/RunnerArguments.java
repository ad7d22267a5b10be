package dev.sigil.fleet.runner;

import dev.sigil.fleet.io.fleet.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runner's command-line options, turned into {@code sigil.runner.*} properties. Environment variables work
 * as well ({@code SIGIL_RUNNER_VARIANT}); the database comes from {@code SIGIL_DB_URL}, {@code SIGIL_DB_USER} and
 * {@code SIGIL_DB_PASSWORD} or {@code SIGIL_DB_PASSWORD_FILE} (mode 0600).
 */
final class RunnerArguments {

    static final String USAGE = """
            Usage: sigil-runner --variant NAME [options]
              --variant NAME            the variant to run (its overlay: OVERLAYS/NAME.yaml)
              --overlays DIR            grid-overlays directory (default: grid-overlays)
              --overlay FILE            the overlay file, if not OVERLAYS/NAME.yaml
              --set KEY=VALUE           override an overlay key for this process (repeatable, validated)
              --market binance|synthetic|replay   where candles come from (default: binance)
              --data DIR                kline dump files, for --market replay
              --skip-bad-files          replay what can be read of a kline file that cannot be read to its end
                                        (truncated or corrupt archive, empty, no CSV inside), report it and go on
                                        with the next file; without it such a file refuses the replay, naming it
              --synthetic-steps N       synthetic replay of N candles per symbol (0: live synthetic market)
              --duration-seconds N      session length (default: scanner.session_duration_seconds)
              --after-session restart|exit   after a session's duration, start a new one or exit (default: restart)
            Database: SIGIL_DB_URL, SIGIL_DB_USER, SIGIL_DB_PASSWORD or SIGIL_DB_PASSWORD_FILE (mode 0600).
            HTTP: /health and /prometheus on SIGIL_RUNNER_PORT (default 8081).
            Exit codes: 0 clean end, 1 failure, 3 a cycle hung (watchdog), 65 invalid config, 70 scan thread died,
                        75 the variant already runs on this database, 78 database schema behind (run fleet migrate).""";

    /** Options that take no value (--skip-bad-files; --skip-bad-files=false is allowed too). */
    private static final Set<String> FLAGS = Set.of("skip-bad-files");

    private RunnerArguments() {
    }

    private static boolean flag(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " takes no value (or =true, =false), not '" + value + "'\n" + USAGE);
        };
    }

    static Map<String, Object> toProperties(String[] args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
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
                throw new IllegalArgumentException("--" + name + " needs a value\n" + USAGE);
            }
            switch (name) {
                case "set" -> sets.add(value);
                case "variant", "overlays", "overlay", "market", "data", "synthetic-steps", "synthetic-seed", "duration-seconds",
                     "after-session", "binance-url", "replay-ticks-per-second", "replay-heartbeat-seconds" -> properties.put("sigil.runner." + name, value);
                case "skip-bad-files" -> properties.put("sigil.runner." + name, flag(name, value));
                default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
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
}
