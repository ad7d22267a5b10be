package dev.sigil.fleet.session.store;

import dev.sigil.fleet.db.ledger.WarmUpCandles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A live warm-up's candles written while they are fed, on a real PostgreSQL; none lost when a write fails. */
@ExtendWith(PostgresFixture.class)
class WarmUpCandlesTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final int SYMBOLS = 1_000;
    private static ApplicationContext context;
    private static TestDatabase database;

    @BeforeAll
    static void start(TestDatabase given) {
        database = given;
        context = RunnerContexts.onMigrated(given, Map.of());
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void candlesAreWrittenWhileTheyComeAndTheRestAtTheEnd() throws SQLException {
        execute("TRUNCATE market_candles");
        WarmUpCandles recorder = recorder();
        int steps = WarmUpCandles.WRITE_AT / SYMBOLS;

        for (int i = 0; i < steps - 1; i++) {
            recorder.add(step(i));
        }
        assertThat(recorded()).as("held until " + WarmUpCandles.WRITE_AT).isZero();
        recorder.add(step(steps - 1));
        assertThat(recorded()).as("written as they reach " + WarmUpCandles.WRITE_AT).isEqualTo(WarmUpCandles.WRITE_AT);
        recorder.add(step(steps));

        assertThat(recorder.finish()).as("nothing left for the ledger").isEmpty();
        assertThat(recorded()).isEqualTo(WarmUpCandles.WRITE_AT + SYMBOLS);
        assertThat(recorder.describe()).isEqualTo((WarmUpCandles.WRITE_AT + SYMBOLS) + " candles over " + (steps + 1) + " time steps");
    }

    @Test
    void afterAFailedWriteEveryCandleNotWrittenIsHandedToTheLedgerInOrder() throws SQLException {
        execute("TRUNCATE market_candles");
        WarmUpCandles recorder = recorder();
        int steps = WarmUpCandles.WRITE_AT / SYMBOLS;
        execute("ALTER TABLE market_candles RENAME TO market_candles_away");
        try {
            for (int i = 0; i < steps; i++) {
                recorder.add(step(i));
            }
        } finally {
            execute("ALTER TABLE market_candles_away RENAME TO market_candles");
        }
        for (int i = steps; i < 2 * steps; i++) {
            recorder.add(step(i));
        }

        List<Candle> left = recorder.finish();

        assertThat(recorded()).as("no more tries once one failed: a database that is away would stall the warm-up").isZero();
        assertThat(left).hasSize(2 * steps * SYMBOLS);
        assertThat(left).extracting(Candle::openTime).isSorted();
        assertThat(left.getLast().openTime()).isEqualTo(START.plus(Duration.ofMinutes(2 * steps - 1)));
        assertThat(recorder.describe()).endsWith(", " + left.size() + " not recorded yet");
    }

    @SuppressWarnings("unchecked")
    private static WarmUpCandles recorder() {
        return new WarmUpCandles(context.getBean(TransactionOperations.class), "baseline");
    }

    /** One open time, every symbol; the list is reused after the call, as the synthetic market does. */
    private static List<Candle> step(int minute) {
        List<Candle> step = new ArrayList<>(SYMBOLS);
        Instant open = START.plus(Duration.ofMinutes(minute));
        for (int s = 0; s < SYMBOLS; s++) {
            step.add(new Candle("S" + s + "USDT", open, open.plusSeconds(60), 100, 101, 99, 100.5, 1, 100));
        }
        return step;
    }

    private static long recorded() throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery("SELECT count(*) FROM market_candles")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
