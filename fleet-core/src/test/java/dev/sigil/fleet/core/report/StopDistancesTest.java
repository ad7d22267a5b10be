package dev.sigil.fleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopDistancesTest {

    private static StopDistances.Stop stop(double entry, double pct) {
        return new StopDistances.Stop(entry, entry * (1 - pct / 100), 3.0, 6.0);
    }

    @Test
    void medianAndTheSharesClampedToFloorAndCap() {
        StopDistances distances = StopDistances.of(List.of(stop(101.37, 3.0), stop(0.0553, 3.0), stop(2500, 4.2), stop(17.4, 6.0), stop(88, 5.1)));

        assertThat(distances.positions()).isEqualTo(5);
        assertThat(distances.medianPct()).isCloseTo(4.2, within(1e-9));
        assertThat(distances.onFloor()).isEqualTo(0.4);
        assertThat(distances.onCap()).isEqualTo(0.2);
        assertThat(distances.toString()).isEqualTo("median 4.20 % · on the floor 40 % · on the cap 20 % (5 positions)");
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwoAndNoPositionsIsSaid() {
        assertThat(StopDistances.of(List.of(stop(100, 3.0), stop(100, 4.0), stop(100, 5.0), stop(100, 6.0))).medianPct()).isCloseTo(4.5, within(1e-9));
        assertThat(StopDistances.of(List.of()).toString()).isEqualTo("no positions");
    }
}
