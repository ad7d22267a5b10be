package dev.sigil.fleet.session.store;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import dev.sigil.fleet.db.ledger.LedgerBinding;
import dev.sigil.fleet.db.ledger.ReplayTradeLedger;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import dev.sigil.fleet.db.ledger.ShadowStore;
import dev.sigil.fleet.db.session.SessionStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowExit;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.core.shadow.ShadowStop;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.strategy.EntrySignal;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay ledger on a real PostgreSQL: a checkpoint writes the buffered ticks, the engine state and the resume
 * point in one transaction — all or nothing — and the resume point never goes back.
 */
@ExtendWith(PostgresFixture.class)
class ReplayLedgerCheckpointTest {

    private static final Instant T = Instant.parse("2025-05-01T10:00:00Z");
    private static final ExitSettings WIDE = new ExitSettings("1h", 3.0, 2.5, 6.0, 1.0, 2.0, 0);

    private ApplicationContext context;
    private TestDatabase database;
    private ReplayTradeLedger ledger;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start(TestDatabase given) throws SQLException {
        database = given;
        context = RunnerContexts.onMigrated(given, Map.of());
        try (Connection connection = given.connect(); Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE positions, signals, symbol_protections, equity_snapshots, engine_state, scan_progress, sessions CASCADE");
        }
        long session = context.getBean(SessionStore.class).start("baseline", T, 7200, "h", "{}", "replay", "test", 1, true).id();
        ledger = new ReplayTradeLedger(context.getBean(TransactionOperations.class), context.getBean(ProgressStore.class),
                context.getBean(EngineStateStore.class), new LedgerBinding("baseline", session, "ema_cross_v001", "replay"),
                new java.util.ArrayDeque<>());
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private static EntryOrder order(String symbol, Instant at) {
        EntrySignal signal = new EntrySignal(symbol, at.minusSeconds(60), at, 100.123456789012345, Map.of("rsi", 55.0));
        return new EntryOrder(signal, at, 100.17351848213, 0.49913433071977117, 0.05, 97.1682129276661, 1.2345678901234567, at.plusSeconds(6 * 3600),
                java.util.List.of(new ShadowStop(new ShadowExit("hard_stop_multiplier=2.5", WIDE), 95.08730178447313)));
    }

    @Test
    void aCheckpointWritesTheTicksTheEngineStateAndTheResumePointTogether() throws Exception {
        long id = ledger.open(order("BTCUSDT", T)).positionId();
        ledger.rejected(new SignalRecord(order("ETHUSDT", T).signal(), false, "max_open_positions", 2.5));
        ledger.snapshot(new EquitySnapshot(T, 999.87, 0, 1));
        assertThat(count("SELECT count(*) FROM positions")).as("nothing before the checkpoint").isZero();

        ledger.checkpoint(new RunnerLedger.Checkpoint(T, Map.of("risk.peak_equity", "1000.0"), T));

        assertThat(count("SELECT count(*) FROM positions WHERE id = " + id + " AND status = 'open'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM symbol_protections WHERE symbol = 'BTCUSDT'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM signals")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM equity_snapshots")).isEqualTo(1);
        assertThat(text("SELECT value FROM engine_state WHERE key = 'risk.peak_equity'")).isEqualTo("1000.0");
        assertThat(text("SELECT resume_after::text FROM scan_progress")).isEqualTo("2025-05-01 10:00:00+00");
        assertThat(text("SELECT qty::text || ' ' || atr_at_entry::text FROM positions"))
                .as("the engine's doubles, exactly (a float8 cast would round them to 15 digits)")
                .isEqualTo(Double.toString(0.49913433071977117) + " " + Double.toString(1.2345678901234567));
    }

    @Test
    void shadowsGoInWithTheirEntryAndMoveAndCloseWithTheCheckpointsExactly() throws Exception {
        long id = ledger.open(order("BTCUSDT", T)).positionId();
        ledger.checkpoint(new RunnerLedger.Checkpoint(T, Map.of(), T));
        ShadowPosition shadow = ShadowStore.open(database.connect(), "baseline").getFirst();
        assertThat(shadow.positionId()).isEqualTo(id);
        assertThat(shadow.label()).isEqualTo("hard_stop_multiplier=2.5");
        assertThat(shadow.exit()).as("the exit section read back into the record").isEqualTo(WIDE);
        assertThat(shadow.state().stopPrice()).isEqualTo(95.08730178447313);
        assertThat(shadow.state().entryPrice()).isEqualTo(100.17351848213);

        Position raised = shadow.state().withTrail(104.123456789, 100.98765432109876);
        Instant later = T.plusSeconds(60);
        ledger.shadowsChanged(java.util.List.of(new ShadowPosition(shadow.label(), WIDE, raised)), java.util.List.of());
        assertThat(ShadowStore.open(database.connect(), "baseline").getFirst().state().trailActive()).as("not before the checkpoint").isFalse();
        ledger.checkpoint(new RunnerLedger.Checkpoint(later, Map.of(), later));
        assertThat(ShadowStore.open(database.connect(), "baseline").getFirst().state()).isEqualTo(raised);

        ledger.shadowsChanged(java.util.List.of(), java.util.List.of(new ClosedShadow(new ShadowPosition(shadow.label(), WIDE, raised),
                later.plusSeconds(60), 100.93, 0.0503, ExitReason.ATR_TRAIL, 0.27)));
        assertThat(ledger.pendingWrites()).isEqualTo(1);
        ledger.checkpoint(new RunnerLedger.Checkpoint(later.plusSeconds(60), Map.of(), later.plusSeconds(60)));
        assertThat(ShadowStore.open(database.connect(), "baseline")).isEmpty();
        assertThat(text("SELECT exit_reason || ' ' || realized_pnl || ' ' || trail_stop_price FROM shadow_exits"))
                .isEqualTo("atr_trail 0.27 100.98765432109876");
    }

    @Test
    void aRolloverWritesNothingUntilTheNextCheckpointWritesBothSessionsWholeInOneTransaction() throws Exception {
        SessionStore sessions = context.getBean(SessionStore.class);
        long first = ledger.open(order("BTCUSDT", T)).positionId();
        ledger.snapshot(new EquitySnapshot(T, 999, 0, 1));
        Instant rolled = T.plusSeconds(7200);
        ledger.endLater(new SessionStore.End(rolled, EndReason.DURATION_ELAPSED, T, rolled));
        java.util.List<Long> ids = sessions.reserveIds(2);
        ReplayTradeLedger second = next(ids.get(0), rolled, ledger);
        second.snapshot(new EquitySnapshot(rolled.plusSeconds(60), 1001, 0, 1));
        Instant rolledAgain = rolled.plusSeconds(7200);
        second.endLater(new SessionStore.End(rolledAgain, EndReason.DURATION_ELAPSED, rolled, rolledAgain));
        ReplayTradeLedger third = next(ids.get(1), rolledAgain, second);
        long opened = third.open(order("ETHUSDT", rolledAgain.plusSeconds(60))).positionId();

        assertThat(count("SELECT count(*) FROM sessions WHERE ended_at IS NULL")).as("nothing written by the rollovers").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sessions")).isEqualTo(1);
        assertThat(third.pendingWrites()).as("(entry, shadows, protection, signal, snapshot, end) + (snapshot, row) + (entry, shadows, protection, signal, row)")
                .isEqualTo(13);

        third.checkpoint(new RunnerLedger.Checkpoint(rolledAgain.plusSeconds(60), Map.of(), rolledAgain.plusSeconds(60)));

        assertThat(rows("SELECT id || ' ' || coalesce(end_reason, 'open') || ' ' || coalesce(market_end::text, '-') FROM sessions ORDER BY id"))
                .as("in time order, the ended ones whole, one open").containsExactly(
                        ledger.binding().sessionId() + " duration_elapsed 2025-05-01 12:00:00+00",
                        ids.get(0) + " duration_elapsed 2025-05-01 14:00:00+00",
                        ids.get(1) + " open -");
        assertThat(rows("SELECT session_id || ' ' || equity FROM equity_snapshots ORDER BY at"))
                .containsExactly(ledger.binding().sessionId() + " 999.0", ids.get(0) + " 1001.0");
        assertThat(rows("SELECT id || ' ' || session_id FROM positions ORDER BY id"))
                .containsExactly(first + " " + ledger.binding().sessionId(), opened + " " + ids.get(1));
        assertThat(text("SELECT session_id::text FROM scan_progress")).as("the resume point is the open session's").isEqualTo(ids.get(1).toString());
        assertThat(third.pendingWrites()).isZero();
        assertThat(ledger.pendingWrites()).isZero();
    }

    private ReplayTradeLedger next(long id, Instant started, ReplayTradeLedger predecessor) {
        return new ReplayTradeLedger(context.getBean(TransactionOperations.class), context.getBean(ProgressStore.class),
                context.getBean(EngineStateStore.class), new LedgerBinding("baseline", id, "ema_cross_v001", "replay"), new java.util.ArrayDeque<>(),
                new SessionStore.Deferred(id, "baseline", started, 7200, "h", "{}", "replay", "test", 1), predecessor);
    }

    private java.util.List<String> rows(String query) throws SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    @Test
    void aCheckpointThatFailsWritesNothingKeepsItsWritesAndTheNextOneWritesThemAll() throws Exception {
        ledger.open(order("BTCUSDT", T));
        ledger.checkpoint(new RunnerLedger.Checkpoint(T, Map.of(), T));
        Instant later = T.plusSeconds(60);
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee, stop_price,"
                    + " atr_at_entry, highest_price) SELECT 'baseline', id, 'SOLUSDT', 'open', now(), 1, 1, 0, 1, 0, 1 FROM sessions");
        }
        ledger.open(order("SOLUSDT", later));
        ledger.snapshot(new EquitySnapshot(later, 998, 0, 2));

        assertThatThrownBy(() -> ledger.checkpoint(new RunnerLedger.Checkpoint(later, Map.of("risk.peak_equity", "1001.0"), later)))
                .hasMessageContaining("positions_one_open_per_symbol");
        assertThat(text("SELECT resume_after::text FROM scan_progress")).as("the resume point did not move").isEqualTo("2025-05-01 10:00:00+00");
        assertThat(count("SELECT count(*) FROM equity_snapshots")).isZero();
        assertThat(count("SELECT count(*) FROM engine_state")).isZero();
        assertThat(ledger.pendingWrites()).as("entry, shadows, protection, signal and snapshot kept").isEqualTo(5);

        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM positions WHERE symbol = 'SOLUSDT'");
        }
        ledger.checkpoint(new RunnerLedger.Checkpoint(later, Map.of("risk.peak_equity", "1001.0"), later));
        assertThat(count("SELECT count(*) FROM positions WHERE symbol = 'SOLUSDT'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM equity_snapshots")).isEqualTo(1);
        assertThat(text("SELECT value FROM engine_state WHERE key = 'risk.peak_equity'")).as("written again after the rollback").isEqualTo("1001.0");
        assertThat(text("SELECT resume_after::text FROM scan_progress")).isEqualTo("2025-05-01 10:01:00+00");
        assertThat(ledger.pendingWrites()).isZero();
    }

    @Test
    void theResumePointNeverGoesBackAndASignalOrSnapshotWrittenTwiceIsKeptOnce() throws Exception {
        ledger.rejected(new SignalRecord(order("ETHUSDT", T).signal(), false, "max_open_positions", 2.5));
        ledger.snapshot(new EquitySnapshot(T, 1000, 0, 0));
        ledger.checkpoint(new RunnerLedger.Checkpoint(T.plusSeconds(600), Map.of(), T));
        ledger.rejected(new SignalRecord(order("ETHUSDT", T).signal(), false, "position_open", 2.5));
        ledger.snapshot(new EquitySnapshot(T, 1000, 0, 0));
        ledger.checkpoint(new RunnerLedger.Checkpoint(T.plusSeconds(60), Map.of(), T));

        assertThat(text("SELECT resume_after::text FROM scan_progress")).isEqualTo("2025-05-01 10:10:00+00");
        assertThat(count("SELECT count(*) FROM signals")).isEqualTo(1);
        assertThat(text("SELECT reject_reason FROM signals")).as("the first decision stands").isEqualTo("max_open_positions");
        assertThat(count("SELECT count(*) FROM equity_snapshots")).isEqualTo(1);
    }

    @Test
    void aSessionStartClosesTheSessionADeadProcessLeftOpenInTheSameTransaction() throws Exception {
        SessionStore sessions = context.getBean(SessionStore.class);
        SessionStore.Started next = sessions.start("baseline", T.plusSeconds(5), 7200, "h", "{}", "replay", "test", 2, true);

        assertThat(next.aborted()).singleElement().satisfies(aborted -> assertThat(aborted.id()).isLessThan(next.id()));
        assertThat(text("SELECT string_agg(id || ' ' || coalesce(end_reason, 'open'), ', ' ORDER BY id) FROM sessions"))
                .isEqualTo(next.aborted().getFirst().id() + " aborted, " + next.id() + " open");
    }

    private long count(String query) throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private String text(String query) throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
