package dev.sigil.fleet.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What every section of the bench shares: the figures and notes it adds, how often it repeats a run, its progress lines. */
final class BenchContext {

    final List<BenchFigure> figures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final int repeat;
    final Path overlays;
    private final PrintWriter err;

    BenchContext(int repeat, Path overlays, PrintWriter err) {
        this.repeat = repeat;
        this.overlays = overlays;
        this.err = err;
    }

    void progress(String line) {
        err.println("bench: " + line);
        err.flush();
    }

    /** " (run 2 of 3)", or nothing when each measurement runs once. */
    String runOf(int run) {
        return repeat == 1 ? "" : " (run " + run + " of " + repeat + ")";
    }

    void add(BenchFigure figure) {
        figures.add(figure);
    }

    PrintWriter err() {
        return err;
    }
}
