package org.wiener.benchmarks;

/**
 * What the machine itself gives on several threads: a dependent multiply-add loop (no memory traffic)
 * timed on 1 thread and on {@code n} threads at once. The ensemble's scaling is judged against this, not
 * against an ideal n× that a shared virtual machine may not offer.
 *
 * <pre>java -cp target/benchmarks.jar org.wiener.benchmarks.MachineScaling 2</pre>
 */
public final class MachineScaling {

    private static final long ITERATIONS = 600_000_000L;

    private MachineScaling() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        // Alternate the two configurations and keep each one's best: the first rounds include compilation
        // (on-stack replacement of the loop), and a shared machine adds noise to single runs.
        double one = Double.POSITIVE_INFINITY;
        double many = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 5; round++) {
            one = Math.min(one, run(1));
            many = Math.min(many, run(n));
        }
        System.out.printf("1 thread: %.2f s; %d threads at once: %.2f s; throughput ratio %.2f%n",
                one, n, many, n * one / many);
    }

    private static double run(int threads) throws InterruptedException {
        Thread[] workers = new Thread[threads];
        double[] sink = new double[threads];
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int index = i;
            workers[i] = new Thread(() -> {
                double x = 1.0;
                for (long k = 0; k < ITERATIONS; k++) {
                    x = x * 1.0000001 + 1e-9;
                }
                sink[index] = x;
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (sink[0] == 0.0) {
            System.out.println(sink[0]); // keeps the loop from being removed
        }
        return (System.nanoTime() - start) * 1e-9;
    }
}
