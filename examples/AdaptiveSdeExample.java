import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.control.PidController;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.SaveAt;
import org.wiener.integrate.Solution;
import org.wiener.integrate.StepRecord;
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solvers;

/**
 * Solves geometric Brownian motion dX = 0.5 X dt + 0.8 X dW (Ito) adaptively with SPaRK on a Virtual
 * Brownian Tree, compares with the exact solution on the same path, and prints the step statistics.
 *
 * <p>Run after {@code mvn -q package -DskipTests}:
 * {@code java -cp "target/classes:$(cat target/classpath.txt)" examples/AdaptiveSdeExample.java}
 */
public class AdaptiveSdeExample {

    public static void main(String[] args) {
        double mu = 0.5;
        double sigma = 0.8;
        SdeProblem ito = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = mu * y[0])
                .diffusion((t, y, out) -> out[0] = sigma * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = sigma * v[0])
                .calculus(Calculus.ITO)
                .initialState(1.0).interval(0.0, 1.0)
                .build();
        // SPaRK converges to the Stratonovich solution: convert the drift (mu -> mu - sigma^2/2).
        SdeProblem problem = ito.inCalculus(Calculus.STRATONOVICH);

        double dtmin = 1e-6;
        VirtualBrownianTree tree = VirtualBrownianTree.builder()
                .interval(0.0, 1.0).tolerance(dtmin / 2).levyArea(LevyArea.SPACE_TIME).seed(2024).build();

        Integrator integrator = Integrator.builder()
                .solver(Solvers.byName("spark"))
                .controller(PidController.builder(1e-4, 1e-4).coefficients(0.1, 0.3, 0.0)
                        .stepBounds(dtmin, 0.1).initialStep(0.01).build())
                .saveAt(SaveAt.times(0.25, 0.5, 0.75))
                .recordSteps(true)
                .build();
        Solution solution = integrator.solve(problem, tree);

        System.out.println("status: " + solution.status() + " (" + solution.message() + ")");
        System.out.println("statistics: " + solution.stats());
        for (int i = 0; i < solution.size(); i++) {
            double t = solution.time(i);
            double exact = Math.exp((mu - 0.5 * sigma * sigma) * t + sigma * tree.value(t)[0]);
            System.out.printf("t = %.2f   X = %.8f   exact on the same path = %.8f%n", t, solution.state(i)[0], exact);
        }
        long rejected = solution.records().stream().filter(r -> !r.accepted()).count();
        double largest = solution.records().stream().mapToDouble(StepRecord::h).max().orElse(0);
        System.out.printf("%d step records, %d rejected, largest step %.4f%n", solution.records().size(), rejected,
                largest);
    }
}
