package dev.sigil.fleet.core.research;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures traders compare strategies by, for one variant's closed trades and equity curve. Expectancy is the mean
 * P&L per trade, in USD and in R (the position's initial risk); profit factor is gross win / gross loss; SQN is
 * √n × mean(R) / sd(R) (Van Tharp); Sharpe and Sortino are of daily returns (UTC days, last equity of each day),
 * annualised with √365 (crypto trades every day); time in market is the share of the curve's span with a position
 * open. A trade with P&L exactly 0 is a loss.
 */
public record VariantMetrics(int trades, Map<String, Integer> exitReasons, double winRate, double averageWin, double averageLoss,
                             double winLossRatio, double averageHardStopLoss, double averageTrailWin, double expectancyUsd,
                             double expectancyR, double profitFactor, double sqn, double maxDrawdownUsd, double maxDrawdownPct,
                             Instant drawdownPeak, Instant drawdownTrough, double sharpe, double sortino, int longestLosingStreak,
                             double timeInMarket, double realizedPnl) {

    public static VariantMetrics of(List<ClosedTrade> trades, List<EquityPoint> curve) {
        Map<String, Integer> reasons = new TreeMap<>();
        double won = 0;
        double lost = 0;
        int wins = 0;
        double hardStopLoss = 0;
        int hardStopLosses = 0;
        double trailWin = 0;
        int trailWins = 0;
        int streak = 0;
        int longest = 0;
        List<Double> r = new ArrayList<>();
        for (ClosedTrade trade : trades) {
            reasons.merge(trade.exitReason(), 1, Integer::sum);
            double pnl = trade.realizedPnl();
            if (pnl > 0) {
                wins++;
                won += pnl;
                streak = 0;
                if ("atr_trail".equals(trade.exitReason())) {
                    trailWin += pnl;
                    trailWins++;
                }
            } else {
                lost += pnl;
                longest = Math.max(longest, ++streak);
                if ("hard_stop".equals(trade.exitReason())) {
                    hardStopLoss += pnl;
                    hardStopLosses++;
                }
            }
            if (!Double.isNaN(trade.rMultiple())) {
                r.add(trade.rMultiple());
            }
        }
        int n = trades.size();
        int losses = n - wins;
        double averageWin = wins == 0 ? 0 : won / wins;
        double averageLoss = losses == 0 ? 0 : lost / losses;
        double meanR = Stats.mean(r);
        double sdR = Stats.sd(r);
        Drawdown drawdown = Drawdown.of(curve);
        List<Double> daily = dailyReturns(curve);
        double meanDaily = Stats.mean(daily);
        double sdDaily = Stats.sd(daily);
        double downside = Math.sqrt(daily.stream().mapToDouble(x -> Math.min(0, x) * Math.min(0, x)).sum() / Math.max(1, daily.size() - 1));
        return new VariantMetrics(n, reasons, n == 0 ? 0 : (double) wins / n, averageWin, averageLoss,
                averageLoss == 0 ? Double.NaN : averageWin / Math.abs(averageLoss),
                hardStopLosses == 0 ? Double.NaN : hardStopLoss / hardStopLosses, trailWins == 0 ? Double.NaN : trailWin / trailWins,
                n == 0 ? 0 : (won + lost) / n, meanR, lost == 0 ? Double.NaN : won / -lost,
                r.size() < 2 || sdR == 0 ? Double.NaN : Math.sqrt(r.size()) * meanR / sdR,
                drawdown.usd(), drawdown.pct(), drawdown.peak(), drawdown.trough(),
                daily.size() < 2 || sdDaily == 0 ? Double.NaN : meanDaily / sdDaily * Math.sqrt(365),
                daily.size() < 2 || downside == 0 ? Double.NaN : meanDaily / downside * Math.sqrt(365),
                longest, timeInMarket(trades, curve), won + lost);
    }

    /** Each UTC day's return, from the last equity of the day before to the last of the day. */
    static List<Double> dailyReturns(List<EquityPoint> curve) {
        TreeMap<LocalDate, Double> closes = new TreeMap<>();
        for (EquityPoint point : curve) {
            closes.put(LocalDate.ofInstant(point.at(), ZoneOffset.UTC), point.equity());
        }
        List<Double> returns = new ArrayList<>();
        Double previous = null;
        for (double close : closes.values()) {
            if (previous != null && previous > 0) {
                returns.add(close / previous - 1);
            }
            previous = close;
        }
        return returns;
    }

    /** The share of the curve's span during which at least one position was open. */
    static double timeInMarket(List<ClosedTrade> trades, List<EquityPoint> curve) {
        if (curve.size() < 2) {
            return Double.NaN;
        }
        Instant start = curve.getFirst().at();
        Instant end = curve.getLast().at();
        long span = Duration.between(start, end).toSeconds();
        if (span <= 0) {
            return Double.NaN;
        }
        List<ClosedTrade> sorted = trades.stream().sorted((a, b) -> a.entryTime().compareTo(b.entryTime())).toList();
        long held = 0;
        Instant from = null;
        Instant to = null;
        for (ClosedTrade trade : sorted) {
            Instant entry = trade.entryTime().isBefore(start) ? start : trade.entryTime();
            Instant exit = trade.exitTime().isAfter(end) ? end : trade.exitTime();
            if (!exit.isAfter(entry)) {
                continue;
            }
            if (to == null || entry.isAfter(to)) {
                held += to == null ? 0 : Duration.between(from, to).toSeconds();
                from = entry;
                to = exit;
            } else if (exit.isAfter(to)) {
                to = exit;
            }
        }
        held += to == null ? 0 : Duration.between(from, to).toSeconds();
        return (double) held / span;
    }

    /** The deepest fall of the curve from a running peak, in USD and percent of that peak, with its dates. */
    record Drawdown(double usd, double pct, Instant peak, Instant trough) {
        static Drawdown of(List<EquityPoint> curve) {
            double bestUsd = 0;
            double bestPct = 0;
            Instant bestPeak = null;
            Instant bestTrough = null;
            EquityPoint peak = null;
            for (EquityPoint point : curve) {
                if (peak == null || point.equity() > peak.equity()) {
                    peak = point;
                }
                double fall = peak.equity() - point.equity();
                if (fall > bestUsd) {
                    bestUsd = fall;
                    bestPct = peak.equity() > 0 ? fall / peak.equity() * 100 : 0;
                    bestPeak = peak.at();
                    bestTrough = point.at();
                }
            }
            return new Drawdown(bestUsd, bestPct, bestPeak, bestTrough);
        }
    }
}
