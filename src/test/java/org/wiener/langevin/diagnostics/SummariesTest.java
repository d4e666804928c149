package org.wiener.langevin.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiener.langevin.target.LogisticRegression;

/** Summaries of [chain][draw][parameter] draws, R type-7 quantiles, the table, and test accuracy. */
class SummariesTest {

    @Test
    void quantilesAreRType7() {
        // 2 chains × 6 draws holding 1..12. Type 7: h = 11p → q5 = 1.55, q50 = 6.5, q95 = 11.45;
        // mean 6.5 and sd √13 (n − 1 denominator).
        double[][] draws = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};
        Summary s = Summaries.ofScalar("v", draws);
        assertEquals(1.55, s.q5(), 1e-14);
        assertEquals(6.5, s.q50(), 1e-14);
        assertEquals(11.45, s.q95(), 1e-14);
        assertEquals(6.5, s.mean(), 1e-14);
        assertEquals(Math.sqrt(13), s.sd(), 1e-14);
    }

    @Test
    void summarisesEveryParameterInOrder() throws Exception {
        double[][] a = StanFixtureTest.draws("ar09");
        double[][] b = StanFixtureTest.draws("shifted");
        double[][][] draws = new double[4][1000][2];
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 1000; i++) {
                draws[c][i][0] = a[c][i];
                draws[c][i][1] = b[c][i];
            }
        }
        List<Summary> summaries = Summaries.of(draws, List.of("alpha", "beta"));
        assertEquals(2, summaries.size());
        assertEquals(Summaries.ofScalar("alpha", a), summaries.get(0));
        assertEquals(Summaries.ofScalar("beta", b), summaries.get(1));
        String table = Summaries.table(summaries);
        assertTrue(table.startsWith("parameter"), table);
        assertTrue(table.contains("alpha") && table.contains("beta") && table.contains("1.159"), table);
        assertEquals(3, table.split("\n").length);
    }

    @Test
    void badInputNamesChainDrawAndParameter() {
        double[][][] ok = new double[2][6][2];
        rejects(() -> Summaries.of(ok, List.of("a")), "chain 0", "draw 0", "1 value", "got 2");
        rejects(() -> Summaries.of(ok, List.of()), "names");
        rejects(() -> Summaries.of(new double[0][][], List.of("a", "b")), "at least one chain");
        rejects(() -> Summaries.of(new double[][][] {new double[6][2], new double[5][2]}, List.of("a", "b")),
                "chain 1", "5");
        double[][][] nan = new double[2][6][2];
        nan[1][4][1] = Double.NaN;
        rejects(() -> Summaries.of(nan, List.of("a", "b")), "chain 1", "draw 4", "parameter b", "NaN");
        rejects(() -> Summaries.of(new double[2][5][1], List.of("a")), "at least 6");
    }

    @Test
    void testAccuracyAveragesOverDraws() {
        // Tiny data (see LogisticRegressionTest): the first draw classifies all three rows right, the second
        // one of three.
        LogisticRegression tiny = LogisticRegression.fromCsv("tiny.csv",
                new StringReader("a,y,b\n1,0,2\n2,1,0\n3,1,1\n"));
        double[][] draws = {{0.7, -0.4, 0.2}, {0.7, -0.4, -0.7}};
        assertEquals((1.0 + 1.0 / 3.0) / 2.0, TestAccuracy.of(draws, tiny), 1e-15);
        rejects(() -> TestAccuracy.of(new double[0][], tiny), "at least one draw");
        rejects(() -> TestAccuracy.of(new double[][] {{1, 2}}, tiny), "draws[0]", "3", "got 2");
    }

    private static void rejects(org.junit.jupiter.api.function.Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }
}
