package dev.sigil.fleet.core.marketdata;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic random walk of candles for one symbol, with regimes: calm, trending up, trending down
 * and wild stretches of random length switch at random. The same seed, symbol, interval and start give the same
 * candles, whoever asks and however often. Volume is lognormal with occasional spikes, and quote volume is
 * volume × the candle's typical price, so {@code quoteVolume / volume} is a plausible VWAP.
 */
public final class SyntheticMarket {

    private enum Regime {
        CALM(0.6, 0.0), TREND_UP(1.0, 0.08), TREND_DOWN(1.0, -0.08), WILD(2.0, 0.0);

        final double volatilityFactor;
        final double driftInSigmas;

        Regime(double volatilityFactor, double driftInSigmas) {
            this.volatilityFactor = volatilityFactor;
            this.driftInSigmas = driftInSigmas;
        }
    }

    private final SymbolProfile profile;
    private final Duration interval;
    private final SplittableRandom random;
    private final double sigma;
    private final double volumePerCandle;
    private Instant openTime;
    private double close;
    private Regime regime = Regime.CALM;
    private int regimeLeft;

    public SyntheticMarket(long seed, String symbol, Duration interval, Instant start) {
        this.profile = SymbolProfile.of(symbol);
        this.interval = interval;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ symbol.hashCode());
        double hours = interval.toSeconds() / 3600.0;
        this.sigma = profile.hourlyVolatilityPct() / 100 * Math.sqrt(hours);
        this.volumePerCandle = profile.hourlyVolume() * hours;
        this.openTime = start;
        this.close = profile.startPrice();
    }

    public String symbol() {
        return profile.symbol();
    }

    /** The open time of the candle {@link #next()} returns. */
    public Instant nextOpenTime() {
        return openTime;
    }

    public Candle next() {
        if (regimeLeft-- <= 0) {
            regime = Regime.values()[random.nextInt(Regime.values().length)];
            regimeLeft = 60 + random.nextInt(540);
        }
        double candleSigma = sigma * regime.volatilityFactor;
        double open = close;
        double change = candleSigma * (regime.driftInSigmas + random.nextGaussian());
        close = open * Math.exp(change);
        double high = Math.max(open, close) * Math.exp(Math.abs(random.nextGaussian()) * candleSigma * 0.5);
        double low = Math.min(open, close) * Math.exp(-Math.abs(random.nextGaussian()) * candleSigma * 0.5);
        double volume = volumePerCandle * Math.exp(0.5 * random.nextGaussian()) * (random.nextInt(100) < 3 ? 3.5 : 1.0);
        double typical = (high + low + close) / 3;
        Instant closeTime = openTime.plus(interval);
        Candle candle = new Candle(profile.symbol(), openTime, closeTime, open, high, low, close, volume, volume * typical);
        openTime = closeTime;
        return candle;
    }
}
