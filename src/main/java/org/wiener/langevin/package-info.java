/**
 * Underdamped Langevin dynamics and MCMC: the Langevin problem, its splitting solvers (ALIGN, ShOULD,
 * QUICSORT, UBU) and the multi-chain sampler with warm-up adaptation and exact gradient counts.
 *
 * <p>Targets live in {@link org.wiener.langevin.target} and MCMC diagnostics in
 * {@link org.wiener.langevin.diagnostics}; both sit below the sampler in the data flow.
 */
package org.wiener.langevin;
