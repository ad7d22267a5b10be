package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.EmbeddedDefault;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import java.io.PrintWriter;
import java.sql.SQLException;

/** The embedded default, handing out fresh migrated databases for each figure. */
final class BenchDatabases implements AutoCloseable {

    private final EmbeddedDefault embedded;

    private BenchDatabases(EmbeddedDefault embedded) {
        this.embedded = embedded;
    }

    static BenchDatabases start(PrintWriter progress) {
        return new BenchDatabases(EmbeddedDefault.start(progress));
    }

    DatabaseTarget fresh(String name) throws SQLException {
        return embedded.freshDatabase(name);
    }

    DatabaseTarget existing(String name) {
        return embedded.existing(name);
    }

    DatabaseTarget maintenance() {
        return embedded.maintenance();
    }

    @Override
    public void close() {
        embedded.close();
    }
}
