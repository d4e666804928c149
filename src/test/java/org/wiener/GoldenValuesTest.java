package org.wiener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.FixedGridBrownianPath;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.random.CounterStream;
import org.wiener.random.Normals;
import org.wiener.random.Philox4x64;

/**
 * Reproducibility across JVMs: a few hundred values from fixed seeds (Philox blocks, uniforms,
 * normals including far tails, tree increments at all three Lévy levels, fixed-grid cells) compared
 * bit for bit with {@code golden-values.txt}. CI runs this class under JDK 17 and JDK 25.
 *
 * <p>To regenerate after a deliberate change of the streams (which breaks every user's seeds, so
 * say so in the release notes): {@code mvn test -Dtest=GoldenValuesTest
 * -Dwiener.golden.write=src/test/resources/org/wiener/golden-values.txt}.
 */
class GoldenValuesTest {

    @Test
    void valuesAreBitIdenticalToTheGoldenFile() throws IOException {
        List<String> actual = compute();
        String writeTo = System.getProperty("wiener.golden.write");
        if (writeTo != null) {
            Files.write(Path.of(writeTo), actual, StandardCharsets.US_ASCII);
        }
        List<String> expected;
        try (InputStream in = GoldenValuesTest.class.getResourceAsStream("golden-values.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        assertEquals(expected.size(), actual.size(), "number of golden values");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "golden line " + (i + 1) + " on Java "
                    + System.getProperty("java.version"));
        }
    }

    static List<String> compute() {
        List<String> out = new ArrayList<>();
        long[] block = new long[4];
        for (int b = 0; b < 8; b++) {
            Philox4x64.block(2024L, 5L, b, 1L << 40, b * 31L, -b, block, 0);
            for (int w = 0; w < 4; w++) {
                out.add("philox " + b + "." + w + " " + Long.toHexString(block[w]));
            }
        }
        CounterStream uniforms = new CounterStream(20240510L, 0L);
        for (int i = 0; i < 64; i++) {
            out.add("uniform " + i + " " + hex(uniforms.nextUniform()));
        }
        CounterStream normals = new CounterStream(20240510L, 1L);
        for (int i = 0; i < 128; i++) {
            out.add("normal " + i + " " + hex(normals.nextNormal()));
        }
        double[] tails = {1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.07, 0.076, 0.3, 0.5, 0.93, 0.99999, 1 - 0x1.0p-53};
        for (double p : tails) {
            out.add("quantile " + p + " " + hex(Normals.inverseCdf(p)));
        }
        CounterStream queries = new CounterStream(7L, 99L);
        for (LevyArea level : LevyArea.values()) {
            VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(-0.5, 2.5).dimension(2)
                    .tolerance(1e-4).levyArea(level).seed(7).build();
            for (int q = 0; q < 20; q++) {
                double s = -0.5 + 3.0 * queries.nextUniform();
                double t = q % 5 == 0 ? s + 1e-5 * queries.nextUniform() : -0.5 + 3.0 * queries.nextUniform();
                t = Math.min(t, 2.5);
                addIncrement(out, "tree " + level + " " + q, tree.increment(s, t));
            }
            addIncrement(out, "tree " + level + " whole", tree.increment(-0.5, 2.5));
            FixedGridBrownianPath grid = FixedGridBrownianPath.builder().interval(0, 1).steps(16).dimension(2)
                    .levyArea(level).seed(3).build();
            addIncrement(out, "grid " + level + " cell", grid.increment(grid.time(5), grid.time(6)));
            addIncrement(out, "grid " + level + " span", grid.increment(grid.time(2), grid.time(13)));
        }
        return out;
    }

    private static void addIncrement(List<String> out, String label, BrownianIncrement inc) {
        StringBuilder sb = new StringBuilder(label).append(" dt=").append(hex(inc.dt()));
        for (int j = 0; j < inc.dimension(); j++) {
            sb.append(" w=").append(hex(inc.w(j)));
            if (inc.levyArea().hasSpaceTime()) {
                sb.append(" h=").append(hex(inc.h(j)));
            }
            if (inc.levyArea().hasSpaceTimeTime()) {
                sb.append(" k=").append(hex(inc.k(j)));
            }
        }
        out.add(sb.toString());
    }

    private static String hex(double x) {
        return Long.toHexString(Double.doubleToRawLongBits(x));
    }
}
