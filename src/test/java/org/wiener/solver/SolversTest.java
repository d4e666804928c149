package org.wiener.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The registry: every name gives the solver that declares that name; unknown names are explained. */
class SolversTest {

    @Test
    void everyNameResolvesToTheSolverOfThatName() {
        assertEquals(18, Solvers.names().size());
        for (String name : Solvers.names()) {
            assertEquals(name, Solvers.byName(name).properties().name());
            assertEquals(name + "_doubled", Solvers.byName(name + "_doubled").properties().name());
        }
        assertEquals("spark", Solvers.byName(" SPaRK ").properties().name());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Solvers.byName("rk4"));
        assertTrue(e.getMessage().startsWith("solver name must be one of [euler, euler_heun, heun"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got 'rk4'"), e.getMessage());
    }

    @Test
    void controllerErrorOrdersAreDiffraxs() {
        // Diffrax: error_order = strong_order() + 0.5 on SDEs (one declared order per solver), the ODE order on
        // ODEs, and the ODE order + 1 for HalfSolver.
        assertEquals(1.0, Solvers.byName("spark").properties().errorOrder(org.wiener.sde.NoiseType.ADDITIVE));
        assertEquals(1.0, Solvers.byName("spark").properties().errorOrder(org.wiener.sde.NoiseType.SCALAR));
        assertEquals(2.0, Solvers.byName("shark").properties().errorOrder(org.wiener.sde.NoiseType.ADDITIVE));
        assertEquals(2.0, Solvers.byName("slow_rk_doubled").properties().errorOrder(org.wiener.sde.NoiseType.GENERAL));
        assertEquals(1.0, Solvers.byName("heun").properties().errorOrder(org.wiener.sde.NoiseType.DIAGONAL));
        assertEquals(5.0, Solvers.byName("tsit5").properties().errorOrder(null));
        assertEquals(6.0, Solvers.byName("tsit5_doubled").properties().errorOrder(null));
    }
}
