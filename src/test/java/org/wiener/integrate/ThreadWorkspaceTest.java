package org.wiener.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.control.ScriptedSolvers;
import org.wiener.control.ScriptedSolvers.HeunWithError;
import org.wiener.sde.SdeProblem;

/**
 * The driver reuses one set of buffers per thread (state pair, error, increment, saved times and states)
 * and lets solutions with equal times share one times array. Nothing may carry over: each solve of a
 * mixed sequence on one thread (other dimensions, save plans, a long every-step solve, an early stop)
 * equals, bit for bit, the same solve alone on a fresh thread; a solve nested in another's observer
 * equals itself alone and leaves the outer solve unchanged; shared times are never exposed.
 */
class ThreadWorkspaceTest {

    private static VirtualBrownianTree tree(long seed) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(1e-8).levyArea(LevyArea.NONE).seed(seed)
                .build();
    }

    /** A rotation y0' = -y1, y1' = y0 on [0, t1]: two components. */
    private static SdeProblem rotation(double t1) {
        return SdeProblem.builder().drift((t, y, out) -> {
            out[0] = -y[1];
            out[1] = y[0];
        }).initialState(1.0, 0.5).interval(0.0, t1).build();
    }

    private static Integrator adaptive(SaveAt saveAt, long maxSteps) {
        return Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-5, 1e-8).coefficients(0.1, 0.3, 0.0).build())
                .saveAt(saveAt).maxSteps(maxSteps).build();
    }

    /** The mixed sequence: each entry solves one problem with one integrator. */
    private static List<Supplier<Solution>> sequence() {
        List<Supplier<Solution>> solves = new ArrayList<>();
        SdeProblem gbm = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null);
        solves.add(() -> adaptive(SaveAt.end(), 1_000_000).solve(gbm, tree(1)));
        solves.add(() -> adaptive(SaveAt.everyStep(), 1_000_000).solve(rotation(20.0))); // > 4096 saved values
        solves.add(() -> adaptive(SaveAt.times(0.25, 0.5), 1_000_000).solve(gbm, tree(2)));
        solves.add(() -> adaptive(SaveAt.end(), 7).solve(rotation(1.0))); // stops early: 3 saved states
        solves.add(() -> adaptive(SaveAt.end(), 1_000_000).solve(gbm, tree(3)));
        solves.add(() -> adaptive(SaveAt.end(), 1_000_000).solve(rotation(1.0)));
        solves.add(() -> adaptive(SaveAt.end(), 1_000_000).solve(gbm, tree(1)));
        return solves;
    }

    private static Solution onFreshThread(Supplier<Solution> solve) throws InterruptedException {
        AtomicReference<Solution> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(solve.get()));
        thread.start();
        thread.join();
        return result.get();
    }

    static void assertSameBits(Solution a, Solution b, String what) {
        assertEquals(a.status(), b.status(), what);
        assertEquals(a.stats(), b.stats(), what);
        assertEquals(a.size(), b.size(), what);
        for (int k = 0; k < a.size(); k++) {
            assertEquals(Double.doubleToRawLongBits(a.time(k)), Double.doubleToRawLongBits(b.time(k)), what);
            double[] x = a.state(k);
            double[] y = b.state(k);
            assertEquals(x.length, y.length, what);
            for (int j = 0; j < x.length; j++) {
                assertEquals(Double.doubleToRawLongBits(x[j]), Double.doubleToRawLongBits(y[j]), what + " state " + k);
            }
        }
    }

    @Test
    void aMixedSequenceOnOneThreadEqualsEachSolveAloneOnAFreshThread() throws InterruptedException {
        List<Supplier<Solution>> solves = sequence();
        List<Solution> inSequence = new ArrayList<>();
        for (Supplier<Solution> solve : solves) {
            inSequence.add(solve.get());
        }
        for (int i = 0; i < solves.size(); i++) {
            assertSameBits(onFreshThread(solves.get(i)), inSequence.get(i), "solve " + i);
        }
        // the sequence covers what it claims: an every-step solve beyond the kept buffer size, an early stop
        assertTrue(inSequence.get(1).size() * 2 > 4096, "every-step states: " + inSequence.get(1).size());
        assertEquals(Status.STEP_LIMIT_REACHED, inSequence.get(3).status());
        assertEquals(2, inSequence.get(3).state(0).length);
        assertEquals(Status.SUCCESS, inSequence.get(6).status());
    }

    @Test
    void aSolveNestedInAnObserverEqualsItselfAloneAndLeavesTheOuterSolveUnchanged() throws InterruptedException {
        SdeProblem gbm = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null);
        Supplier<Solution> inner = () -> adaptive(SaveAt.times(0.5), 1_000_000).solve(rotation(1.0));
        AtomicReference<Solution> nested = new AtomicReference<>();
        Integrator outerWithNesting = Integrator.builder().solver(new HeunWithError())
                .controller(PidController.builder(1e-5, 1e-8).coefficients(0.1, 0.3, 0.0).build())
                .saveAt(SaveAt.times(0.3)).observer((t, h, accepted, scaled, error, stiffness) -> {
                    if (nested.get() == null) {
                        nested.set(inner.get());
                    }
                }).build();
        Solution outer = outerWithNesting.solve(gbm, tree(9));
        Solution outerAlone = onFreshThread(() -> adaptive(SaveAt.times(0.3), 1_000_000).solve(gbm, tree(9)));
        assertSameBits(outerAlone, outer, "outer");
        assertSameBits(onFreshThread(inner), nested.get(), "nested");
    }

    @Test
    void sharedTimesAreNeverExposed() {
        Integrator integrator = adaptive(SaveAt.end(), 1_000_000);
        SdeProblem gbm = ScriptedSolvers.gbm(0.5, 0.8, 1.0, null);
        Solution a = integrator.solve(gbm, tree(1));
        Solution b = integrator.solve(gbm, tree(2));
        double[] times = a.times();
        times[1] = 42.0;
        assertArrayEquals(new double[] {0.0, 1.0}, a.times(), 0.0);
        assertArrayEquals(new double[] {0.0, 1.0}, b.times(), 0.0);
        double[] last = b.finalState();
        last[0] = 42.0;
        assertTrue(b.finalState()[0] != 42.0);
        assertThrows(IndexOutOfBoundsException.class, () -> b.state(2));
        assertThrows(IndexOutOfBoundsException.class, () -> b.state(-1));
    }
}
