import org.wiener.brownian.BrownianIncrement;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.MutableBrownianIncrement;
import org.wiener.brownian.VirtualBrownianTree;

/**
 * A Brownian path and its Levy areas from one seed.
 *
 * <p>Run after {@code mvn -q package -DskipTests}:
 * {@code java -cp target/classes examples/BrownianPathExample.java}
 */
public class BrownianPathExample {

    public static void main(String[] args) {
        // One seed fixes the whole path on [0, 10] in 3 dimensions, with H and K.
        VirtualBrownianTree tree = VirtualBrownianTree.builder()
                .interval(0.0, 10.0).dimension(3).tolerance(1e-6)
                .levyArea(LevyArea.SPACE_TIME_TIME)
                .seed(2024).build();

        // Any interval, in any order.
        BrownianIncrement late = tree.increment(7.5, 8.0);
        BrownianIncrement early = tree.increment(0.0, 0.5);
        System.out.println("[7.5, 8.0]: " + late);
        System.out.println("[0.0, 0.5]: " + early);

        // Asking again, after other queries, gives the same bits.
        System.out.println("same again: " + tree.increment(7.5, 8.0).equals(late));

        // Chen's relation: W adds up over adjacent intervals.
        double whole = tree.increment(2.0, 3.0).w(0);
        double parts = tree.increment(2.0, 2.4).w(0) + tree.increment(2.4, 3.0).w(0);
        System.out.printf("W over [2, 3] = %.15f, sum of parts = %.15f%n", whole, parts);

        // The path's values W_t - W_0 on a grid, without allocating per step.
        MutableBrownianIncrement step = new MutableBrownianIncrement(3, LevyArea.SPACE_TIME_TIME);
        double[] w = new double[3];
        double dt = 0.5;
        for (double t = 0.0; t < 10.0 - 1e-12; t += dt) {
            tree.increment(t, t + dt, step);
            for (int j = 0; j < 3; j++) {
                w[j] += step.w()[j];
            }
        }
        System.out.printf("W_10 by summing steps: %.12f; by value(10): %.12f%n", w[0], tree.value(10.0)[0]);
    }
}
