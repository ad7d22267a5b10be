package dev.sigil.fleet.db.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Candles recorded in batches of {@link LedgerStore#CANDLE_BATCH} on a real PostgreSQL: none lost at a batch's edge. */
@ExtendWith(PostgresFixture.class)
class CandleRecordsTest {

    @Test
    void everyCandleIsRecordedWhateverItsPlaceInTheBatchesAndOneThatIsNotANumberIsLeftOut(TestDatabase database) throws Exception {
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            for (int count : new int[] {LedgerStore.CANDLE_BATCH, 2 * LedgerStore.CANDLE_BATCH + 1}) {
                sql.execute("TRUNCATE market_candles");
                List<Candle> candles = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Instant open = start.plus(Duration.ofMinutes(i));
                    candles.add(new Candle(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", open, open.plusSeconds(60), 100 + i, 101 + i, 99 + i, 100.5 + i, 1, 100));
                }
                candles.add(new Candle("SOLUSDT", start, start.plusSeconds(60), Double.NaN, 1, 1, 1, 1, 1));

                LedgerStore.candles(connection, candles);

                try (ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT open_time), max(close)::float8, count(*) FILTER (WHERE symbol = 'SOLUSDT') FROM market_candles")) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("%d candles", count).isEqualTo(count);
                    assertThat(rows.getInt(2)).isEqualTo(count);
                    assertThat(rows.getDouble(3)).as("the last one too").isEqualTo(100.5 + count - 1);
                    assertThat(rows.getInt(4)).as("not a number: not recorded").isZero();
                }
            }
        }
    }

    @Test
    void pricesAreTheExactDecimalOfTheDoubleAndTimesKeepTheirMicroseconds(TestDatabase database) throws Exception {
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        double[] hard = {0.1 + 0.2, 1 / 3.0, 1e-9 / 3, 123456.78901234567, Double.MIN_NORMAL, Double.MAX_VALUE};
        Instant open = Instant.parse("2026-01-01T00:00:00.123456Z");
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < hard.length; i++) {
            candles.add(new Candle("X" + i + "USDT", open, open.plusSeconds(60), hard[i], hard[i], hard[i], hard[i], hard[i], hard[i]));
        }
        candles.add(candles.getFirst());
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE market_candles");

            LedgerStore.candles(connection, candles);

            for (int i = 0; i < hard.length; i++) {
                try (ResultSet row = sql.executeQuery("SELECT open::text, quote_volume::text, open_time = '2026-01-01T00:00:00.123456Z' FROM market_candles WHERE symbol = 'X" + i + "USDT'")) {
                    assertThat(row.next()).isTrue();
                    assertThat(new java.math.BigDecimal(row.getString(1))).as("%s", hard[i]).isEqualByComparingTo(new java.math.BigDecimal(Double.toString(hard[i])));
                    assertThat(Double.parseDouble(row.getString(2))).isEqualTo(hard[i]);
                    assertThat(row.getBoolean(3)).as("the open time to the microsecond").isTrue();
                    assertThat(row.next()).as("a candle handed twice is recorded once").isFalse();
                }
            }
        }
    }
}
