package dev.sigil.fleet.core.config;

/**
 * The effective config of one variant: {@code grid-overlays/base.yaml} merged with the variant's overlay (and any
 * {@code --set} pairs). Each section is a record; each key's meaning and allowed range sit on its component.
 * Immutable; built only by {@link ConfigResolver}, which validates everything first.
 */
public record SigilConfig(
        ScannerSettings scanner,
        MarketSettings market,
        StrategySettings strategy,
        EntrySettings entry,
        ExitSettings exit,
        SizingSettings sizing,
        PaperSettings paper,
        GuardSettings guard,
        RiskSettings risk) {
}
