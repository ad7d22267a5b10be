package dev.sigil.fleet.session;

import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.risk.RiskState;
import dev.sigil.fleet.core.shadow.ShadowExit;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.engine.ProgressStore;
import dev.sigil.fleet.db.ledger.ProtectionRow;
import dev.sigil.fleet.db.ledger.RunnerRepositories;
import dev.sigil.fleet.db.ledger.ShadowStore;
import dev.sigil.fleet.market.MarketDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine with what the variant's database remembers: open positions and their shadow exits, protections,
 * realized P&L, the risk state, a breaker reset made while the runner was down, and the resume point; and the same
 * ledger memory read again after a HALT.
 */
final class EngineRestore {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRestore.class);

    private final RunnerSettings settings;
    private final DataSource dataSource;
    private final RunnerRepositories repositories;
    private final EngineStateStore engineState;
    private final ProgressStore progress;

    EngineRestore(RunnerSettings settings, DataSource dataSource, RunnerRepositories repositories, EngineStateStore engineState, ProgressStore progress) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.repositories = repositories;
        this.engineState = engineState;
        this.progress = progress;
    }

    /** The resume point for this kind of market data, if the variant has one. */
    Instant resumePoint(String variant, MarketDataSource market) {
        Optional<ProgressStore.Progress> stored = progress.read(variant);
        if (stored.isEmpty()) {
            return null;
        }
        if (!stored.get().marketData().equals(market.kind())) {
            LOG.info("{}: the last run read {} market data; this {} run starts at its beginning", variant, stored.get().marketData(), market.kind());
            return null;
        }
        LOG.info("{}: resuming after {} (the newest candle of the last durable tick)", variant, stored.get().resumeAfter());
        return stored.get().resumeAfter();
    }

    /** The engine with what the database remembers: open positions, protections, realized P&L, risk state. */
    ScanEngine restored(SigilConfig config, String variant, Instant resumeAfter, RunnerMetrics metrics) throws SQLException {
        ScanEngine engine = new ScanEngine(config, EmaCrossStrategy.of(config.strategy()), null, metrics, repositories.positions().realizedPnlExact(variant));
        engine.restore(openPositions(variant), protections());
        engine.restoreShadows(openShadows(variant));
        var lastDay = engineState.lastExitDay(variant);
        engine.restoreRisk(RiskState.fromEngineState(engineState.readAll()), lastDay.map(Map.Entry::getKey).orElse(null),
                lastDay.map(Map.Entry::getValue).orElse(0.0), engineState.recentHardStopLosses(variant, config.risk().stoplossGuardLookbackMinutes()));
        engine.resumeAfter(resumeAfter);
        if (!engine.openPositions().isEmpty()) {
            LOG.info("{}: restored {} open position(s) from the database: {}", variant, engine.openPositions().size(),
                    engine.openPositions().stream().map(p -> p.symbol() + "#" + p.id()).toList());
        }
        try (Connection connection = dataSource.getConnection()) {
            long latestReset = BreakerStore.view(connection, variant).latestReset();
            if (engine.acknowledgeBreakerReset(latestReset)) {
                LOG.warn("{}: a person reset the circuit breaker while the runner was down (event {}); risk limits re-based on the account as it stands",
                        variant, latestReset);
            }
        }
        return engine;
    }

    /** After a HALT: the engine's ledger memory becomes what the database holds. */
    void resync(ScanEngine engine, String variant) {
        engine.resync(openPositions(variant), openShadows(variant), protections(), repositories.positions().realizedPnlExact(variant));
        LOG.info("{}: the engine's positions and P&L were re-read from the database for the next session ({} open)", variant,
                engine.openPositions().size());
    }

    /**
     * The exit configurations the session's entries are shadowed under (research.shadow_exits; 'grid' reads the other
     * overlays' values of the grid key), logged when they change.
     */
    void followShadows(ScanEngine engine, SigilConfig config) {
        List<ShadowExit> shadows = new GridOverlays(settings.overlays()).shadowExits(config);
        if (!shadows.equals(engine.shadowExits())) {
            LOG.info("{}: every entry is also followed under {} (shadow exits, never traded)", settings.variant(),
                    shadows.isEmpty() ? "no other exit configuration" : shadows.stream().map(ShadowExit::label).toList());
        }
        engine.followShadows(shadows);
    }

    private List<Position> openPositions(String variant) {
        return repositories.positions().findOpen(variant).stream().map(row -> row.toPosition()).toList();
    }

    /** The open shadow exits, whose positions may have closed already. */
    private List<ShadowPosition> openShadows(String variant) {
        try (Connection connection = dataSource.getConnection()) {
            return ShadowStore.open(connection, variant);
        } catch (SQLException e) {
            throw new DataAccessException("the open shadow exits could not be read: " + e.getMessage(), e);
        }
    }

    private Map<String, Instant> protections() {
        return repositories.protections().findAll().stream().collect(Collectors.toMap(ProtectionRow::symbol, ProtectionRow::until));
    }
}
