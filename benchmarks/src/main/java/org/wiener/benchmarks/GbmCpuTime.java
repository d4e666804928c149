package org.wiener.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.Solution;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.Solvers;

/**
 * The GBM ensemble of {@link GbmEnsembleBenchmark} at one given configuration, timed by this thread's CPU
 * time rather than wall time: on a machine shared with other jobs, CPU time of the best of several
 * repetitions is a steadier basis for before/after ratios than JMH's wall-clock throughput. Not a JMH
 * benchmark; run it with
 * {@code java -cp target/benchmarks.jar org.wiener.benchmarks.GbmCpuTime solver controller k dtminLog2 reps}
 * (tolerance or step 2<sup>-k</sup>, controller I, PID, DPID, DPID8 or FIXED). The first repetition also reports the RMS
 * error at T against the exact solution and the steps per path.
 */
public final class GbmCpuTime {

    private GbmCpuTime() {
    }

    /**
     * @param args solver name, controller (I, PID, DPID, DPID8, FIXED), k (tolerance 2^-k), dtminLog2, repetitions
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: GbmCpuTime solver controller k dtminLog2 reps, got "
                    + args.length + " arguments");
        }
        Solver solver = Solvers.byName(args[0]);
        String controller = args[1].toUpperCase(Locale.ROOT);
        double tol = Math.pow(2.0, -Double.parseDouble(args[2]));
        int dtminLog2 = Integer.parseInt(args[3]);
        int reps = Integer.parseInt(args[4]);
        double dtmin = Math.scalb(1.0, -dtminLog2);
        LevyArea levy = solver.properties().levyArea();
        SdeProblem problem = GbmEnsembleBenchmark.problem(solver);
        Integrator integrator = GbmEnsembleBenchmark.Workload.integrator(solver, controller, tol, dtmin);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int paths = GbmEnsembleBenchmark.PATHS;
        double best = Double.POSITIVE_INFINITY;
        double checksum = 0.0;
        for (int r = 0; r < reps; r++) {
            long start = bean.getCurrentThreadCpuTime();
            double sq = 0.0;
            double accepted = 0.0;
            double attempted = 0.0;
            double atDtmin = 0.0;
            for (int i = 0; i < paths; i++) {
                VirtualBrownianTree tree = VirtualBrownianTree.builder().interval(0.0, GbmEnsembleBenchmark.T)
                        .tolerance(dtmin / 2).levyArea(levy)
                        .seed(Seeds.derive(GbmEnsembleBenchmark.MASTER_SEED, i)).build();
                Solution s = integrator.solve(problem, tree);
                checksum += s.finalState()[0];
                if (r == 0) {
                    double[] w = new double[1];
                    tree.value(GbmEnsembleBenchmark.T, w);
                    double mu = GbmEnsembleBenchmark.MU;
                    double sigma = GbmEnsembleBenchmark.SIGMA;
                    double exact = Math.exp((mu - 0.5 * sigma * sigma) * GbmEnsembleBenchmark.T + sigma * w[0]);
                    double e = s.finalState()[0] - exact;
                    sq += e * e;
                    accepted += s.stats().acceptedSteps();
                    attempted += s.stats().attemptedSteps();
                    atDtmin += s.stats().stepsAtDtmin();
                }
            }
            double seconds = (bean.getCurrentThreadCpuTime() - start) * 1e-9;
            best = Math.min(best, seconds);
            if (r == 0) {
                System.out.printf(Locale.ROOT, "%s:%s tol 2^-%s dtmin 2^-%d: RMS error %.3e, per path %.1f accepted / "
                                + "%.1f attempted steps, %.2f at dtmin (first repetition includes the error check)%n",
                        args[0], controller, args[2], dtminLog2, Math.sqrt(sq / paths), accepted / paths,
                        attempted / paths, atDtmin / paths);
            }
        }
        System.out.printf(Locale.ROOT, "best of %d: %.1f us CPU per path, %.0f paths/s (checksum %.6f)%n", reps,
                best / paths * 1e6, paths / best, checksum);
    }
}
