package org.wiener.solver;

import org.wiener.sde.NoiseType;

/**
 * Declares strong/weak orders per noise class in the three-column form of the solver table
 * ({@code solvers.md} §2): general, commutative (which covers DIAGONAL and SCALAR) and additive.
 */
final class NoiseOrders {

    private NoiseOrders() {
    }

    /**
     * Declares the orders of the three noise columns; NaN strong orders leave that column undeclared
     * (the solver does not apply to it).
     *
     * @param b the builder
     * @param generalStrong strong order on general noise (NaN: not supported)
     * @param generalWeak weak order on general noise
     * @param commutativeStrong strong order on commutative, diagonal and scalar noise (NaN: not supported)
     * @param commutativeWeak weak order there
     * @param additiveStrong strong order on additive noise
     * @param additiveWeak weak order on additive noise
     * @return the builder
     */
    static SolverProperties.Builder declare(SolverProperties.Builder b, double generalStrong, double generalWeak,
                                            double commutativeStrong, double commutativeWeak,
                                            double additiveStrong, double additiveWeak) {
        if (!Double.isNaN(generalStrong)) {
            b.orders(NoiseType.GENERAL, generalStrong, generalWeak);
        }
        if (!Double.isNaN(commutativeStrong)) {
            b.orders(NoiseType.COMMUTATIVE, commutativeStrong, commutativeWeak);
            b.orders(NoiseType.DIAGONAL, commutativeStrong, commutativeWeak);
            b.orders(NoiseType.SCALAR, commutativeStrong, commutativeWeak);
        }
        if (!Double.isNaN(additiveStrong)) {
            b.orders(NoiseType.ADDITIVE, additiveStrong, additiveWeak);
        }
        return b;
    }
}
