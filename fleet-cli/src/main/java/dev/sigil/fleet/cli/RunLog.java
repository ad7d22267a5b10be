package dev.sigil.fleet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * A long run's log file, while the run lasts: everything the runner logs at INFO and above goes to the file (replaced
 * at each run), and the terminal gets only errors — a backtest over real data would otherwise print hundreds of guard
 * lines before its summary. With {@code --verbose} the terminal gets every line too.
 */
final class RunLog implements AutoCloseable {

    private static final String CONSOLE = "STDERR";

    private final Path file;
    private final Logger root;
    private final Level rootLevel;
    private final FileAppender<ILoggingEvent> appender;
    private final Appender<ILoggingEvent> console;
    private final ThresholdFilter errorsOnly;

    private RunLog(Path file, boolean verbose) {
        this.file = file;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.rootLevel = root.getLevel();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
        encoder.start();
        this.appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-log");
        appender.setFile(file.toString());
        appender.setAppend(false);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        this.console = root.getAppender(CONSOLE);
        if (verbose || console == null) {
            this.errorsOnly = null;
        } else {
            this.errorsOnly = new ThresholdFilter();
            errorsOnly.setLevel(Level.ERROR.levelStr);
            errorsOnly.start();
            console.addFilter(errorsOnly);
        }
    }

    /** Starts logging to {@code file} (its directory made if missing). */
    static RunLog open(Path file, boolean verbose) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directory of the log " + file + ": " + e.getMessage(), e);
        }
        return new RunLog(file, verbose);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(rootLevel);
        if (errorsOnly != null) {
            console.clearAllFilters();
        }
    }
}
