package org.wiener.langevin.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.wiener.random.CounterStream;

/**
 * The Bayesian logistic regression posterior of {@code shared/data/README.md} and paper A's MCMC
 * comparison ({@code reference/langevin.md} §10.2, with the data README's fixed prior scales):
 * <pre>
 *   w_j ~ N(0, 0.5²),  b ~ N(0, 1),  y_i ~ Bernoulli(σ(x_i·w + b)),
 * </pre>
 * on standardised features x (each column has mean 0 and sample standard deviation 1, the n − 1
 * denominator). Parameters are ordered w₁ … w_D, b, so d = D + 1.
 *
 * <p>{@link #logDensityAndGradient} returns the exact log joint density (log likelihood plus the
 * normalised log prior) and ∇ = Σᵢ (yᵢ − σ(zᵢ))(xᵢ, 1) − (w/0.25, b), in one pass over the rows and
 * without allocation. log σ(s) is evaluated as min(s, 0) − log1p(e^{−|s|}) and σ(z) from the same
 * exponential, so no row overflows or cancels whatever |z| is. {@link StrictMath} keeps the result
 * bit-reproducible across JVMs.
 *
 * <p>Input: a CSV file with a header; the label column is named {@code y} (anywhere) with values in
 * {0, 1}; every other column is a numeric feature, in file order. Fields may be wrapped in double quotes
 * (R's {@code write.csv}); quoted commas are not supported. Trailing blank lines are ignored. Missing
 * values (an empty cell, {@code NA}, {@code NaN}), non-numeric or infinite cells, labels other than 0
 * and 1, a missing {@code y} column, ragged rows and constant feature columns are rejected with an
 * {@link IllegalArgumentException} naming the file, line and column.
 *
 * <p>Immutable and thread-safe (the density and gradient methods share one scratch vector of n doubles per thread).
 */
public final class LogisticRegression implements LogDensity, NamedParameters {

    /** Prior standard deviation of every weight w_j. */
    public static final double WEIGHT_PRIOR_SD = 0.5;
    /** Prior standard deviation of the intercept b. */
    public static final double INTERCEPT_PRIOR_SD = 1.0;
    /** Name of the label column. */
    public static final String LABEL_COLUMN = "y";
    /** Class-path directory of the bundled data sets. */
    public static final String RESOURCE_DIRECTORY = "/org/wiener/data/";
    /** File names of the bundled data sets (see the README.md next to them for their origin). */
    public static final List<String> BUNDLED = List.of(
            "pima.csv", "breast_cancer_wisconsin.csv", "ionosphere.csv", "wdbc.csv", "sonar.csv");

    /** Stream tag of {@link #split}'s permutation (keeps it apart from other uses of the same seed). */
    private static final long SPLIT_STREAM = 0x5B117L;
    private static final double HALF_LOG_TWO_PI = 0.5 * StrictMath.log(2.0 * Math.PI);
    private static final double WEIGHT_PRECISION = 1.0 / (WEIGHT_PRIOR_SD * WEIGHT_PRIOR_SD);
    private static final double INTERCEPT_PRECISION = 1.0 / (INTERCEPT_PRIOR_SD * INTERCEPT_PRIOR_SD);

    private final String dataName;
    private final List<String> featureNames;
    private final List<String> parameterNames;
    private final int n;
    private final int features;
    private final double[][] raw;       // n × D, unstandardised (kept for split)
    /*
     * The standardised features twice, as one array per row (n × D) and one per column (D × n). Separate arrays
     * rather than offsets into one: the JIT vectorises a loop that loads and stores at the same index i of two
     * arrays, but not one that loads at offset + i of an array that might be the one it stores into (about 5×
     * on sonar's passes).
     */
    private final double[][] rows;
    private final double[][] columns;
    /** Per-thread n-vector of linear predictors, then residuals, for {@link #gradient}. */
    private final ThreadLocal<double[]> scratch;
    private final int[] y;
    private final double[] centre;      // standardisation means
    private final double[] scale;       // standardisation standard deviations
    private final double logPriorConstant;

    private LogisticRegression(String dataName, List<String> featureNames, double[][] raw, int[] labels,
            double[] centre, double[] scale) {
        this.dataName = dataName;
        this.featureNames = List.copyOf(featureNames);
        this.n = raw.length;
        this.features = featureNames.size();
        this.raw = raw;
        this.y = labels;
        this.centre = centre;
        this.scale = scale;
        this.rows = new double[n][features];
        this.columns = new double[features][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                rows[i][j] = (raw[i][j] - centre[j]) / scale[j];
                columns[j][i] = rows[i][j];
            }
        }
        int rows = n;
        this.scratch = ThreadLocal.withInitial(() -> new double[rows]);
        List<String> names = new ArrayList<>(features + 1);
        for (int j = 1; j <= features; j++) {
            names.add("w" + j);
        }
        names.add("b");
        this.parameterNames = Collections.unmodifiableList(names);
        this.logPriorConstant = features * (-StrictMath.log(WEIGHT_PRIOR_SD) - HALF_LOG_TWO_PI)
                + (-StrictMath.log(INTERCEPT_PRIOR_SD) - HALF_LOG_TWO_PI);
    }

    /**
     * Reads a data set from a CSV file and standardises it over all its rows.
     *
     * @param file the CSV file
     * @return the posterior
     * @throws IllegalArgumentException on malformed content (naming file, line and column)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static LogisticRegression fromCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return fromCsv(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a data set in CSV form and standardises it over all its rows.
     *
     * @param name the name used in messages and as {@link #dataName()} (for example the file name)
     * @param reader the CSV text (not closed by this method)
     * @return the posterior
     * @throws IllegalArgumentException on malformed content (naming {@code name}, line and column)
     * @throws UncheckedIOException if reading fails
     */
    public static LogisticRegression fromCsv(String name, Reader reader) {
        ParsedCsv csv;
        try {
            csv = ParsedCsv.read(name, new BufferedReader(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        double[][] stats = statistics(name, csv.featureNames, csv.rows);
        return new LogisticRegression(name, csv.featureNames, csv.rows, csv.labels, stats[0], stats[1]);
    }

    /**
     * Loads one of the data sets bundled under {@value #RESOURCE_DIRECTORY} on the class path
     * (see {@link #BUNDLED}); their origin and licence are in the README.md there.
     *
     * @param fileName one of {@link #BUNDLED}, for example {@code "pima.csv"}
     * @return the posterior, standardised over all rows
     * @throws IllegalArgumentException if the name is not a bundled data set
     */
    public static LogisticRegression bundled(String fileName) {
        if (!BUNDLED.contains(fileName)) {
            throw new IllegalArgumentException("fileName must be one of " + BUNDLED + ", got '" + fileName + "'");
        }
        InputStream in = LogisticRegression.class.getResourceAsStream(RESOURCE_DIRECTORY + fileName);
        if (in == null) {
            throw new IllegalStateException("bundled resource " + RESOURCE_DIRECTORY + fileName + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return fromCsv(fileName, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + fileName + ": " + e.getMessage(), e);
        }
    }

    /**
     * A reproducible train/test split. The rows are permuted by a Fisher–Yates shuffle driven by a
     * {@link CounterStream} keyed by {@code seed}; the first round(trainFraction·n) permuted rows form the
     * training set, the rest the test set, each kept in file order. <b>Both parts are standardised with
     * the training set's means and standard deviations</b> (computed from the unstandardised values), as
     * a test set must be: its own statistics would leak information and change the model's features.
     * The split ignores how this object was standardised.
     *
     * @param seed the seed of the permutation (same seed, same split)
     * @param trainFraction the fraction of rows used for training, in (0, 1); both parts must get at
     *     least one row and the training part at least two
     * @return the training and test posteriors
     * @throws IllegalArgumentException on a bad fraction, or if a feature is constant over the training rows
     */
    public Split split(long seed, double trainFraction) {
        if (!(trainFraction > 0.0 && trainFraction < 1.0)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        int nTrain = (int) Math.round(trainFraction * n);
        if (nTrain < 2 || nTrain > n - 1) {
            throw new IllegalArgumentException("trainFraction " + trainFraction + " gives " + nTrain
                    + " training rows out of " + n + "; need at least 2 training rows and 1 test row");
        }
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        CounterStream stream = new CounterStream(seed, SPLIT_STREAM);
        for (int i = n - 1; i > 0; i--) {
            int j = stream.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        int[] trainRows = Arrays.copyOfRange(permutation, 0, nTrain);
        int[] testRows = Arrays.copyOfRange(permutation, nTrain, n);
        Arrays.sort(trainRows);
        Arrays.sort(testRows);
        double[][] trainRaw = select(raw, trainRows);
        double[][] testRaw = select(raw, testRows);
        String trainName = dataName + "[train, seed " + seed + ", fraction " + trainFraction + "]";
        String testName = dataName + "[test, seed " + seed + ", fraction " + trainFraction + "]";
        double[][] stats = statistics(trainName, featureNames, trainRaw);
        return new Split(
                new LogisticRegression(trainName, featureNames, trainRaw, selectLabels(trainRows), stats[0], stats[1]),
                new LogisticRegression(testName, featureNames, testRaw, selectLabels(testRows), stats[0], stats[1]));
    }

    /**
     * The two parts of {@link #split}.
     *
     * @param train the training posterior
     * @param test the test data, standardised with the training statistics
     */
    public record Split(LogisticRegression train, LogisticRegression test) {
    }

    @Override
    public int dimension() {
        return features + 1;
    }

    @Override
    public double logDensityAndGradient(double[] parameters, double[] gradient) {
        Targets.checkLength("parameters", parameters, features + 1);
        Targets.checkLength("gradient", gradient, features + 1);
        double logDensity = priorAndItsGradient(parameters, gradient);
        double[] z = linearPredictors(parameters);
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            // One exponential serves both log σ(±z) and σ(z); e ≤ 1 so nothing overflows.
            double e = StrictMath.exp(-Math.abs(zi));
            double signed = y[i] == 1 ? zi : -zi;
            logDensity += Math.min(signed, 0.0) - StrictMath.log1p(e);
            double sigmoid = zi >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            z[i] = y[i] - sigmoid; // now the residual
        }
        addTransposedProduct(z, gradient);
        return logDensity;
    }

    /**
     * The gradient alone, bit for bit the one {@link #logDensityAndGradient} writes (same operations in the
     * same order), without the per-row {@code log1p} that only the log density needs: one
     * {@link StrictMath#exp} per row and no allocation. This is what the Langevin solvers call.
     *
     * <p>Per {@link LogDensity#gradient}'s contract the gradient is all NaN where log p is not finite. That
     * is decided without the logarithms: the prior term is computed (d products), and Σ|zᵢ| bounds the log
     * likelihood from below (each log σ(±z) ≥ −|z| − log 2); only if either is beyond ±10³⁰⁰ or NaN is the
     * exact log density evaluated to decide.
     *
     * @param parameters (w₁ … w_D, b)
     * @param gradient receives ∇ log p (length D + 1)
     */
    @Override
    public void gradient(double[] parameters, double[] gradient) {
        Targets.checkLength("parameters", parameters, features + 1);
        Targets.checkLength("gradient", gradient, features + 1);
        double logPrior = priorAndItsGradient(parameters, gradient);
        double[] z = linearPredictors(parameters);
        double sumAbsZ = 0.0;
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            double absZ = Math.abs(zi);
            sumAbsZ += absZ;
            double e = StrictMath.exp(-absZ);
            double sigmoid = zi >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            z[i] = y[i] - sigmoid; // now the residual
        }
        addTransposedProduct(z, gradient);
        // Both bounds below 1e300 in size: log p ≥ logPrior − Σ|z| − n·log 2 is finite. Otherwise decide exactly.
        if (!(logPrior > -1e300 && sumAbsZ < 1e300) && !Double.isFinite(logDensity(parameters))) {
            Arrays.fill(gradient, Double.NaN);
        }
    }

    /** Writes the log prior's gradient into {@code gradient} and returns the log prior (with its constant). */
    private double priorAndItsGradient(double[] parameters, double[] gradient) {
        final int dw = features;
        double b = parameters[dw];
        double logPrior = logPriorConstant - 0.5 * INTERCEPT_PRECISION * b * b;
        gradient[dw] = -INTERCEPT_PRECISION * b;
        for (int j = 0; j < dw; j++) {
            double w = parameters[j];
            logPrior -= 0.5 * WEIGHT_PRECISION * w * w;
            gradient[j] = -WEIGHT_PRECISION * w;
        }
        return logPrior;
    }

    /**
     * z = b + X w in this thread's scratch vector, two columns at a time: the inner loop runs over the n rows
     * (long, with independent iterations) and each pass reads z once for two columns. The three methods that
     * need z share this one kernel, so they agree bit for bit.
     */
    private double[] linearPredictors(double[] parameters) {
        double[] z = scratch.get();
        Arrays.fill(z, parameters[features]);
        int j = 0;
        for (; j + 1 < features; j += 2) {
            double w0 = parameters[j];
            double w1 = parameters[j + 1];
            double[] c0 = columns[j];
            double[] c1 = columns[j + 1];
            for (int i = 0; i < n; i++) {
                z[i] += c0[i] * w0 + c1[i] * w1;
            }
        }
        if (j < features) {
            double w = parameters[j];
            double[] c = columns[j];
            for (int i = 0; i < n; i++) {
                z[i] += c[i] * w;
            }
        }
        return z;
    }

    /**
     * gradient[j] += Σᵢ rᵢ xᵢⱼ and gradient[D] += Σᵢ rᵢ, four rows at a time: each pass over the gradient adds
     * four rows' contributions, so the gradient is loaded and stored a quarter as often as row by row.
     */
    private void addTransposedProduct(double[] residuals, double[] gradient) {
        final int dw = features;
        double intercept = gradient[dw];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double r0 = residuals[i];
            double r1 = residuals[i + 1];
            double r2 = residuals[i + 2];
            double r3 = residuals[i + 3];
            double[] x0 = rows[i];
            double[] x1 = rows[i + 1];
            double[] x2 = rows[i + 2];
            double[] x3 = rows[i + 3];
            for (int j = 0; j < dw; j++) {
                gradient[j] += (r0 * x0[j] + r1 * x1[j]) + (r2 * x2[j] + r3 * x3[j]);
            }
            intercept += (r0 + r1) + (r2 + r3);
        }
        for (; i < n; i++) {
            double r = residuals[i];
            double[] xi = rows[i];
            for (int j = 0; j < dw; j++) {
                gradient[j] += r * xi[j];
            }
            intercept += r;
        }
        gradient[dw] = intercept;
    }

    /**
     * The log density alone (same value as {@link #logDensityAndGradient}, bit for bit), without allocating.
     *
     * @param parameters (w₁ … w_D, b)
     * @return log p(parameters | data), the normalised log prior plus the log likelihood
     */
    @Override
    public double logDensity(double[] parameters) {
        Targets.checkLength("parameters", parameters, features + 1);
        final int dw = features;
        double b = parameters[dw];
        double logDensity = logPriorConstant - 0.5 * INTERCEPT_PRECISION * b * b;
        for (int j = 0; j < dw; j++) {
            double w = parameters[j];
            logDensity -= 0.5 * WEIGHT_PRECISION * w * w;
        }
        double[] z = linearPredictors(parameters);
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            double e = StrictMath.exp(-Math.abs(zi));
            double signed = y[i] == 1 ? zi : -zi;
            logDensity += Math.min(signed, 0.0) - StrictMath.log1p(e);
        }
        return logDensity;
    }

    /**
     * The accuracy of the classifier 1[σ(w·x + b) &gt; ½] (that is, w·x + b &gt; 0) on a data set.
     *
     * @param parameters (w₁ … w_D, b)
     * @param standardizedFeatures n × D features, standardised as the model's training data were
     * @param labels n labels in {0, 1}
     * @return the fraction of correctly classified rows
     * @throws IllegalArgumentException on inconsistent lengths, an empty data set or a non-binary label
     */
    public static double accuracy(double[] parameters, double[][] standardizedFeatures, int[] labels) {
        if (standardizedFeatures == null || labels == null || standardizedFeatures.length == 0) {
            throw new IllegalArgumentException("standardizedFeatures must have at least one row");
        }
        if (labels.length != standardizedFeatures.length) {
            throw new IllegalArgumentException("labels must have length " + standardizedFeatures.length
                    + " (one per row), got " + labels.length);
        }
        int dw = standardizedFeatures[0].length;
        Targets.checkLength("parameters", parameters, dw + 1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] row = standardizedFeatures[i];
            if (row.length != dw) {
                throw new IllegalArgumentException("standardizedFeatures row " + i + " must have length " + dw
                        + ", got " + row.length);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] must be 0 or 1, got " + labels[i]);
            }
            double z = parameters[dw];
            for (int j = 0; j < dw; j++) {
                z += row[j] * parameters[j];
            }
            if ((z > 0.0 ? 1 : 0) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /**
     * The accuracy of 1[σ(w·x + b) &gt; ½] on this object's (standardised) rows; allocation-free.
     *
     * @param parameters (w₁ … w_D, b)
     * @return the fraction of correctly classified rows
     */
    public double accuracy(double[] parameters) {
        Targets.checkLength("parameters", parameters, features + 1);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double z = parameters[features];
            double[] xi = rows[i];
            for (int j = 0; j < features; j++) {
                z += xi[j] * parameters[j];
            }
            if ((z > 0.0 ? 1 : 0) == y[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    /** @return the data set's name (file name, or as given to {@link #fromCsv(String, Reader)}) */
    public String dataName() {
        return dataName;
    }

    /** @return the number of rows n */
    public int rows() {
        return n;
    }

    /** @return the feature column names, in file order (D of them) */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return ["w1", …, "wD", "b"] */
    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** @return a copy of the standardised features, n × D */
    public double[][] features() {
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** @return a copy of the labels (n values in {0, 1}) */
    public int[] labels() {
        return y.clone();
    }

    /** @return a copy of the means used to standardise each feature */
    public double[] standardizationMeans() {
        return centre.clone();
    }

    /** @return a copy of the standard deviations (n − 1 denominator) used to standardise each feature */
    public double[] standardizationSds() {
        return scale.clone();
    }

    @Override
    public String name() {
        return "LogisticRegression(" + dataName + ")";
    }

    private double[][] select(double[][] rows, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]].clone();
        }
        return out;
    }

    private int[] selectLabels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = y[indices[i]];
        }
        return out;
    }

    /** Column means and sample standard deviations (n − 1), two-pass; rejects constant columns. */
    private static double[][] statistics(String name, List<String> featureNames, double[][] rows) {
        int n = rows.length;
        int dw = featureNames.size();
        if (n < 2) {
            throw new IllegalArgumentException(name + ": need at least 2 data rows to standardise, got " + n);
        }
        double[] mean = new double[dw];
        double[] sd = new double[dw];
        for (int j = 0; j < dw; j++) {
            double sum = 0.0;
            for (double[] row : rows) {
                sum += row[j];
            }
            double m = sum / n;
            double squares = 0.0;
            for (double[] row : rows) {
                double c = row[j] - m;
                squares += c * c;
            }
            double s = Math.sqrt(squares / (n - 1));
            if (!(s > 0.0)) {
                throw new IllegalArgumentException(name + ": feature column '" + featureNames.get(j)
                        + "' is constant (every row is " + rows[0][j] + "), so it cannot be standardised");
            }
            mean[j] = m;
            sd[j] = s;
        }
        return new double[][] {mean, sd};
    }

    /** The validated content of a CSV file: feature names, raw rows and labels. */
    private static final class ParsedCsv {
        final List<String> featureNames = new ArrayList<>();
        double[][] rows;
        int[] labels;

        static ParsedCsv read(String name, BufferedReader reader) throws IOException {
            ParsedCsv csv = new ParsedCsv();
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException(name + ", line 1: missing header (the file is empty)");
            }
            if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
                header = header.substring(1);
            }
            String[] columns = header.split(",", -1);
            int labelColumn = -1;
            for (int c = 0; c < columns.length; c++) {
                String column = unquote(columns[c]);
                if (column.isEmpty()) {
                    throw new IllegalArgumentException(name + ", line 1, column " + (c + 1) + ": empty column name");
                }
                if (column.equals(LABEL_COLUMN)) {
                    if (labelColumn >= 0) {
                        throw new IllegalArgumentException(name + ", line 1, column " + (c + 1)
                                + ": a second label column '" + LABEL_COLUMN + "' (the first is column "
                                + (labelColumn + 1) + ")");
                    }
                    labelColumn = c;
                } else {
                    csv.featureNames.add(column);
                }
            }
            if (labelColumn < 0) {
                throw new IllegalArgumentException(name + ", line 1: no label column '" + LABEL_COLUMN
                        + "' in the header " + Arrays.toString(columns));
            }
            if (csv.featureNames.isEmpty()) {
                throw new IllegalArgumentException(name + ", line 1: no feature column besides '" + LABEL_COLUMN + "'");
            }
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            int lineNumber = 1;
            int firstBlank = -1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    if (firstBlank < 0) {
                        firstBlank = lineNumber;
                    }
                    continue;
                }
                if (firstBlank >= 0) {
                    throw new IllegalArgumentException(name + ", line " + firstBlank
                            + ": blank line before the data ends (line " + lineNumber + " has data)");
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns.length) {
                    throw new IllegalArgumentException(name + ", line " + lineNumber + ": " + cells.length
                            + " columns, but the header has " + columns.length + " (ragged row)");
                }
                double[] row = new double[csv.featureNames.size()];
                int f = 0;
                for (int c = 0; c < cells.length; c++) {
                    double value = parseCell(name, lineNumber, c, unquote(columns[c]), cells[c]);
                    if (c == labelColumn) {
                        if (value != 0.0 && value != 1.0) {
                            throw new IllegalArgumentException(name + ", line " + lineNumber + ", column "
                                    + (c + 1) + " ('" + LABEL_COLUMN + "'): label must be 0 or 1, got '"
                                    + cells[c].trim() + "'");
                        }
                        labels.add(value == 1.0 ? 1 : 0);
                    } else {
                        row[f++] = value;
                    }
                }
                rows.add(row);
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(name + ": no data rows after the header");
            }
            csv.rows = rows.toArray(new double[0][]);
            csv.labels = labels.stream().mapToInt(Integer::intValue).toArray();
            return csv;
        }

        private static double parseCell(String name, int line, int column, String columnName, String cell) {
            String text = unquote(cell);
            String where = name + ", line " + line + ", column " + (column + 1) + " ('" + columnName + "')";
            if (text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN")) {
                throw new IllegalArgumentException(where + ": missing value ('" + cell.trim() + "')");
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": not a number ('" + cell.trim() + "')");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(where + ": value must be finite, got '" + cell.trim() + "'");
            }
            return value;
        }

        private static String unquote(String field) {
            String t = field.trim();
            if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
                t = t.substring(1, t.length() - 1).trim();
            }
            return t;
        }
    }
}
