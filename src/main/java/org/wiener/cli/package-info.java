/**
 * The {@code wiener} command line (picocli), shipped as the executable {@code target/wiener-cli.jar}.
 * Commands: {@code tour}, {@code problems}, {@code solvers}, {@code simulate}, {@code strong-order},
 * {@code weak-order} and {@code solver-orders}. Results are written atomically ({@link
 * org.wiener.cli.AtomicFiles}), plots with XChart (PNG, and SVG through {@code SvgGraphics2D} when
 * XChart's optional VectorGraphics2D is absent). See {@code docs/cli.md}.
 */
package org.wiener.cli;
