import java.util.List;
import java.util.Locale;

import org.wiener.sde.NoiseType;
import org.wiener.solver.Solvers;
import org.wiener.study.OrderFit;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.StepMode;
import org.wiener.study.WeakOrderStudy;
import org.wiener.study.WeakResult;
import org.wiener.study.WeakRow;

/**
 * A small weak-order study: Euler and Heun on geometric Brownian motion ("gbm": Itô,
 * dX = 0.5 X dt + 0.8 X dW on [0, 1]), 2^1 … 2^5 constant steps, 1000 paths. The bias of E[X_1] is
 * estimated by the mean of the paired differences X_1 − X_1^exact on the same Brownian paths, whose
 * spread is that of the strong error, so a thousand paths resolve biases that would otherwise need
 * millions. Read the fits only where |bias| clearly exceeds its standard error.
 *
 * <p>Run after {@code mvn -q package -DskipTests} (a few seconds):
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" examples/WeakOrderStudyExample.java}
 */
public class WeakOrderStudyExample {

    public static void main(String[] args) {
        WeakResult result = WeakOrderStudy.builder(ProblemLibrary.byName("gbm"))
                .solvers(List.of(Solvers.byName("euler"), Solvers.byName("heun")))
                .mode(StepMode.CONSTANT)
                .levels(1, 5)
                .paths(1000)
                .seed(5678)
                .threads(Runtime.getRuntime().availableProcessors())
                .run();

        System.out.println("reference: " + result.reference());
        System.out.printf(Locale.ROOT, "%-6s %5s %10s %12s %12s %12s%n", "solver", "level", "step", "bias E[X]",
                "std. error", "bias E[X^2]");
        for (WeakRow r : result.rows()) {
            System.out.printf(Locale.ROOT, "%-6s %5d %10.5f %12.4e %12.4e %12.4e%n", r.solver(), r.level(),
                    r.stepOrTolerance(), r.meanBias(), r.meanStandardError(), r.secondMomentBias());
        }
        for (OrderFit f : result.fits()) {
            System.out.printf(Locale.ROOT, "%-6s weak order (E[X]) %.3f, 95%% bootstrap interval [%.3f, %.3f]%n",
                    f.solver(), f.orderVsStep(), f.orderVsStepLow(), f.orderVsStepHigh());
        }
        for (OrderFit f : result.secondMomentFits()) {
            System.out.printf(Locale.ROOT, "%-6s weak order (E[X^2]) %.3f, 95%% bootstrap interval [%.3f, %.3f]%n",
                    f.solver(), f.orderVsStep(), f.orderVsStepLow(), f.orderVsStepHigh());
        }
        for (String name : List.of("euler", "heun")) {
            System.out.printf(Locale.ROOT, "%-6s declared weak order on scalar noise: %.1f%n", name,
                    Solvers.byName(name).properties().weakOrder(NoiseType.SCALAR));
        }
    }
}
