import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import org.wiener.langevin.LangevinSampler;
import org.wiener.langevin.LangevinSolvers;
import org.wiener.langevin.SamplerResult;
import org.wiener.langevin.target.LogisticRegression;

/**
 * Time per gradient evaluation of the logistic-regression target alone and inside the sampler (ALIGN,
 * tolerance TOL [1], friction FRICTION [1], 4 chains x (1000 + 1000), one thread), in a warm JVM: the per-second
 * side of docs/mcmc.md. The sampler runs alternate between the paper's stepping ({@code paperSteps(true)}: the
 * tree spans exactly the run, Diffrax's PID unchanged) and Wiener's (dyadic step ends, resumed proposals), so
 * that both see the same machine load; wall time and process CPU time (less sensitive to other processes on a
 * shared machine, but it includes the JIT and GC threads). "log density and gradient" is the combined call;
 * "gradient alone" is {@code LogDensity.gradient}, what the solvers call. Run after the build:
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" benchmarks/mcmc/GradientCost.java /work/shared/data/pima.csv}
 */
public class GradientCost {

    public static void main(String[] args) {
        LogisticRegression target = LogisticRegression.fromCsv(Path.of(args[0]));
        double friction = Double.parseDouble(System.getenv().getOrDefault("FRICTION", "1"));
        double tolerance = Double.parseDouble(System.getenv().getOrDefault("TOL", "1"));
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
            for (boolean paper : new boolean[] {true, false}) {
                LangevinSampler.Builder b = LangevinSampler.builder().solver(LangevinSolvers.byName("align"))
                        .tolerance(tolerance).friction(friction).chains(4).draws(1000).warmup(1000).seed(1).threads(1)
                        .paperSteps(paper);
                long cpu0 = os.getProcessCpuTime();
                SamplerResult r = b.build().sample(target);
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                long grads = r.totalGradientEvaluations();
                System.out.printf(Locale.ROOT, "sampler, %-17s %d gradients in %.2f s wall (%.1f us per gradient),"
                        + " %.2f s process CPU (%.1f us per gradient)%n", paper ? "paper's stepping:" : "Wiener's stepping:",
                        grads, r.wallSeconds(), r.wallSeconds() * 1e6 / grads, cpu, cpu * 1e6 / grads);
            }
        }
        System.out.println(sink == 0 ? "" : "(done)");
    }
}
