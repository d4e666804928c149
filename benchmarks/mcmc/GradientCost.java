import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import org.wiener.brownian.LevyArea;
import org.wiener.langevin.LangevinSampler;
import org.wiener.langevin.LangevinSolvers;
import org.wiener.langevin.SamplerResult;
import org.wiener.langevin.target.LogisticRegression;

/**
 * Time per gradient evaluation of the logistic-regression target alone and inside the sampler (ALIGN,
 * tolerance 1, friction FRICTION [1], 4 chains x (1000 + 1000), one thread), in a warm JVM: the per-second
 * side of docs/mcmc.md. The sampler runs alternate between the paper's space-time-time tree and the solver's
 * own level (space-time for ALIGN, the default now); wall time and process CPU time (less sensitive to other
 * processes on a shared machine, but it includes the JIT and GC threads). "log density and gradient" is the path the solvers used before (log σ needs a
 * StrictMath.log1p per row); "gradient alone" is {@code LogDensity.gradient}, what they call now. The two
 * loops alternate so that both see the same machine load. Run after the build:
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" benchmarks/mcmc/GradientCost.java /work/shared/data/pima.csv}
 */
public class GradientCost {

    public static void main(String[] args) {
        LogisticRegression target = LogisticRegression.fromCsv(Path.of(args[0]));
        double friction = Double.parseDouble(System.getenv().getOrDefault("FRICTION", "1"));
        int d = target.dimension();
        double[] x = new double[d];
        double[] g = new double[d];
        double sink = 0;
        int calls = 20000;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                x[0] = i * 1e-6;
                sink += target.logDensityAndGradient(x, g);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                x[0] = i * 1e-6;
                target.gradient(x, g);
                sink += g[0];
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "log density and gradient: %.1f us   gradient alone: %.1f us%n",
                    (t1 - t0) / 1e3 / calls, (t2 - t1) / 1e3 / calls);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int rep = 0; rep < 3; rep++) {
            for (LevyArea area : new LevyArea[] {LevyArea.SPACE_TIME_TIME, null}) {
                LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName("align"))
                        .tolerance(1.0).friction(friction).chains(4).draws(1000).warmup(1000).seed(1).threads(1);
                if (area != null) {
                    b.levyArea(area);
                }
                long cpu0 = os.getProcessCpuTime();
                SamplerResult r = b.build().sample(target);
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                long grads = r.totalGradientEvaluations();
                System.out.printf(Locale.ROOT, "sampler, tree %-16s %d gradients in %.2f s wall (%.1f us per gradient),"
                        + " %.2f s process CPU (%.1f us per gradient)%n", area == null ? "solver's own:" : "space-time-time:",
                        grads, r.wallSeconds(), r.wallSeconds() * 1e6 / grads, cpu, cpu * 1e6 / grads);
            }
        }
        System.out.println(sink == 0 ? "" : "(done)");
    }
}
