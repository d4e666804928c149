package org.wiener.sde;

/**
 * The structure of a diffusion g(t, y) ∈ R<sup>n×m</sup>, which decides the strong order a solver can
 * reach (see {@code docs/solving.md}). Declared by the problem; the strongest true statement gives
 * solvers the most room.
 */
public enum NoiseType {
    /** g depends on t only, not on y (any shape). */
    ADDITIVE,
    /** m = n and g is diagonal, g<sub>ii</sub> depending on y<sub>i</sub> only. */
    DIAGONAL,
    /** m = 1: one Brownian motion drives every component (always commutative). */
    SCALAR,
    /** The columns commute: (∂g<sub>j</sub>/∂y)·g<sub>k</sub> = (∂g<sub>k</sub>/∂y)·g<sub>j</sub> for all j, k. */
    COMMUTATIVE,
    /** Any g. */
    GENERAL;

    /**
     * Whether noise of this type is also of type {@code other}: additive, diagonal and scalar noise are
     * commutative, and every type is general.
     *
     * @param other a noise class a solver was designed for
     * @return true if this class is a special case of {@code other}
     */
    public boolean isA(NoiseType other) {
        switch (other) {
            case GENERAL:
                return true;
            case COMMUTATIVE:
                return this != GENERAL;
            default:
                return this == other;
        }
    }
}
