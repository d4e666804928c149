package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;

class StochasticTableauTest {

    @Test
    void sparkViewHoldsThePublishedGeneralTableau() {
        // solvers.md §5.4, x1 = (3 − √3)/6, x2 = √3/3.
        double x1 = (3 - Math.sqrt(3)) / 6;
        double x2 = Math.sqrt(3) / 3;
        StochasticTableau t = SPaRK.tableau();
        assertEquals("spark", t.name());
        assertEquals(3, t.stages());
        assertFalse(t.additive());
        assertTrue(t.hasErrorEstimate());
        assertEquals(LevyArea.SPACE_TIME, t.levyArea());
        assertArrayEquals(new double[] {0, 0.5, 1}, t.c(), 0.0);
        assertArrayEquals(new double[] {0.5}, t.a()[1], 0.0);
        assertArrayEquals(new double[] {0, 1}, t.a()[2], 0.0);
        assertEquals(0, t.a()[0].length);
        assertArrayEquals(new double[] {x1, x2, x1}, t.b(), 1e-16);
        assertArrayEquals(new double[] {x1 - 0.5, x2, x1 - 0.5}, t.bErr(), 1e-16);
        assertArrayEquals(new double[] {Math.sqrt(3)}, t.aH()[1], 0.0);
        assertArrayEquals(new double[] {0, 0}, t.aH()[2], 0.0);
        assertArrayEquals(new double[] {0.5}, t.aW()[1], 0.0);
        assertArrayEquals(new double[] {x1, x2, x1}, t.bW(), 1e-16);
        assertArrayEquals(new double[] {x1 - 0.5, x2, x1 - 0.5}, t.bWErr(), 1e-16);
        assertArrayEquals(new double[] {1, 0, -1}, t.bH(), 0.0);
        assertArrayEquals(new double[] {1, 0, -1}, t.bHErr(), 0.0);
        assertNull(t.aK());
        assertNull(t.bK());
        assertNull(t.stageW());
        assertTrue(Double.isNaN(t.weightW()));
        assertArrayEquals(new boolean[3], t.ignoreF());
        assertArrayEquals(new boolean[3], t.ignoreG());
    }

    @Test
    void additiveViewsHoldThePublishedTableaus() {
        // solvers.md §5.1 (ShARK) and §5.2 (SRA1).
        StochasticTableau shark = ShARK.tableau();
        assertEquals("shark", shark.name());
        assertTrue(shark.additive());
        assertArrayEquals(new double[] {0, 5.0 / 6}, shark.c(), 0.0);
        assertArrayEquals(new double[] {5.0 / 6}, shark.a()[1], 0.0);
        assertArrayEquals(new double[] {0.4, 0.6}, shark.b(), 0.0);
        assertArrayEquals(new double[] {-0.6, 0.6}, shark.bErr(), 0.0);
        assertArrayEquals(new double[] {0, 5.0 / 6}, shark.stageW(), 0.0);
        assertArrayEquals(new double[] {1, 1}, shark.stageH(), 0.0);
        assertNull(shark.stageK());
        assertEquals(1.0, shark.weightW());
        assertEquals(0.0, shark.weightH());
        assertNull(shark.aW());
        assertNull(shark.bW());
        StochasticTableau sra1 = SRA1.tableau();
        assertEquals("sra1", sra1.name());
        assertArrayEquals(new double[] {0, 1.5}, sra1.stageH(), 0.0);
        assertArrayEquals(new double[] {-2.0 / 3, 2.0 / 3}, sra1.bErr(), 0.0);
    }

    @Test
    void combinedStageViewsHoldTheirTableaus() {
        // solvers.md §3: Heun a21 = 1, b = (1/2, 1/2); Midpoint a21 = 1/2, b = (0, 1); Ralston a21 = 2/3, b = (1/4, 3/4).
        SdeRungeKuttaTableau heun = Heun.tableau();
        assertEquals("heun", heun.name());
        assertEquals(2, heun.stages());
        assertArrayEquals(new double[] {0, 1}, heun.c(), 0.0);
        assertArrayEquals(new double[] {1}, heun.a()[1], 0.0);
        assertArrayEquals(new double[] {0.5, 0.5}, heun.b(), 0.0);
        assertArrayEquals(new double[] {0.5, -0.5}, heun.bErr(), 0.0);
        assertArrayEquals(new double[] {0.5}, Midpoint.tableau().a()[1], 0.0);
        assertArrayEquals(new double[] {0, 1}, Midpoint.tableau().b(), 0.0);
        assertEquals("ralston", Ralston.tableau().name());
        assertArrayEquals(new double[] {0.25, 0.75}, Ralston.tableau().b(), 0.0);
        heun.a()[1][0] = 99;
        heun.bErr()[0] = 99;
        assertEquals(1.0, Heun.tableau().a()[1][0]);
        assertEquals(0.5, heun.bErr()[0]);
    }

    @Test
    void accessorsReturnCopies() {
        StochasticTableau t = SPaRK.tableau();
        t.c()[1] = 99;
        t.a()[1][0] = 99;
        t.aH()[1][0] = 99;
        t.bW()[0] = 99;
        t.ignoreF()[0] = true;
        StochasticTableau again = SPaRK.tableau();
        assertEquals(0.5, again.c()[1]);
        assertEquals(0.5, again.a()[1][0]);
        assertEquals(Math.sqrt(3), again.aH()[1][0]);
        assertEquals((3 - Math.sqrt(3)) / 6, again.bW()[0]);
        assertFalse(again.ignoreF()[0]);
        // The solver itself is untouched: its tableau still has the published stage time.
        assertEquals(0.5, SPaRK.TABLEAU.c[1]);
        ShARK.tableau().stageH()[0] = 99;
        assertEquals(1.0, ShARK.TABLEAU.aHAdd[0]);
    }
}
