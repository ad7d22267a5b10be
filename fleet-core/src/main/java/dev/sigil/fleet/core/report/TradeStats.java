package dev.sigil.fleet.core.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run of closed trades amounts to: how many, by exit reason, the win rate, the average win and loss and
 * their ratio, the expectancy (mean realized P&L per trade) and the total. A trade with P&L exactly 0 counts as a
 * loss (fees make a true zero rare).
 */
public record TradeStats(int trades, Map<String, Integer> exitReasons, int wins, double winRate, double averageWin,
                         double averageLoss, double winLossRatio, double expectancy, double realizedPnl) {

    /** One closed trade: its exit reason token and realized P&L. */
    public record Trade(String exitReason, double realizedPnl) {
    }

    public static TradeStats of(List<Trade> trades) {
        Map<String, Integer> reasons = new TreeMap<>();
        int wins = 0;
        double won = 0;
        double lost = 0;
        double total = 0;
        for (Trade trade : trades) {
            reasons.merge(trade.exitReason(), 1, Integer::sum);
            total += trade.realizedPnl();
            if (trade.realizedPnl() > 0) {
                wins++;
                won += trade.realizedPnl();
            } else {
                lost += trade.realizedPnl();
            }
        }
        int losses = trades.size() - wins;
        double averageWin = wins == 0 ? 0 : won / wins;
        double averageLoss = losses == 0 ? 0 : lost / losses;
        return new TradeStats(trades.size(), reasons, wins, trades.isEmpty() ? 0 : (double) wins / trades.size(), averageWin,
                averageLoss, averageLoss == 0 ? Double.NaN : averageWin / Math.abs(averageLoss),
                trades.isEmpty() ? 0 : total / trades.size(), total);
    }

    /** The share of trades that ended with {@code reason}, 0 when there were none. */
    public double share(String reason) {
        return trades == 0 ? 0 : (double) exitReasons.getOrDefault(reason, 0) / trades;
    }
}
