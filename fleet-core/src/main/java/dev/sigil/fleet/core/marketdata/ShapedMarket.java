package dev.sigil.fleet.core.marketdata;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Candles shaped like a crypto market's, seeded and deterministic, for benchmarks that should trade like the real
 * thing when no real dumps are at hand: volatility that clusters (GARCH(1,1) on the log return around the symbol's
 * {@link SymbolProfile} volatility; a crash's returns feed it, so a crash leaves hours of wild trading behind), fat tails, trends of random length and direction, rare crashes (a fall of 6–15 %
 * over minutes on heavy volume, then part of it won back) and gaps (stretches the exchange published nothing for).
 * {@link #next()} returns null for an interval inside a gap; the open time moves on either way.
 */
public final class ShapedMarket {

    /** GARCH(1,1): the weight of the last squared return and of the last variance. */
    private static final double ALPHA = 0.08;
    private static final double BETA = 0.90;
    /** A crash starts about once in this many days of candles, a gap about once in this many. */
    private static final double CRASH_EVERY_DAYS = 12;
    private static final double GAP_EVERY_DAYS = 8;

    private final SymbolProfile profile;
    private final Duration interval;
    private final SplittableRandom random;
    private final double meanVariance;
    private final double omega;
    private final double volumePerCandle;
    private final double crashChance;
    private final double gapChance;
    private Instant openTime;
    private double close;
    private double variance;
    private double lastReturn;
    private double trend;
    private int trendLeft;
    private int crashLeft;
    private double crashStep;
    private double crashDrop;
    private int reboundLeft;
    private double reboundStep;
    private int gapLeft;

    public ShapedMarket(long seed, String symbol, Duration interval, Instant start) {
        this.profile = SymbolProfile.of(symbol);
        this.interval = interval;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ symbol.hashCode() ^ 0x5DEECE66DL);
        double hours = interval.toSeconds() / 3600.0;
        double sigma = profile.hourlyVolatilityPct() / 100 * Math.sqrt(hours);
        this.meanVariance = sigma * sigma;
        this.omega = meanVariance * (1 - ALPHA - BETA);
        this.variance = meanVariance;
        this.volumePerCandle = profile.hourlyVolume() * hours;
        double perDay = 86_400.0 / interval.toSeconds();
        this.crashChance = 1 / (CRASH_EVERY_DAYS * perDay);
        this.gapChance = 1 / (GAP_EVERY_DAYS * perDay);
        this.openTime = start;
        this.close = profile.startPrice();
    }

    public String symbol() {
        return profile.symbol();
    }

    /** The open time of the interval {@link #next()} is about. */
    public Instant nextOpenTime() {
        return openTime;
    }

    /** The candle of the next interval, or null when the exchange published none for it (a gap). */
    public Candle next() {
        Instant closeTime = openTime.plus(interval);
        boolean published = gapLeft <= 0;
        if (gapLeft > 0) {
            gapLeft--;
        } else if (random.nextDouble() < gapChance) {
            gapLeft = 1 + random.nextInt(20);
        }
        double sigma = Math.sqrt(variance);
        double drift = nextDrift(sigma);
        // fat tails: one return in fifty is drawn three times wider
        double shock = random.nextGaussian() * (random.nextInt(50) == 0 ? 3 : 1);
        double change = drift + sigma * shock * (crashLeft > 0 ? 2.5 : 1);
        variance = omega + ALPHA * lastReturn * lastReturn + BETA * variance;
        lastReturn = change;
        double open = close;
        close = open * Math.exp(change);
        double wick = sigma * (crashLeft > 0 ? 1.5 : 0.5);
        double high = Math.max(open, close) * Math.exp(Math.abs(random.nextGaussian()) * wick);
        double low = Math.min(open, close) * Math.exp(-Math.abs(random.nextGaussian()) * wick);
        double heat = Math.min(6, Math.abs(change) / Math.sqrt(meanVariance));
        double volume = volumePerCandle * Math.exp(0.5 * random.nextGaussian()) * (1 + heat) * (crashLeft > 0 ? 6 : 1);
        Candle candle = published
                ? new Candle(profile.symbol(), openTime, closeTime, open, high, low, close, volume, volume * (high + low + close) / 3) : null;
        openTime = closeTime;
        return candle;
    }

    /** The drift of this interval's log return: a crash, its rebound, a trend, or none. */
    private double nextDrift(double sigma) {
        if (crashLeft > 0) {
            crashLeft--;
            if (crashLeft == 0) {
                // part of the fall is won back over the next hours
                reboundLeft = 60 + random.nextInt(180);
                reboundStep = -crashDrop * (0.3 + random.nextDouble() * 0.3) / reboundLeft;
            }
            return crashStep;
        }
        if (reboundLeft > 0) {
            reboundLeft--;
            return reboundStep;
        }
        if (random.nextDouble() < crashChance) {
            crashLeft = 5 + random.nextInt(26);
            crashDrop = Math.log(1 - (0.06 + random.nextDouble() * 0.09));
            crashStep = crashDrop / crashLeft;
            return nextDrift(sigma);
        }
        if (trendLeft-- <= 0) {
            trendLeft = 120 + random.nextInt(600);
            trend = random.nextInt(3) == 0 ? 0 : (random.nextBoolean() ? 1 : -1) * (0.03 + random.nextDouble() * 0.07) * Math.sqrt(meanVariance);
        }
        return trend;
    }
}
