package dev.sigil.fleet.cli.grid;

import java.nio.file.Path;
import java.util.List;

/**
 * One run of a grid backtest: a variant (or one sweep value on a variant) over the shared data, under its own name —
 * the name its database and its sessions carry.
 *
 * @param name the run's variant name ({@code baseline}, or {@code baseline-2_0} for a sweep value)
 * @param overlay the variant's overlay file
 * @param sets the {@code --set} pairs of this run (the data's universe and interval, the user's, the sweep value)
 * @param fingerprint SHA-256 of the data, the config, the code and the run options: equal means the result would be too
 */
public record GridRun(String name, Path overlay, List<String> sets, String fingerprint) {

    /** The database a run writes to: one per run, named for it. */
    public String database() {
        return "sigil_grid_" + name.replace('-', '_');
    }
}
