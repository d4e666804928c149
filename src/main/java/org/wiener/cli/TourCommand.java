package org.wiener.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.langevin.LangevinSampler;
import org.wiener.langevin.LangevinSolvers;
import org.wiener.langevin.SamplerResult;
import org.wiener.langevin.diagnostics.Summaries;
import org.wiener.langevin.diagnostics.Summary;
import org.wiener.langevin.target.LogisticRegression;
import org.wiener.random.Normals;
import org.wiener.random.Philox4x64;
import org.wiener.solver.Solvers;
import org.wiener.study.OrderFit;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.StepMode;
import org.wiener.study.StrongOrderStudy;
import org.wiener.study.StudyResult;
import org.wiener.study.StudyRow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A guided tour of what Wiener can do, growing with every capability. Now: one seed fixes a whole
 * Brownian path with its Lévy areas; queries in any order give identical bits; how fast it is; a
 * small strong-order study of two solvers on one tree per path; and a short Langevin MCMC run.
 */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "A short tour: sample a Virtual Brownian Tree, show W, H, K, reproducibility, speed and a "
                + "small convergence study.")
public final class TourCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the tour's tree (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--seconds", defaultValue = "0.3",
            description = "Time budget of each throughput figure, in seconds (default: ${DEFAULT-VALUE}).")
    private double seconds;

    /** Keeps the timed loops' results alive so the JIT cannot remove them. */
    private double sink;

    @Override
    public Integer call() {
        if (!(seconds > 0 && seconds <= 60)) {
            throw new IllegalArgumentException("--seconds must be in (0, 60], got " + seconds);
        }
        PrintStream out = System.out;
        out.println("Wiener tour");
        out.println("===========");
        out.println();
        out.println("1. One seed fixes a whole Brownian path on [0, 1], with its space-time (H) and");
        out.println("   space-time-time (K) Levy areas. Nothing is stored; every query is answered from");
        out.println("   the exact conditional law on a dyadic tree of leaves no longer than the tolerance.");
        VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(1)
                .tolerance(0x1.0p-20).levyArea(LevyArea.SPACE_TIME_TIME).seed(seed).build();
        out.printf("   tree: seed %d, tolerance 2^-20, %d levels, leaf length %.3g%n%n", seed, tree.levels(),
                tree.leafLength());
        double[][] intervals = {{0.0, 1.0}, {0.0, 0.5}, {0.5, 1.0}, {0.25, 0.3}, {0.3, 0.3 + 1e-4}, {0.7, 0.2}};
        out.println("   interval              dt          W            H            K");
        for (double[] iv : intervals) {
            BrownianIncrement inc = tree.increment(iv[0], iv[1]);
            out.printf("   [%-8.6g, %-8.6g] %+.4e %+.6e %+.6e %+.6e%n", iv[0], iv[1], inc.dt(), inc.w(0), inc.h(0), inc.k(0));
        }
        out.println("   (the last row is queried backwards: the reversed increment, everything negated)");
        out.println();

        out.println("2. Order does not matter: 1,000 intervals queried forwards, backwards and from 4 threads.");
        int n = 1000;
        double[][] queries = new double[n][2];
        org.wiener.random.CounterStream rnd = new org.wiener.random.CounterStream(seed, 1);
        for (int i = 0; i < n; i++) {
            double a = rnd.nextUniform();
            double b = rnd.nextUniform();
            queries[i][0] = Math.min(a, b);
            queries[i][1] = Math.max(a, b);
        }
        long[] forward = fingerprint(tree, queries, false);
        long[] backward = fingerprint(tree, queries, true);
        long[] threaded = threadedFingerprint(tree, queries);
        VirtualBrownianTree uncached = VirtualBrownianTree.builder().interval(0.0, 1.0).dimension(1)
                .tolerance(0x1.0p-20).levyArea(LevyArea.SPACE_TIME_TIME).seed(seed).cacheSize(0).build();
        long[] noCache = fingerprint(uncached, queries, false);
        out.printf("   forward order   checksum %016x%n", forward[0]);
        out.printf("   reverse order   checksum %016x%n", backward[0]);
        out.printf("   4 threads       checksum %016x%n", threaded[0]);
        out.printf("   no cache        checksum %016x%n", noCache[0]);
        boolean identical = java.util.Arrays.equals(forward, backward) && java.util.Arrays.equals(forward, threaded)
                && java.util.Arrays.equals(forward, noCache);
        out.println("   identical bits: " + (identical ? "yes" : "NO"));
        out.println();

        out.println("3. Throughput on this machine (one thread; rough: see docs/performance.md for JMH numbers).");
        out.printf("   normals drawn straight from Philox4x64 + AS241: %,14.0f per second%n", normalsPerSecond());
        out.printf("   tree, sweep of 2^16 adjacent steps (W,H,K):     %,14.0f increments per second%n",
                sweepPerSecond(1 << 16));
        out.printf("   tree, adaptive pattern (query, shrink, advance): %,14.0f increments per second%n",
                adaptivePerSecond());
        out.printf("   tree, random-order intervals:                    %,14.0f increments per second%n",
                randomOrderPerSecond(queries));
        out.println();

        convergence(out);
        out.println();
        boolean sameDraws = sampling(out);
        out.println();
        out.println("Next: java -jar target/wiener-cli.jar --help");
        return identical && sameDraws ? 0 : 1;
    }

    /** 4. A tiny strong-order study: Euler against Heun on GBM, both on the same trees. */
    private void convergence(PrintStream out) {
        out.println("4. Convergence on one tree per path: Euler (Ito) and Heun (Stratonovich) on geometric Brownian");
        out.println("   motion, 50 paths, 2^3 to 2^6 steps, against the exact solution through the same W.");
        org.wiener.study.TestProblem gbm = ProblemLibrary.byName("gbm");
        StudyResult result = StrongOrderStudy.builder(gbm)
                .solvers(List.of(Solvers.byName("euler"), Solvers.byName("heun")))
                .mode(StepMode.CONSTANT).levels(3, 6).paths(50).seed(seed)
                .threads(Math.min(4, Runtime.getRuntime().availableProcessors())).build().run();
        out.println("   steps   euler rms error   heun rms error");
        List<StudyRow> euler = result.rows("euler");
        List<StudyRow> heun = result.rows("heun");
        for (int k = 0; k < euler.size(); k++) {
            out.printf(java.util.Locale.ROOT, "   %5.0f   %15.4e   %14.4e%n", euler.get(k).meanSteps(),
                    euler.get(k).rmsError(), heun.get(k).rmsError());
        }
        for (OrderFit f : result.fits()) {
            out.printf(java.util.Locale.ROOT, "   %-5s strong order %.2f [%.2f, %.2f] (declared %s)%n", f.solver(),
                    f.orderVsStep(), f.orderVsStepLow(), f.orderVsStepHigh(),
                    CliSupport.order(Solvers.byName(f.solver()).properties().strongOrder(gbm.noiseType())));
        }
        out.println("   Bigger studies, plots and CSV: wiener strong-order --help");
    }

    /** 5. Langevin MCMC on the bundled Pima data: a small run, its summary and its reproducibility. */
    private boolean sampling(PrintStream out) {
        out.println("5. Langevin MCMC: Bayesian logistic regression on the bundled Pima diabetes data (768 rows, 8");
        out.println("   standardized features; w ~ N(0, 0.5^2), b ~ N(0, 1)). QUICSORT with steps of 0.5 after a");
        out.println("   warm-up that adapts a diagonal preconditioner; 4 chains x (200 warm-up + 200 draws), each chain");
        out.println("   on its own tree. Then the same run on 2 threads: identical draws.");
        LogisticRegression pima = LogisticRegression.bundled("pima.csv");
        LangevinSampler.Builder builder = LangevinSampler.builder().solver(LangevinSolvers.byName("quicsort")).step(0.5)
                .chains(4).draws(200).warmup(200).seed(seed);
        SamplerResult result = builder.threads(1).build().sample(pima);
        SamplerResult again = builder.threads(2).build().sample(pima);
        List<Summary> summary = Summaries.of(result.draws(), result.parameterNames());
        for (String line : Summaries.table(summary).split("\\R")) {
            out.println("   " + line);
        }
        boolean same = java.util.Arrays.deepEquals(result.draws(), again.draws());
        out.printf(java.util.Locale.ROOT, "   gradient evaluations: %d (warm-up included), %.2f s; same draws on 2 threads: %s%n",
                result.totalGradientEvaluations(), result.wallSeconds(), same ? "yes" : "NO");
        out.println("   Longer runs, draws CSV and plots: wiener sample --help; against Stan's NUTS: docs/mcmc.md");
        return same;
    }

    private static long[] fingerprint(VirtualBrownianTree tree, double[][] queries, boolean reverse) {
        long[] bits = new long[queries.length + 1];
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME_TIME);
        for (int q = 0; q < queries.length; q++) {
            int i = reverse ? queries.length - 1 - q : q;
            tree.increment(queries[i][0], queries[i][1], inc);
            bits[i + 1] = Double.doubleToRawLongBits(inc.w()[0]) * 31 + Double.doubleToRawLongBits(inc.h()[0]) * 17
                    + Double.doubleToRawLongBits(inc.k()[0]);
        }
        return checksum(bits);
    }

    private static long[] checksum(long[] bits) {
        long sum = 0;
        for (int i = 1; i < bits.length; i++) {
            sum = sum * 1_000_003L + bits[i];
        }
        bits[0] = sum;
        return bits;
    }

    private static long[] threadedFingerprint(VirtualBrownianTree tree, double[][] queries) {
        long[] bits = new long[queries.length + 1];
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int first = t;
            threads[t] = new Thread(() -> {
                MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME_TIME);
                for (int i = first; i < queries.length; i += threads.length) {
                    tree.increment(queries[i][0], queries[i][1], inc);
                    bits[i + 1] = Double.doubleToRawLongBits(inc.w()[0]) * 31
                            + Double.doubleToRawLongBits(inc.h()[0]) * 17 + Double.doubleToRawLongBits(inc.k()[0]);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return checksum(bits);
    }

    /** Runs {@code batch} (which returns how many items it produced) until the time budget is spent. */
    private double perSecond(LongSupplier batch) {
        long count = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            count += batch.getAsLong();
        }
        return count / ((System.nanoTime() - start) * 1e-9);
    }

    private double normalsPerSecond() {
        long[] block = new long[4];
        long[] counter = {0};
        return perSecond(() -> {
            for (int i = 0; i < 4096; i++) {
                Philox4x64.block(1, 2, counter[0]++, 0, 0, 0, block, 0);
                sink += Normals.fromBits(block[0]) + Normals.fromBits(block[1]) + Normals.fromBits(block[2]);
            }
            return 3 * 4096;
        });
    }

    private VirtualBrownianTree freshTree(long round) {
        return VirtualBrownianTree.builder().interval(0.0, 1.0).tolerance(0x1.0p-20)
                .levyArea(LevyArea.SPACE_TIME_TIME).seed(seed + round).build();
    }

    private double sweepPerSecond(int steps) {
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME_TIME);
        long[] round = {0};
        return perSecond(() -> {
            VirtualBrownianTree tree = freshTree(round[0]++);
            double h = 1.0 / steps;
            for (int k = 0; k < steps; k++) {
                tree.increment(k * h, (k + 1) * h, inc);
                sink += inc.w()[0];
            }
            return steps;
        });
    }

    private double adaptivePerSecond() {
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME_TIME);
        long[] round = {0};
        return perSecond(() -> {
            VirtualBrownianTree tree = freshTree(round[0]++);
            double t = 0;
            int k = 0;
            long queries = 0;
            while (t < 1.0) {
                double h = Math.min(0x1.0p-16 * (1.0 + 0.5 * Math.sin(k++)), 1.0 - t);
                tree.increment(t, t + h, inc);
                double shrunk = 0.6 * h;
                tree.increment(t, t + shrunk, inc);
                sink += inc.w()[0];
                t += shrunk;
                queries += 2;
            }
            return queries;
        });
    }

    private double randomOrderPerSecond(double[][] queries) {
        MutableBrownianIncrement inc = new MutableBrownianIncrement(1, LevyArea.SPACE_TIME_TIME);
        VirtualBrownianTree tree = freshTree(0);
        return perSecond(() -> {
            for (double[] q : queries) {
                tree.increment(q[0], q[1], inc);
                sink += inc.w()[0];
            }
            return queries.length;
        });
    }
}
