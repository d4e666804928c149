package org.wiener.langevin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.LevyArea;
import org.wiener.control.PidController;
import org.wiener.integrate.Ensemble;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;

/** Same seed, same numbers, whatever the thread count: adaptive doubled QUICSORT and ALIGN ensembles, 1 vs 3 threads. */
class LangevinReproducibilityTest {

    @Test
    void ensemblesDoNotDependOnTheThreadCount() {
        LangevinProblem problem = LangevinProblem.builder().target(LangevinTestSupport.doubleWell(2))
                .friction(new double[] {0.8, 1.5}).inverseMass(new double[] {0.2, 1.0})
                .initialPosition(new double[] {0.1, -0.5}).interval(0.0, 3.0).build();
        for (String name : new String[] {"quicsort_doubled", "align"}) {
            Integrator integrator = Integrator.builder().solver(LangevinSolvers.byName(name))
                    .controller(PidController.builder(0.0, 1e-3).coefficients(0.1, 0.4, 0.0).stepBounds(1e-3, 0.5)
                            .build())
                    .saveAt(SaveAt.times(1.0, 2.0, 3.0)).build();
            List<Solution> one = Ensemble.solve(integrator, problem.toSdeProblem(), 24, 99L,
                    seed -> LangevinTestSupport.tree(seed, 2, 0.0, 3.0, 5e-4, LevyArea.SPACE_TIME_TIME), 1);
            List<Solution> three = Ensemble.solve(integrator, problem.toSdeProblem(), 24, 99L,
                    seed -> LangevinTestSupport.tree(seed, 2, 0.0, 3.0, 5e-4, LevyArea.SPACE_TIME_TIME), 3);
            for (int i = 0; i < one.size(); i++) {
                assertEquals(one.get(i).stats(), three.get(i).stats(), name);
                for (int j = 0; j < one.get(i).size(); j++) {
                    assertArrayEquals(one.get(i).state(j), three.get(i).state(j), 0.0, name);
                }
            }
        }
    }
}
