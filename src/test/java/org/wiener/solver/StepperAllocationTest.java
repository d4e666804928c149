package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.sde.Calculus;
import org.wiener.sde.SdeProblem;

/**
 * Steps do not allocate: after a warm-up, thousands of step/accept calls of each solver allocate (almost)
 * nothing on the calling thread (HotSpot's per-thread allocation counter).
 */
class StepperAllocationTest {

    @Test
    void stepsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        SdeProblem general = TestProblems.general(Calculus.STRATONOVICH);
        SdeProblem additive = TestProblems.additive();
        Object[][] cases = {
            {new Heun(), general}, {new Midpoint(), general}, {new Ralston(), general}, {new EulerHeun(), general},
            {new ItoMilstein(), general}, {new StratonovichMilstein(), general}, {new ReversibleHeun(), general},
            {new SPaRK(), general}, {new GeneralShARK(), general}, {new SlowRK(), general},
            {new ShARK(), additive}, {new SRA1(), additive}, {new SEA(), additive},
            {new StepDoubling(new ReversibleHeun()), general},
        };
        for (Object[] c : cases) {
            Solver solver = (Solver) c[0];
            SdeProblem problem = (SdeProblem) c[1];
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(2)
                    .tolerance(1e-6).levyArea(LevyArea.SPACE_TIME).seed(3).build();
            Stepper s = SolverTestSupport.newStepper(solver, problem, tree);
            MutableBrownianIncrement inc = new MutableBrownianIncrement(2, LevyArea.SPACE_TIME);
            double[] y = problem.initialState();
            double[] y1 = new double[2];
            double[] err = new double[2];
            int steps = 4096;
            double h = 1.0 / steps;
            // The same (fixed) increment each step: the tree is not under test here.
            tree.increment(0.0, h, inc);
            run(s, y, y1, err, inc, steps, h);
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            run(s, y, y1, err, inc, steps, h);
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            String name = solver.properties().name();
            assertTrue(allocated < 1024, name + " allocated " + allocated + " bytes in " + steps + " steps");
        }
    }

    private static void run(Stepper s, double[] y0, double[] y1, double[] err, MutableBrownianIncrement inc,
                            int steps, double h) {
        s.reset(0.0, y0);
        double[] y = y0.clone();
        for (int k = 0; k < steps; k++) {
            double t0 = k * h;
            s.step(t0, t0 + h, y, inc, y1, err);
            s.accept();
            // Keep the state bounded: restart from y0 every step (the values do not matter here).
            System.arraycopy(y0, 0, y, 0, y.length);
            s.reset(t0 + h, y);
        }
    }
}
