/**
 * The {@code wiener} command line (picocli), shipped as the executable {@code target/wiener-cli.jar}.
 * Commands: {@code tour}. See {@code docs/cli.md}.
 */
package org.wiener.cli;
