package org.wiener.langevin.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Posterior summaries ({@link Summary}) of multi-chain draws, one per parameter.
 *
 * <p>Stateless and thread-safe; cost O(chains × draws × log(chains × draws)) per parameter.
 */
public final class Summaries {

    private Summaries() {
    }

    /**
     * Summarises every parameter.
     *
     * @param draws [chain][draw][parameter]: at least one chain, all chains with the same number (≥ 6) of
     *     draws, every draw with one finite value per name
     * @param names the parameter names, in parameter order
     * @return one summary per parameter, in parameter order
     * @throws IllegalArgumentException on ragged arrays, too few draws or non-finite values, naming the
     *     chain, draw and parameter
     */
    public static List<Summary> of(double[][][] draws, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("names must list at least one parameter, got " + names);
        }
        if (draws == null || draws.length == 0) {
            throw new IllegalArgumentException("draws must hold at least one chain, got "
                    + (draws == null ? "null" : "0 chains"));
        }
        int p = names.size();
        int n = draws[0] == null ? 0 : draws[0].length;
        for (int c = 0; c < draws.length; c++) {
            if (draws[c] == null || draws[c].length != n) {
                throw new IllegalArgumentException("all chains must have the same number of draws: chain 0 has "
                        + n + ", chain " + c + " has " + (draws[c] == null ? "null" : draws[c].length));
            }
            for (int i = 0; i < n; i++) {
                double[] draw = draws[c][i];
                if (draw == null || draw.length != p) {
                    throw new IllegalArgumentException("draws[" + c + "][" + i + "] (chain " + c + ", draw " + i
                            + ") must have " + p + (p == 1 ? " value" : " values") + " (one per name), got "
                            + (draw == null ? "null" : draw.length));
                }
                for (int k = 0; k < p; k++) {
                    if (!Double.isFinite(draw[k])) {
                        throw new IllegalArgumentException("draws[" + c + "][" + i + "][" + k + "] (chain " + c
                                + ", draw " + i + ", parameter " + names.get(k) + ") must be finite, got " + draw[k]);
                    }
                }
            }
        }
        List<Summary> out = new ArrayList<>(p);
        for (int k = 0; k < p; k++) {
            double[][] scalar = new double[draws.length][n];
            for (int c = 0; c < draws.length; c++) {
                for (int i = 0; i < n; i++) {
                    scalar[c][i] = draws[c][i][k];
                }
            }
            out.add(ofScalar(names.get(k), scalar));
        }
        return List.copyOf(out);
    }

    /**
     * Summarises one scalar parameter.
     *
     * @param name the parameter's name
     * @param draws [chain][draw] (see {@link Diagnostics} for the requirements)
     * @return its summary
     */
    public static Summary ofScalar(String name, double[][] draws) {
        return Diagnostics.summarize(name, draws);
    }

    /**
     * A fixed-width text table of summaries (for the CLI and logs).
     *
     * @param summaries the rows
     * @return the table, one line per parameter after a header line
     */
    public static String table(List<Summary> summaries) {
        int width = "parameter".length();
        for (Summary s : summaries) {
            width = Math.max(width, s.parameter().length());
        }
        StringBuilder sb = new StringBuilder();
        String head = "%-" + width + "s %11s %10s %11s %11s %11s %7s %9s %9s%n";
        String row = "%-" + width + "s %11.4g %10.4g %11.4g %11.4g %11.4g %7.4f %9.1f %9.1f%n";
        sb.append(String.format(Locale.ROOT, head, "parameter", "mean", "sd", "q5", "q50", "q95", "rhat",
                "ess_bulk", "ess_tail"));
        for (Summary s : summaries) {
            sb.append(String.format(Locale.ROOT, row, s.parameter(), s.mean(), s.sd(), s.q5(), s.q50(), s.q95(),
                    s.rhat(), s.essBulk(), s.essTail()));
        }
        return sb.toString();
    }
}
