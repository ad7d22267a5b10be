package dev.sigil.fleet.monitor;

import dev.sigil.fleet.core.concurrent.Threads;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.config.fleet.Secret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor process: reads every variant's heartbeat on the fleet file's interval, alerts Discord, trips the
 * breaker of a stale variant; serves /health and /prometheus. Usage: {@code sigil-monitor [--fleet FILE] [--state-file FILE]}.
 */
public final class MonitorApplication {

    static {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sigil-monitor-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MonitorApplication.class);

    /** The Micronaut environment whose configuration (application-monitor.yml) and beans are the monitor's. */
    public static final String ENVIRONMENT = "monitor";

    private MonitorApplication() {
    }

    public static void main(String[] args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fleet" -> properties.put("sigil.monitor.fleet-file", args[++i]);
                case "--state-file" -> properties.put("sigil.monitor.state-file", args[++i]);
                case "--help" -> {
                    System.out.println("""
                            Usage: sigil-monitor [--fleet FILE] [--state-file FILE]
                              --fleet FILE        fleet file: variants, their databases, monitor and discord sections
                                                  (default /etc/sigil/fleet.yaml, or SIGIL_FLEET_FILE)
                              --state-file FILE   where incidents about unreachable databases are kept
                                                  (default /var/lib/sigil/monitor-unreachable.json, or SIGIL_MONITOR_STATE_FILE)
                            Discord webhook URL: the environment variable or 0600 file the fleet file's discord section names
                            (default SIGIL_DISCORD_WEBHOOK_URL). HTTP: /health and /prometheus on SIGIL_MONITOR_PORT (default 8090).""");
                    return;
                }
                default -> {
                    System.err.println("sigil-monitor: unknown argument " + args[i] + " (see --help)");
                    System.exit(64);
                }
            }
        }
        int refused = start(properties);
        if (refused != 0) {
            System.exit(refused);
        }
    }

    /**
     * Starts the monitor (Micronaut, then the checks) and returns 0 while it runs on, or — when it cannot start — logs
     * one line saying why and returns the exit code: 65 for invalid config (fleet file, Discord webhook URL), else 1.
     */
    static int start(Map<String, Object> properties) {
        ApplicationContext context = null;
        try {
            // not Micronaut.run: it logs a stack and exits 1 on its own; here a failure is one line and our exit code
            context = ApplicationContext.builder().mainClass(MonitorApplication.class).environments(ENVIRONMENT).banner(false)
                    .properties(properties).start();
            ApplicationContext started = context;
            Runtime.getRuntime().addShutdownHook(Threads.unstarted("monitor-shutdown", started::close, false));
            context.getBean(EmbeddedApplication.class).start();
            context.getBean(MonitorService.class).start();
            return 0;
        } catch (RuntimeException | Error e) {
            Throwable cause = e;
            while (cause.getCause() != null && !invalidConfig(cause)) {
                cause = cause.getCause();
            }
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            LOG.error("not starting: {}", oneLine(why));
            if (context != null) {
                context.close();
            }
            return invalidConfig(cause) ? 65 : 1;
        }
    }

    private static boolean invalidConfig(Throwable error) {
        return error instanceof InvalidConfigException || error instanceof Secret.SecretException;
    }

    /** The message on one line: an invalid config's list of problems joined with semicolons. */
    static String oneLine(String message) {
        return message.strip().replace(":\n  - ", ": ").replace("\n  - ", "; ").replaceAll("\\s*\\n\\s*", "; ");
    }
}
