package dev.sigil.fleet.session.store;

import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import dev.sigil.fleet.db.ledger.LedgerBinding;
import dev.sigil.fleet.db.ledger.PostgresTradeLedger;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import dev.sigil.fleet.db.ledger.RunnerRepositories;
import dev.sigil.fleet.db.ledger.ShadowStore;
import dev.sigil.fleet.db.AdvisoryKeys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.engine.EntryOrder;
import dev.sigil.fleet.core.engine.EquitySnapshot;
import dev.sigil.fleet.core.engine.SignalRecord;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowExit;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.core.shadow.ShadowStop;
import dev.sigil.fleet.core.engine.EntryOutcome;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The entry path under contention, on a real PostgreSQL: the advisory lock, the re-check and the unique index. */
@ExtendWith(PostgresFixture.class)
class EntryRaceTest {

    private static final Instant NOW = Instant.parse("2025-02-01T10:00:00Z");
    private static ApplicationContext context;
    private static TestDatabase database;
    private static long sessionId;

    @BeforeAll
    static void start(TestDatabase given) throws SQLException {
        database = given;
        context = RunnerContexts.onMigrated(given, Map.of("datasources.default.maximum-pool-size", 60));
        try (Connection connection = given.connect(); Statement sql = connection.createStatement()) {
            ResultSet row = sql.executeQuery("INSERT INTO sessions (variant_id, started_at, duration_limit_s, config_hash, config_json)"
                    + " VALUES ('baseline', now(), 7200, 'h', '{}') RETURNING id");
            row.next();
            sessionId = row.getLong(1);
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @SuppressWarnings("unchecked")
    private static PostgresTradeLedger ledger() {
        return new PostgresTradeLedger(context.getBean(TransactionOperations.class), context.getBean(RunnerRepositories.class),
                context.getBean(ProgressStore.class), context.getBean(EngineStateStore.class),
                new LedgerBinding("baseline", sessionId, "ema_cross_v001", "binance"));
    }

    private static EntryOrder order(String symbol) {
        EntrySignal signal = new EntrySignal(symbol, NOW.minusSeconds(3600), NOW, 100, Map.of("rsi", 55.0));
        ExitSettings wide = new ExitSettings("1h", 3.0, 2.5, 6.0, 1.0, 2.0, 0);
        return new EntryOrder(signal, NOW, 100.05, 0.4997, 0.05, 97.05, 1.2, NOW.plusSeconds(6 * 3600),
                List.of(new ShadowStop(new ShadowExit("hard_stop_multiplier=2.5", wide), 97.05)));
    }

    @Test
    void fiftyThreadsEnteringTheSameSymbolAtOnceMakeExactlyOnePositionAndOneProtection() throws Exception {
        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<EntryOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            outcomes.add(pool.submit(() -> {
                PostgresTradeLedger ledger = ledger();
                ready.countDown();
                go.await();
                return ledger.open(order("SOLUSDT"));
            }));
        }
        ready.await();
        go.countDown();
        Map<String, Integer> byOutcome = new ConcurrentHashMap<>();
        for (Future<EntryOutcome> outcome : outcomes) {
            EntryOutcome result = outcome.get();
            byOutcome.merge(result.opened() ? "opened" : result.rejectReason(), 1, Integer::sum);
        }
        pool.shutdown();

        assertThat(byOutcome.get("opened")).isEqualTo(1);
        assertThat(byOutcome.keySet()).isSubsetOf("opened", EntryOutcome.LOCK_BUSY, EntryOutcome.POSITION_OPEN, EntryOutcome.COOLDOWN_ACTIVE);
        assertThat(count("SELECT count(*) FROM positions WHERE symbol = 'SOLUSDT'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM positions WHERE symbol = 'SOLUSDT' AND status = 'open'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM symbol_protections WHERE symbol = 'SOLUSDT'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM signals WHERE symbol = 'SOLUSDT' AND accepted")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM shadow_exits s JOIN positions p ON p.id = s.position_id WHERE p.symbol = 'SOLUSDT'"))
                .as("the shadow goes in with its position, once").isEqualTo(1);
    }

    @Test
    void liveAShadowMovesAndClosesWithTheTicksCheckpointNotBefore() throws SQLException {
        PostgresTradeLedger ledger = ledger();
        long id = ledger.open(order("DOTUSDT")).positionId();
        ShadowPosition shadow;
        try (Connection connection = database.connect()) {
            shadow = ShadowStore.open(connection, "baseline").stream().filter(open -> open.positionId() == id).findFirst().orElseThrow();
        }
        ShadowPosition raised = new ShadowPosition(shadow.label(), shadow.exit(), shadow.state().withTrail(103.5, 99.5));

        ledger.shadowsChanged(List.of(raised), List.of());
        assertThat(count("SELECT count(*) FROM shadow_exits WHERE position_id = " + id + " AND trail_stop_price IS NOT NULL"))
                .as("not before the checkpoint").isZero();
        ledger.checkpoint(new RunnerLedger.Checkpoint(NOW, Map.of(), NOW));
        assertThat(count("SELECT count(*) FROM shadow_exits WHERE position_id = " + id + " AND trail_stop_price = 99.5")).isEqualTo(1);

        ledger.shadowsChanged(List.of(), List.of(new ClosedShadow(raised, NOW.plusSeconds(60), 99.45, 0.05, ExitReason.ATR_TRAIL, -0.35)));
        ledger.checkpoint(new RunnerLedger.Checkpoint(NOW.plusSeconds(60), Map.of(), NOW.plusSeconds(60)));
        assertThat(count("SELECT count(*) FROM shadow_exits WHERE position_id = " + id + " AND status = 'closed' AND exit_reason = 'atr_trail'"))
                .isEqualTo(1);
        assertThat(ledger.pendingWrites()).isZero();
    }

    @Test
    void liveTheTicksRejectionsTrailMovesAndSnapshotGoInWithItsCheckpointOnce() throws SQLException {
        PostgresTradeLedger ledger = ledger();
        long id = ledger.open(order("NEARUSDT")).positionId();
        Position moved;
        try (Connection connection = database.connect()) {
            moved = ShadowStore.open(connection, "baseline").stream().filter(open -> open.positionId() == id).findFirst().orElseThrow()
                    .state().withTrail(104.25, 101.5);
        }
        // the next candle's signal, refused: the symbol is protected since the entry
        EntrySignal refused = new EntrySignal("NEARUSDT", NOW.minusSeconds(3540), NOW.plusSeconds(60), 100, Map.of("rsi", 55.0));

        ledger.trailsMoved(List.of(moved));
        ledger.rejected(new SignalRecord(refused, false, EntryOutcome.COOLDOWN_ACTIVE, 1.2));
        ledger.snapshot(new EquitySnapshot(NOW.plusSeconds(7), 1000.5, 0.25, 1));
        assertThat(ledger.pendingWrites()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM signals WHERE symbol = 'NEARUSDT' AND NOT accepted")).as("not before the checkpoint").isZero();
        assertThat(count("SELECT count(*) FROM positions WHERE id = " + id + " AND trail_stop_price IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM equity_snapshots WHERE at = '" + NOW.plusSeconds(7) + "'")).isZero();

        ledger.checkpoint(new RunnerLedger.Checkpoint(NOW, Map.of(), NOW));
        ledger.checkpoint(new RunnerLedger.Checkpoint(NOW, Map.of(), NOW.plusSeconds(60)));
        assertThat(count("SELECT count(*) FROM signals WHERE symbol = 'NEARUSDT' AND NOT accepted AND reject_reason = 'cooldown_active'"))
                .as("the rejection, once").isEqualTo(1);
        assertThat(count("SELECT violation_count FROM symbol_protections WHERE symbol = 'NEARUSDT'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM positions WHERE id = " + id + " AND highest_price = 104.25 AND trail_stop_price = 101.5")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM equity_snapshots WHERE at = '" + NOW.plusSeconds(7) + "' AND equity = 1000.5")).isEqualTo(1);
        assertThat(ledger.pendingWrites()).isZero();
    }

    @Test
    void cooldownWrittenAtOpenOutlivesThePositionAndRefusesTheNextEntry() throws SQLException {
        PostgresTradeLedger ledger = ledger();
        EntryOutcome first = ledger.open(order("ADAUSDT"));
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE positions SET status = 'closed', exit_time = now(), exit_price = 99, exit_fee = 0.05,"
                    + " exit_reason = 'hard_stop', realized_pnl = -1.5 WHERE id = " + first.positionId());
        }

        EntryOutcome second = ledger.open(order("ADAUSDT"));

        assertThat(first.opened()).isTrue();
        assertThat(second.rejectReason()).isEqualTo(EntryOutcome.COOLDOWN_ACTIVE);
        assertThat(count("SELECT count(*) FROM symbol_protections WHERE symbol = 'ADAUSDT' AND expires_at = '2025-02-01T16:00:00Z'")).isEqualTo(1);
    }

    @Test
    void entryLockHeldElsewhereSkipsTheSymbolThisCycle() throws Exception {
        try (Connection other = database.connect()) {
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT pg_advisory_xact_lock(" + AdvisoryKeys.entry("baseline", "XRPUSDT") + ")");

            assertThat(ledger().open(order("XRPUSDT")).rejectReason()).isEqualTo(EntryOutcome.LOCK_BUSY);
            other.rollback();
        }
        assertThat(ledger().open(order("XRPUSDT")).opened()).isTrue();
    }

    @Test
    void uniqueIndexViolationIsRecognisedAsARejectedEntryNotACrash() throws SQLException {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            String insert = "INSERT INTO positions (variant_id, session_id, symbol, status, entry_time, entry_price, qty, entry_fee,"
                    + " stop_price, atr_at_entry, highest_price) VALUES ('baseline', " + sessionId + ", 'LINKUSDT', 'open', now(), 15, 3, 0.05, 14.5, 0.1, 15)";
            sql.execute(insert);
            SQLException duplicate = null;
            try {
                sql.execute(insert);
            } catch (SQLException e) {
                duplicate = e;
            }
            assertThat((Object) duplicate).isNotNull();
            assertThat(PostgresTradeLedger.isUniqueViolation(new RuntimeException("wrapped", duplicate))).isTrue();
        }
        assertThat(ledger().open(order("LINKUSDT")).rejectReason()).isEqualTo(EntryOutcome.POSITION_OPEN);
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
