import java.util.List;
import java.util.Locale;

import org.wiener.sde.NoiseType;
import org.wiener.solver.Solvers;
import org.wiener.study.OrderFit;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.StepMode;
import org.wiener.study.StrongOrderStudy;
import org.wiener.study.StudyResult;
import org.wiener.study.StudyRow;

/**
 * A small strong-order study: Euler and Heun on geometric Brownian motion ("gbm": Itô,
 * dX = 0.5 X dt + 0.8 X dW on [0, 1]), 2^3 … 2^7 constant steps, 200 paths, against the exact solution
 * on each path's Brownian tree. Heun converges to the Stratonovich solution, so the study hands it the
 * problem converted to Stratonovich form; both solvers are compared with the same exact Itô solution.
 *
 * <p>Run after {@code mvn -q package -DskipTests} (a few seconds):
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" examples/StrongOrderStudyExample.java}
 */
public class StrongOrderStudyExample {

    public static void main(String[] args) {
        StudyResult result = StrongOrderStudy.builder(ProblemLibrary.byName("gbm"))
                .solvers(List.of(Solvers.byName("euler"), Solvers.byName("heun")))
                .mode(StepMode.CONSTANT)
                .levels(3, 7)
                .paths(200)
                .seed(5678)
                .threads(Runtime.getRuntime().availableProcessors())
                .run();

        System.out.println("reference: " + result.reference() + ", tree tolerance " + result.treeTolerance());
        System.out.printf(Locale.ROOT, "%-6s %5s %10s %10s %12s%n", "solver", "level", "step", "mean steps", "rms error");
        for (StudyRow r : result.rows()) {
            System.out.printf(Locale.ROOT, "%-6s %5d %10.5f %10.1f %12.4e%n", r.solver(), r.level(), r.stepOrTolerance(),
                    r.meanSteps(), r.rmsError());
        }
        for (OrderFit f : result.fits()) {
            System.out.printf(Locale.ROOT, "%-6s strong order %.3f, 95%% bootstrap interval [%.3f, %.3f]%n", f.solver(),
                    f.orderVsStep(), f.orderVsStepLow(), f.orderVsStepHigh());
        }
        for (String name : List.of("euler", "heun")) {
            System.out.printf(Locale.ROOT, "%-6s declared strong order on scalar noise: %.1f%n", name,
                    Solvers.byName(name).properties().strongOrder(NoiseType.SCALAR));
        }
    }
}
