import java.nio.file.Path;
import java.util.Locale;

import org.wiener.langevin.LangevinSampler;
import org.wiener.langevin.LangevinSolvers;
import org.wiener.langevin.SamplerResult;
import org.wiener.langevin.target.LogisticRegression;

/**
 * Time per gradient evaluation of the logistic-regression target alone and inside the sampler (ALIGN,
 * tolerance 1, friction 0.5, 4 chains x (1000 + 1000), one thread), in a warm JVM: the per-second side of
 * docs/mcmc.md. Run after the build:
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" benchmarks/mcmc/GradientCost.java /work/shared/data/pima.csv}
 */
public class GradientCost {

    public static void main(String[] args) {
        LogisticRegression target = LogisticRegression.fromCsv(Path.of(args[0]));
        int d = target.dimension();
        double[] x = new double[d];
        double[] g = new double[d];
        double sink = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20000; i++) {
                x[0] = i * 1e-6;
                sink += target.logDensityAndGradient(x, g);
            }
            System.out.printf(Locale.ROOT, "gradient alone: %.1f us%n", (System.nanoTime() - t0) / 20000 / 1e3);
        }
        for (int rep = 0; rep < 3; rep++) {
            SamplerResult r = LangevinSampler.builder().solver(LangevinSolvers.byName("align")).tolerance(1.0)
                    .friction(0.5).chains(4).draws(1000).warmup(1000).seed(1).threads(1).build().sample(target);
            System.out.printf(Locale.ROOT, "sampler: %d gradients in %.2f s, %.1f us per gradient%n",
                    r.totalGradientEvaluations(), r.wallSeconds(), r.wallSeconds() * 1e6 / r.totalGradientEvaluations());
        }
        System.out.println(sink == 0 ? "" : "(done)");
    }
}
