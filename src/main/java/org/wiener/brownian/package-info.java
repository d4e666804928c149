/**
 * Brownian sample paths and their Lévy areas, as solvers consume them.
 *
 * <ul>
 *   <li>{@link org.wiener.brownian.BrownianPath} — the interface: increments over any [s, t];</li>
 *   <li>{@link org.wiener.brownian.VirtualBrownianTree} — one seed, any query, any order, exact law,
 *       nothing stored;</li>
 *   <li>{@link org.wiener.brownian.FixedGridBrownianPath} — precomputed cells on a uniform grid, for
 *       constant steps;</li>
 *   <li>{@link org.wiener.brownian.BrownianIncrement} (immutable) and
 *       {@link org.wiener.brownian.MutableBrownianIncrement} (reusable, allocation-free);</li>
 *   <li>{@link org.wiener.brownian.LevyArea} — NONE, SPACE_TIME (H) or SPACE_TIME_TIME (H and K).</li>
 * </ul>
 * See {@code docs/brownian.md} for the definitions of W, H and K and the guarantees.
 */
package org.wiener.brownian;
