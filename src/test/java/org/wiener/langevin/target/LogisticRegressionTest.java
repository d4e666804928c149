package org.wiener.langevin.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logistic-regression posterior: parsing, standardisation, the log density against a direct formula
 * on a hand-written data set, numerical stability, bundled data, the train/test split, accuracy and every
 * rejected input.
 */
class LogisticRegressionTest {

    /**
     * Label in the middle. Feature a = (1, 2, 3): mean 2, sd 1 → (−1, 0, 1); feature b = (2, 0, 1): mean 1,
     * sd 1 → (1, −1, 0).
     */
    private static final String TINY = "\"a\",\"y\",\"b\"\n1,0,2\n2,1,0\n3,1,1\n";

    private static LogisticRegression tiny() {
        return LogisticRegression.fromCsv("tiny.csv", new StringReader(TINY));
    }

    @Test
    void parsesAndStandardisesTheTinyDataSet() {
        LogisticRegression m = tiny();
        assertEquals(3, m.rows());
        assertEquals(3, m.dimension());
        assertEquals(List.of("a", "b"), m.featureNames());
        assertEquals(List.of("w1", "w2", "b"), m.parameterNames());
        assertArrayEquals(new int[] {0, 1, 1}, m.labels());
        double[][] x = m.features();
        assertArrayEquals(new double[] {-1, 1}, x[0], 0.0);
        assertArrayEquals(new double[] {0, -1}, x[1], 0.0);
        assertArrayEquals(new double[] {1, 0}, x[2], 0.0);
        assertArrayEquals(new double[] {2, 1}, m.standardizationMeans(), 0.0);
        assertArrayEquals(new double[] {1, 1}, m.standardizationSds(), 0.0);
        assertEquals("tiny.csv", m.dataName());
        // getters return copies
        x[0][0] = 99;
        m.labels()[0] = 7;
        assertEquals(-1.0, m.features()[0][0]);
        assertEquals(0, m.labels()[0]);
    }

    @Test
    void logDensityMatchesTheDirectFormula() {
        LogisticRegression m = tiny();
        double w1 = 0.7;
        double w2 = -0.4;
        double b = 0.2;
        double[][] x = {{-1, 1}, {0, -1}, {1, 0}};
        int[] y = {0, 1, 1};
        double expected = logNormal(w1, 0.5) + logNormal(w2, 0.5) + logNormal(b, 1.0);
        double[] expectedGradient = {-w1 / 0.25, -w2 / 0.25, -b};
        for (int i = 0; i < 3; i++) {
            double z = w1 * x[i][0] + w2 * x[i][1] + b;
            double p = 1.0 / (1.0 + Math.exp(-z));
            expected += y[i] == 1 ? Math.log(p) : Math.log(1.0 - p);
            expectedGradient[0] += (y[i] - p) * x[i][0];
            expectedGradient[1] += (y[i] - p) * x[i][1];
            expectedGradient[2] += y[i] - p;
        }
        double[] gradient = new double[3];
        double value = m.logDensityAndGradient(new double[] {w1, w2, b}, gradient);
        assertEquals(expected, value, 1e-14 * Math.abs(expected));
        assertArrayEquals(expectedGradient, gradient, 1e-14);
    }

    @Test
    void extremeLinearPredictorsStayFinite() {
        // w1 = −400: rows 1 and 3 get z = +400 and −400, both misclassified; a naive log(1 − σ(400)) is −∞.
        LogisticRegression m = tiny();
        double[] gradient = new double[3];
        double value = m.logDensityAndGradient(new double[] {-400, 0, 0}, gradient);
        double expected = -400 + Math.log(0.5) - 400 + logNormal(-400, 0.5) + logNormal(0, 0.5) + logNormal(0, 1);
        assertEquals(expected, value, 1e-12 * Math.abs(expected));
        // residuals y − σ(z): row 1: 0 − 1, row 2: 1 − ½, row 3: 1 − 0
        assertEquals(-1 * -1 + 0.5 * 0 + 1 * 1 + 400 / 0.25, gradient[0], 1e-9);
        assertEquals(-1 * 1 + 0.5 * -1 + 0, gradient[1], 1e-12);
        assertEquals(-1 + 0.5 + 1, gradient[2], 1e-12);
        // huge but finite predictors in the other direction: the likelihood saturates at log 1 = 0
        double right = m.logDensityAndGradient(new double[] {1e6, 0, 0}, gradient);
        assertEquals(Math.log(0.5) + logNormal(1e6, 0.5) + logNormal(0, 0.5) + logNormal(0, 1), right, 1e-9 * Math.abs(right));
    }

    @Test
    void pimaIsStandardisedWithTheSampleStandardDeviation() {
        LogisticRegression pima = LogisticRegression.bundled("pima.csv");
        assertEquals(768, pima.rows());
        assertEquals(List.of("pregnant", "glucose", "pressure", "triceps", "insulin", "mass", "pedigree", "age"),
                pima.featureNames());
        assertEquals(268, Arrays.stream(pima.labels()).sum(), "268 diabetes-positive rows");
        // Published summary of the Pima Indians Diabetes data (768 rows; sd with the n − 1 denominator),
        // as printed to 6 decimals (so within 5e-7 absolute).
        double[] means = {3.845052, 120.894531, 69.105469, 20.536458, 79.799479, 31.992578, 0.471876, 33.240885};
        double[] sds = {3.369578, 31.972618, 19.355807, 15.952218, 115.244002, 7.884160, 0.331329, 11.760232};
        double[] m = pima.standardizationMeans();
        double[] s = pima.standardizationSds();
        for (int j = 0; j < 8; j++) {
            assertEquals(means[j], m[j], 5.01e-7, "mean of " + pima.featureNames().get(j));
            assertEquals(sds[j], s[j], 5.01e-7, "sd of " + pima.featureNames().get(j));
        }
        double[][] x = pima.features();
        for (int j = 0; j < 8; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            double mean = sum / x.length;
            double squares = 0;
            for (double[] row : x) {
                squares += (row[j] - mean) * (row[j] - mean);
            }
            assertEquals(0.0, mean, 1e-13);
            assertEquals(1.0, Math.sqrt(squares / (x.length - 1)), 1e-13);
        }
    }

    @Test
    void everyBundledDataSetLoads() {
        String[] files = {"pima.csv", "breast_cancer_wisconsin.csv", "ionosphere.csv", "wdbc.csv", "sonar.csv"};
        int[] rows = {768, 683, 351, 569, 208};
        int[] features = {8, 9, 33, 30, 60};
        assertEquals(List.of(files), LogisticRegression.BUNDLED);
        for (int k = 0; k < files.length; k++) {
            LogisticRegression m = LogisticRegression.bundled(files[k]);
            assertEquals(rows[k], m.rows(), files[k]);
            assertEquals(features[k] + 1, m.dimension(), files[k]);
            assertEquals("LogisticRegression(" + files[k] + ")", m.name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.bundled("../pima.csv"));
        assertTrue(e.getMessage().contains("../pima.csv") && e.getMessage().contains("pima.csv"), e.getMessage());
    }

    @Test
    void readsFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, TINY + "\n\n");
        LogisticRegression m = LogisticRegression.fromCsv(file);
        assertEquals(3, m.rows(), "trailing blank lines are ignored");
        assertEquals(file.toString(), m.dataName());
        Files.writeString(file, "a,y\n1,0\n1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fromCsv(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'a'")
                && e.getMessage().contains("constant"), e.getMessage());
        assertThrows(UncheckedIOException.class, () -> LogisticRegression.fromCsv(dir.resolve("missing.csv")));
    }

    @Test
    void rejectsBadInputNamingFileLineAndColumn() {
        rejects("a,b,y\n1,,0\n3,4,1\n", "line 2", "column 2", "missing");
        rejects("a,b,y\n1,2,0\n3,NA,1\n", "line 3", "column 2", "missing");
        rejects("a,b,y\n1,2,0\nNaN,3,1\n", "line 3", "column 1", "missing");
        rejects("a,b,y\n1,2,0\n3,abc,1\n", "line 3", "column 2", "not a number");
        rejects("a,b,y\n1,2,0\n3,Infinity,1\n", "line 3", "column 2", "finite");
        rejects("a,y,b\n1,2,0\n3,1,1\n", "line 2", "column 2", "0 or 1");
        rejects("a,y,b\n1,0,0\n3,0.5,1\n", "line 3", "column 2", "0 or 1");
        rejects("a,y,b\n1,0,0\n3,,1\n", "line 3", "column 2", "missing");
        rejects("a,b,label\n1,2,0\n3,4,1\n", "line 1", "no label column", "'y'");
        rejects("a,b,y\n1,2,0\n1,2\n", "line 3", "2 columns", "3");
        rejects("a,b,y\n1,2,0\n1,2,0,5\n", "line 3", "4 columns", "ragged");
        rejects("a,b,y\n1,2,0\n\n3,4,1\n", "line 3", "blank", "line 4");
        rejects("y,a,y\n1,2,0\n", "line 1", "column 3", "second label column");
        rejects("a,,y\n1,2,0\n", "line 1", "column 2", "empty column name");
        rejects("y\n1\n0\n", "line 1", "no feature column", "y");
        rejects("", "line 1", "missing header", "empty");
        rejects("a,y\n", "no data rows", "bad.csv", "header");
        rejects("a,y\n1,0\n", "at least 2", "got 1", "bad.csv");
        rejects("a,b,y\n1,5,0\n2,5,1\n", "'b'", "constant", "5.0");
    }

    private static void rejects(String csv, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fromCsv("bad.csv", new StringReader(csv)), csv);
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    @Test
    void splitIsReproducibleDisjointAndUsesTrainingStatistics() {
        LogisticRegression pima = LogisticRegression.bundled("pima.csv");
        LogisticRegression.Split s = pima.split(42, 0.8);
        LogisticRegression.Split again = pima.split(42, 0.8);
        LogisticRegression.Split other = pima.split(43, 0.8);
        assertEquals(614, s.train().rows()); // round(0.8 · 768) = 614
        assertEquals(154, s.test().rows());
        assertArrayEquals(s.train().features(), again.train().features());
        assertArrayEquals(s.test().labels(), again.test().labels());
        assertNotEquals(Arrays.deepToString(s.test().features()), Arrays.deepToString(other.test().features()));
        // Test set standardised with the training statistics, which are the training rows' own.
        assertArrayEquals(s.train().standardizationMeans(), s.test().standardizationMeans(), 0.0);
        assertArrayEquals(s.train().standardizationSds(), s.test().standardizationSds(), 0.0);
        double[][] train = s.train().features();
        for (int j = 0; j < 8; j++) {
            double sum = 0;
            for (double[] row : train) {
                sum += row[j];
            }
            assertEquals(0.0, sum / train.length, 1e-13);
        }
        // Un-standardised, train ∪ test is exactly the original data set (as a multiset of rows + labels).
        List<double[]> union = new ArrayList<>();
        union.addAll(rawRows(s.train()));
        union.addAll(rawRows(s.test()));
        List<double[]> original = rawRows(pima);
        Comparator<double[]> lexicographic = Arrays::compare;
        union.sort(lexicographic);
        original.sort(lexicographic);
        assertEquals(original.size(), union.size());
        for (int i = 0; i < original.size(); i++) {
            assertArrayEquals(original.get(i), union.get(i), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> pima.split(1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> pima.split(1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> pima.split(1, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny().split(1, 0.1));
        assertTrue(e.getMessage().contains("0.1") && e.getMessage().contains("training rows"), e.getMessage());
    }

    /** Rows rounded to 9 digits, with the label appended, of a model's un-standardised data. */
    private static List<double[]> rawRows(LogisticRegression m) {
        double[][] x = m.features();
        double[] mean = m.standardizationMeans();
        double[] sd = m.standardizationSds();
        int[] y = m.labels();
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] row = new double[x[i].length + 1];
            for (int j = 0; j < x[i].length; j++) {
                row[j] = Math.round((x[i][j] * sd[j] + mean[j]) * 1e6) / 1e6;
            }
            row[x[i].length] = y[i];
            rows.add(row);
        }
        return rows;
    }

    @Test
    void accuracyOfTheHalfThresholdClassifier() {
        LogisticRegression m = tiny();
        // z = (−0.9, 0.6, 0.9) against labels (0, 1, 1): all right
        assertEquals(1.0, m.accuracy(new double[] {0.7, -0.4, 0.2}));
        // b = −0.7: z = (−1.8, −0.3, 0.0): rows 2 and 3 are wrong (z = 0 exactly is σ = ½, not > ½)
        double[] p = {0.7, -0.4, -0.7};
        assertEquals(1.0 / 3.0, m.accuracy(p), 1e-15);
        assertEquals(1.0 / 3.0, LogisticRegression.accuracy(p, m.features(), m.labels()), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.accuracy(p, m.features(), new int[] {0, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.accuracy(p, m.features(), new int[] {0, 2, 1}));
        assertTrue(e.getMessage().contains("labels[1]") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.accuracy(new double[2]));
    }

    @Test
    void evaluationsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        LogisticRegression pima = LogisticRegression.bundled("pima.csv");
        NealsFunnel funnel = new NealsFunnel(9);
        CorrelatedGaussian gaussian = new CorrelatedGaussian(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.5, 1}});
        LogDensity[] targets = {pima, funnel, gaussian};
        for (LogDensity t : targets) {
            double[] x = new double[t.dimension()];
            Arrays.fill(x, 0.1);
            double[] g = new double[t.dimension()];
            for (int i = 0; i < 2000; i++) {
                t.logDensityAndGradient(x, g);
                t.logDensity(x);
                t.gradient(x, g);
            }
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 2000; i++) {
                t.logDensityAndGradient(x, g);
                t.logDensity(x);
                t.gradient(x, g);
            }
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertTrue(allocated < 1024, t.name() + " allocated " + allocated + " bytes in 2000 calls of each method");
        }
    }

    /**
     * The gradient alone must be the very gradient of logDensityAndGradient (the solvers now call it, so the
     * draws must not change a bit), at ordinary and at saturated linear predictors, on every bundled set.
     */
    @Test
    void gradientAloneIsBitIdenticalToTheGradientOfLogDensityAndGradient() {
        for (String name : LogisticRegression.BUNDLED) {
            LogisticRegression m = LogisticRegression.bundled(name);
            int d = m.dimension();
            org.wiener.random.CounterStream stream = new org.wiener.random.CounterStream(7, d);
            for (double spread : new double[] {0.0, 0.3, 3.0, 300.0}) {
                double[] x = new double[d];
                for (int j = 0; j < d; j++) {
                    x[j] = spread * (2 * stream.nextUniform() - 1);
                }
                double[] expected = new double[d];
                double[] actual = new double[d];
                m.logDensityAndGradient(x, expected);
                Arrays.fill(actual, 12345.0); // stale contents must be overwritten
                m.gradient(x, actual);
                for (int j = 0; j < d; j++) {
                    assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(actual[j]),
                            name + ", spread " + spread + ", component " + j + ": " + expected[j] + " vs " + actual[j]);
                }
            }
        }
    }

    /**
     * LogDensity.gradient's contract: a non-finite log density gives a non-finite gradient, so a sampler that
     * only reads gradients still stops. Logistic regression: a weight of 1e160 makes the prior −∞ (w² overflows)
     * while −w/0.25 and every residual stay finite; a NaN parameter makes everything NaN. The default method:
     * a target returning NaN with a finite gradient.
     */
    @Test
    void aNonFiniteLogDensityGivesANonFiniteGradient() {
        LogisticRegression m = tiny();
        double[] g = new double[3];
        for (double[] x : new double[][] {{1e160, 0, 0}, {0, 0, -1e160}, {Double.NaN, 0, 0}}) {
            assertTrue(!Double.isFinite(m.logDensity(x)), "log density at " + Arrays.toString(x));
            m.gradient(x, g);
            assertTrue(Double.isNaN(g[0]) && Double.isNaN(g[1]) && Double.isNaN(g[2]), Arrays.toString(g));
        }
        // Large but finite: the exact fallback keeps the (finite) gradient, bit for bit.
        double[] x = {1e152, 0, 0};
        assertTrue(Double.isFinite(m.logDensity(x)));
        double[] expected = new double[3];
        m.logDensityAndGradient(x, expected);
        m.gradient(x, g);
        assertArrayEquals(expected, g);
        LogDensity cliff = new LogDensity() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double logDensityAndGradient(double[] p, double[] gradient) {
                gradient[0] = -p[0];
                gradient[1] = -p[1];
                return p[0] > 1 ? Double.NEGATIVE_INFINITY : -0.5 * (p[0] * p[0] + p[1] * p[1]);
            }
        };
        double[] h = new double[2];
        cliff.gradient(new double[] {0.5, 1}, h);
        assertArrayEquals(new double[] {-0.5, -1}, h);
        cliff.gradient(new double[] {2, 1}, h);
        assertTrue(Double.isNaN(h[0]) && Double.isNaN(h[1]), Arrays.toString(h));
    }

    @Test
    void wrongLengthsAreRejected() {
        LogisticRegression m = tiny();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.logDensityAndGradient(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("parameters") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.logDensityAndGradient(new double[3], new double[2]));
    }

    private static double logNormal(double x, double sd) {
        return -Math.log(sd) - 0.5 * Math.log(2 * Math.PI) - 0.5 * x * x / (sd * sd);
    }
}
