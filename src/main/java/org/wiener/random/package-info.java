/**
 * Counter-based randomness: every random number Wiener draws is a pure function of a key and a
 * counter, so it is the same whatever the query order, thread or JVM.
 *
 * <ul>
 *   <li>{@link org.wiener.random.Philox4x64} — the Philox4x64-10 block function;</li>
 *   <li>{@link org.wiener.random.Uniforms} — 64 bits to a uniform in the open interval (0, 1);</li>
 *   <li>{@link org.wiener.random.Normals} — AS 241 inverse-CDF normals with {@code StrictMath};</li>
 *   <li>{@link org.wiener.random.Seeds} and {@link org.wiener.random.CounterStream} — child seeds and
 *       sequential streams for ensembles, chains and initialisation.</li>
 * </ul>
 */
package org.wiener.random;
