package org.wiener.langevin.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mean, sd, R̂, bulk-ESS and tail-ESS of four 4 × 1000 cases against rstan 2.21
 * ({@code src/test/resources/fixtures/ess}, see its README).
 *
 * <p>Tolerances. rstan 2.21's {@code z_scale} rank-normalises with (r − ½)/S; with that offset our R̂ and
 * bulk-ESS reproduce rstan to 1e-14 relative (measured; pinned here at 1e-12). Mean, sd and tail-ESS
 * involve no rank normalisation and agree to 3e-14 (pinned at 1e-12 too). Our default offset is the
 * paper's and posterior's Blom 3/8, (r − 3/8)/(S + 1/4); it moves R̂ by up to 2.5e-5 and bulk-ESS by up to
 * 1.5e-4 relative on these cases (measured), pinned at 5e-4 (tighter than the 2e-3 the project asks for).
 */
class StanFixtureTest {

    private static final double EXACT = 1e-12;
    private static final double BLOM = 5e-4;

    @ParameterizedTest
    @ValueSource(strings = {"iid", "ar09", "t3ar05", "shifted"})
    void reproducesRstan(String name) throws IOException {
        double[][] draws = draws(name);
        Map<String, Double> expected = expected().get(name);
        Summary s = Summaries.ofScalar(name, draws);
        assertClose(expected.get("mean"), s.mean(), EXACT, "mean");
        assertClose(expected.get("sd"), s.sd(), EXACT, "sd");
        assertClose(expected.get("ess_tail"), s.essTail(), EXACT, "ess_tail");
        assertClose(expected.get("ess_tail"), Diagnostics.essTail(draws), EXACT, "ess_tail");
        assertClose(expected.get("rhat"), Diagnostics.rankNormalizedSplitRhat(draws, Diagnostics.RSTAN_2_21_OFFSET),
                EXACT, "rhat (rstan offset)");
        assertClose(expected.get("ess_bulk"), Diagnostics.essBulk(draws, Diagnostics.RSTAN_2_21_OFFSET),
                EXACT, "ess_bulk (rstan offset)");
        assertClose(expected.get("rhat"), s.rhat(), BLOM, "rhat (Blom offset)");
        assertClose(expected.get("ess_bulk"), s.essBulk(), BLOM, "ess_bulk (Blom offset)");
        assertEquals(s.rhat(), Diagnostics.rankNormalizedSplitRhat(draws), 0.0);
        assertEquals(s.essBulk(), Diagnostics.essBulk(draws), 0.0);
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.abs(expected), what);
    }

    static double[][] draws(String name) throws IOException {
        List<String> lines = lines("draws_" + name + ".csv");
        double[][] draws = new double[4][1000];
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            draws[Integer.parseInt(p[0]) - 1][Integer.parseInt(p[1]) - 1] = Double.parseDouble(p[2]);
        }
        return draws;
    }

    private static Map<String, Map<String, Double>> expected() throws IOException {
        List<String> lines = lines("expected_stan.csv");
        String[] header = lines.get(0).replace("\"", "").split(",");
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.replace("\"", "").split(",");
            Map<String, Double> row = new LinkedHashMap<>();
            for (int i = 1; i < p.length; i++) {
                row.put(header[i], Double.parseDouble(p[i]));
            }
            out.put(p[0], row);
        }
        return out;
    }

    private static List<String> lines(String file) throws IOException {
        InputStream in = StanFixtureTest.class.getResourceAsStream("/fixtures/ess/" + file);
        if (in == null) {
            throw new IOException("missing test resource /fixtures/ess/" + file);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
