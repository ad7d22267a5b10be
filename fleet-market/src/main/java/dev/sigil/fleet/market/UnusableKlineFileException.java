package dev.sigil.fleet.market;

import java.util.List;

/**
 * Kline files that cannot be read to their end (truncated or corrupt archive, I/O error, no CSV inside, no rows):
 * the replay must not run on them, since it would silently miss what they hold. The message is one line naming the
 * first file (and line) and how to go on; {@link #files()} lists them all. Input data error: exit 65.
 */
public final class UnusableKlineFileException extends RuntimeException {

    private final List<ReplayInputReport.UnusableFile> files;

    public UnusableKlineFileException(List<ReplayInputReport.UnusableFile> files) {
        super(describe(files));
        this.files = List.copyOf(files);
    }

    UnusableKlineFileException(ReplayInputReport.UnusableFile file) {
        this(List.of(file));
    }

    public List<ReplayInputReport.UnusableFile> files() {
        return files;
    }

    private static String describe(List<ReplayInputReport.UnusableFile> files) {
        ReplayInputReport.UnusableFile first = files.getFirst();
        String more = files.size() == 1 ? "" : " and " + (files.size() - 1) + " more (" + String.join(", ",
                files.subList(1, files.size()).stream().map(file -> file.file().getFileName() + " " + file.defect().token()).toList()) + ")";
        String them = files.size() == 1 ? "it" : "them";
        return "unusable kline file " + first.file() + ": " + first.problem() + more + "; fix or remove " + them
                + ", or pass --skip-bad-files to replay what can be read and go on with the next file";
    }
}
