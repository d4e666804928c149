import java.util.List;
import java.util.Locale;

import org.wiener.solver.Solvers;
import org.wiener.study.ProblemLibrary;
import org.wiener.study.StepMode;
import org.wiener.study.StrongOrderStudy;
import org.wiener.study.StudyResult;
import org.wiener.study.StudyRow;

/**
 * Work-precision on the commutative-noise test problem: what each solver's accuracy costs, in vector-field
 * evaluations and in seconds per path, for Euler, Heun, SPaRK and SlowRK at 2^3 … 2^7 constant steps on
 * the same 200 Brownian paths. The command line draws the same data as plots:
 * {@code wiener strong-order ... --out DIR} writes {@code work-precision-evaluations.png} and
 * {@code work-precision-seconds.png}.
 *
 * <p>Run after {@code mvn -q package -DskipTests} (a few seconds):
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" examples/WorkPrecisionExample.java}
 */
public class WorkPrecisionExample {

    public static void main(String[] args) {
        List<String> solvers = List.of("euler", "heun", "spark", "slow_rk");
        StudyResult result = StrongOrderStudy.builder(ProblemLibrary.byName("commutative"))
                .solvers(solvers.stream().map(Solvers::byName).toList())
                .mode(StepMode.CONSTANT).levels(3, 7).paths(200).seed(7).threads(2)
                .run();
        System.out.printf(Locale.ROOT, "%-8s %5s %16s %18s %12s%n", "solver", "level", "evaluations/path",
                "microseconds/path", "rms error");
        for (StudyRow r : result.rows()) {
            System.out.printf(Locale.ROOT, "%-8s %5d %16.0f %18.1f %12.3e%n", r.solver(), r.level(),
                    r.meanEvaluations(), 1e6 * r.seconds() / result.paths(), r.rmsError());
        }
        // The cheapest way to an error of 1e-3: the fewest evaluations among the rows that reach it.
        result.rows().stream().filter(r -> r.rmsError() <= 1e-3)
                .min((a, b) -> Double.compare(a.meanEvaluations(), b.meanEvaluations()))
                .ifPresentOrElse(
                        r -> System.out.printf(Locale.ROOT, "cheapest to 1e-3: %s at level %d (%.0f evaluations per path)%n",
                                r.solver(), r.level(), r.meanEvaluations()),
                        () -> System.out.println("no solver reached 1e-3 at these levels"));
    }
}
