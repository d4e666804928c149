package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.Stepper;

/**
 * The hot path does not allocate: after a warm-up, thousands of steps of each Langevin stepper (alternating two step
 * sizes, so the coefficient table is reused from its two slots or recomputed) and of the drift allocate almost
 * nothing on the calling thread (HotSpot's per-thread allocation counter).
 */
class LangevinAllocationTest {

    @Test
    void stepsAndDriftDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        SdeProblem problem = LangevinTestSupport.harmonicOscillator(0.0, 1.0, new double[] {0.3, -0.2},
                new double[] {0.1, 0.4}).toSdeProblem();
        for (Solver solver : new Solver[] {new Align(), new Should(), new Quicsort(), new Ubu()}) {
            Stepper s = solver.newStepper(problem);
            MutableBrownianIncrement inc = new MutableBrownianIncrement(2, LevyArea.SPACE_TIME_TIME);
            inc.w()[0] = 0.01;
            inc.h()[1] = 0.002;
            inc.k()[0] = 0.0005;
            double[] y0 = problem.initialState();
            double[] y1 = new double[4];
            double[] err = new double[4];
            run(s, y0, y1, err, inc, 4096);
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            run(s, y0, y1, err, inc, 4096);
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            String name = solver.properties().name();
            assertTrue(allocated < 1024, name + " allocated " + allocated + " bytes in 4096 steps");
        }
        double[] y = problem.initialState();
        double[] out = new double[4];
        for (int k = 0; k < 4096; k++) {
            problem.drift().evaluate(0.0, y, out);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int k = 0; k < 4096; k++) {
            problem.drift().evaluate(0.0, y, out);
        }
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 1024, "LangevinDrift allocated " + allocated + " bytes in 4096 evaluations");
    }

    private static void run(Stepper s, double[] y0, double[] y1, double[] err, MutableBrownianIncrement inc, int steps) {
        s.reset(0.0, y0);
        for (int k = 0; k < steps; k++) {
            double h = (k % 3 == 0) ? 1e-3 : (k % 3 == 1 ? 5e-4 : 2.5e-4);
            s.step(0.0, h, y0, inc, y1, err);
            s.accept();
            s.reset(0.0, y0); // restart from y0: the values do not matter here
        }
    }
}
