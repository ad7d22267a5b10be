package dev.sigil.fleet.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged (at the configured levels) while it is open, one string per event: level, logger, the formatted
 * message and, when an exception was logged, its whole stack trace text — so a test can assert that a secret appears in
 * no log line, the exceptions' messages included.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
        appender.setName("captured-logs-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(event -> event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()))).toList();
        }
    }

    /** The lines logged by loggers whose name starts with {@code prefix}. */
    public List<String> from(String prefix) {
        return lines().stream().filter(line -> line.substring(line.indexOf(' ') + 1).startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
