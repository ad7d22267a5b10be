package dev.sigil.fleet.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The indicators against published reference values: StockCharts ChartSchool's worked examples (full-precision
 * copies in gbeced/pyalgotrade testcases/data/sc-ema-10.csv and rsi-test.csv; the ATR example's inputs in
 * testcases/technical_atr_test.py) and TA-Lib's regression dataset with the values TA-Lib's tests pin.
 */
class IndicatorReferenceTest {

    static final double[] EMA_CLOSE = {
        22.2734, 22.1940, 22.0847, 22.1741, 22.1840, 22.1344, 22.2337, 22.4323, 22.2436, 22.2933,
        22.1542, 22.3926, 22.3816, 22.6109, 23.3558, 24.0519, 23.7530, 23.8324, 23.9516, 23.6338,
        23.8225, 23.8722, 23.6537, 23.1870, 23.0976, 23.3260, 22.6805, 23.0976, 22.4025, 22.1725
    };
    /** StockCharts 10-day EMA (pyalgotrade sc-ema-10.csv, 5 decimals), bars 9..29. */
    static final double[] EMA10_PUBLISHED = {
        22.22475, 22.21192, 22.24477, 22.26965, 22.33170, 22.51790, 22.79681,
        22.97066, 23.12734, 23.27721, 23.34204, 23.42940, 23.50991, 23.53605,
        23.47259, 23.40441, 23.39015, 23.26112, 23.23139, 23.08068, 22.91556
    };

    static final double[] RSI_CLOSE = {
        44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826,
        45.8931, 46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439,
        46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672,
        43.4205, 42.6628, 43.1314
    };
    /** StockCharts RSI(14) (pyalgotrade rsi-test.csv, 8 decimals), bars 14..32. */
    static final double[] RSI14_PUBLISHED = {
        70.53278948, 66.31856181, 66.54982994, 69.40630534, 66.35516906, 57.97485571,
        62.92960675, 63.25714756, 56.05929872, 62.37707144, 54.70757308, 50.42277441,
        39.98982315, 41.46048198, 41.86891609, 45.46321245, 37.30404209, 33.07952299,
        37.77295211
    };

    static final double[] ATR_HIGH = {
        48.70, 48.72, 48.90, 48.87, 48.82, 49.05, 49.20, 49.35, 49.92, 50.19,
        50.12, 49.66, 49.88, 50.19, 50.36, 50.57, 50.65, 50.43, 49.63, 50.33,
        50.29, 50.17, 49.32, 48.50, 48.32, 46.80, 47.80, 48.39, 48.66, 48.79
    };
    static final double[] ATR_LOW = {
        47.790, 48.140, 48.390, 48.370, 48.240, 48.635, 48.940, 48.860, 49.500, 49.870,
        49.200, 48.900, 49.430, 49.725, 49.260, 50.090, 50.300, 49.210, 48.980, 49.610,
        49.200, 49.430, 48.080, 47.640, 41.550, 44.283, 47.310, 47.200, 47.900, 47.730
    };
    static final double[] ATR_CLOSE = {
        48.160, 48.610, 48.750, 48.630, 48.740, 49.030, 49.070, 49.320, 49.910, 50.130,
        49.530, 49.500, 49.750, 50.030, 50.310, 50.520, 50.410, 49.340, 49.370, 50.230,
        49.238, 49.930, 48.430, 48.180, 46.570, 45.410, 47.770, 47.720, 48.620, 47.850
    };
    /** TA-Lib TA_ATR(14) on the StockCharts ATR example's bars (TA-Lib Java 0.4.0), bars 14..29. */
    static final double[] ATR14_TALIB = {
        0.5685714285714286, 0.5622448979591835, 0.5470845481049562, 0.5951499375260306,
        0.5990677991313146, 0.6248486706219349, 0.6580737655775107, 0.6776399251791173,
        0.7613799305234662, 0.7684242212003615, 1.1971082054003357, 1.2913861907288828,
        1.3698586056768198, 1.3570115624141896, 1.3272250222417472, 1.3081375206530512
    };

    @Test
    void emaIsSeededBySmaAndMatchesStockChartsTenDayExample() {
        Ema ema = new Ema(10);
        for (int i = 0; i < EMA_CLOSE.length; i++) {
            ema.update(EMA_CLOSE[i]);
            if (i < 9) {
                assertThat(ema.ready()).isFalse();
                assertThat(ema.value()).isNaN();
            } else {
                assertThat(ema.value()).as("bar %d", i).isCloseTo(EMA10_PUBLISHED[i - 9], within(5e-6));
            }
        }
    }

    @Test
    void rsiWithWilderSmoothingMatchesStockChartsExample() {
        Rsi rsi = new Rsi(14);
        for (int i = 0; i < RSI_CLOSE.length; i++) {
            rsi.update(RSI_CLOSE[i]);
            if (i < 14) {
                assertThat(rsi.value()).isNaN();
            } else {
                assertThat(rsi.value()).as("bar %d", i).isCloseTo(RSI14_PUBLISHED[i - 14], within(5e-8));
            }
        }
    }

    @Test
    void atrWithWilderSmoothingMatchesTaLib() {
        Atr atr = new Atr(14);
        for (int i = 0; i < ATR_HIGH.length; i++) {
            atr.update(ATR_HIGH[i], ATR_LOW[i], ATR_CLOSE[i]);
            if (i < 14) {
                assertThat(atr.value()).isNaN();
            } else {
                assertThat(atr.value()).as("bar %d", i).isCloseTo(ATR14_TALIB[i - 14], within(1e-9));
            }
        }
    }

    @Test
    void longSeriesMatchTheValuesTaLibPinsOnItsRegressionData() {
        Ema ema = new Ema(10);
        Rsi rsi = new Rsi(14);
        Atr atr = new Atr(14);
        double[] close = TalibReferenceData.TALIB_REF_CLOSE;
        double[] emaAt = new double[close.length];
        double[] rsiAt = new double[close.length];
        double[] natrAt = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            ema.update(close[i]);
            rsi.update(close[i]);
            atr.update(TalibReferenceData.TALIB_REF_HIGH[i], TalibReferenceData.TALIB_REF_LOW[i], close[i]);
            emaAt[i] = ema.value();
            rsiAt[i] = rsi.value();
            natrAt[i] = 100 * atr.value() / close[i];
        }
        // TA-Lib truncates its published figures to 2 decimals and checks within ±0.01
        assertThat(emaAt[9]).isCloseTo(93.22, within(0.01));
        assertThat(emaAt[10]).isCloseTo(93.75, within(0.01));
        assertThat(emaAt[29]).isCloseTo(86.46, within(0.01));
        assertThat(emaAt[251]).isCloseTo(108.97, within(0.01));
        assertThat(rsiAt[14]).isCloseTo(49.14, within(0.01));
        assertThat(rsiAt[15]).isCloseTo(52.32, within(0.01));
        assertThat(rsiAt[16]).isCloseTo(46.07, within(0.01));
        assertThat(rsiAt[251]).isCloseTo(49.63, within(0.01));
        assertThat(natrAt[13]).isNaN();
        assertThat(natrAt[14]).isCloseTo(3.9321, within(1e-4));
        assertThat(natrAt[15]).isCloseTo(3.7576, within(1e-4));
        assertThat(natrAt[251]).isCloseTo(3.0229, within(1e-4));
    }

    @Test
    void rsiOfAFlatMarketIsZeroAndOfAMarketThatOnlyRisesIsHundred() {
        Rsi flat = new Rsi(3);
        Rsi rising = new Rsi(3);
        for (int i = 0; i < 5; i++) {
            flat.update(10);
            rising.update(10 + i);
        }
        assertThat(flat.value()).isZero();
        assertThat(rising.value()).isEqualTo(100);
    }

    @Test
    void rollingMeanIsTheMeanOfTheLastWindowAndDoesNotDrift() {
        RollingMean mean = new RollingMean(3);
        mean.update(1);
        mean.update(2);
        assertThat(mean.value()).isNaN();
        mean.update(3);
        assertThat(mean.value()).isEqualTo(2);
        mean.update(10);
        assertThat(mean.value()).isEqualTo(5);
        for (int i = 0; i < 3_000_000; i++) {
            mean.update(i % 2 == 0 ? 1e9 + 0.1 : 0.3);
        }
        mean.update(1);
        mean.update(2);
        mean.update(3);
        assertThat(mean.value()).isEqualTo(2);
    }
}
