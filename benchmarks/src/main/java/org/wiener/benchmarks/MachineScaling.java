package org.wiener.benchmarks;

/**
 * What the machine itself gives on several threads: a loop timed on 1 thread and on {@code n} threads at
 * once. The ensemble's scaling is judged against this, not against an ideal n× that a shared virtual
 * machine may not offer. Kinds of loop (second argument, default {@code latency}):
 * <ul>
 * <li>{@code latency}: one dependent multiply-add chain (no memory traffic). It uses a small share of a
 * core's execution ports, so it scales n× even on hyper-threads of one physical core: it shows that n
 * threads get scheduled, not that they get n cores.</li>
 * <li>{@code throughput}: eight independent floating-point multiply-add chains and eight 64-bit integer
 * multiply chains (as in Philox), which keep the ports busy: two hyper-threads of one core would share
 * them and scale far below 2×.</li>
 * <li>{@code alloc}: allocates short-lived arrays at about the rate of the GBM ensemble (a few hundred
 * bytes each), which adds the allocation path, cache misses on fresh memory and young collections.</li>
 * </ul>
 *
 * <pre>java -cp target/benchmarks.jar org.wiener.benchmarks.MachineScaling 2 throughput</pre>
 */
public final class MachineScaling {

    private static final long ITERATIONS = 600_000_000L;

    private MachineScaling() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String kind = args.length > 1 ? args[1] : "latency";
        if (!kind.equals("latency") && !kind.equals("throughput") && !kind.equals("alloc")) {
            throw new IllegalArgumentException("kind must be latency, throughput or alloc, got " + kind);
        }
        // Alternate the two configurations and keep each one's best: the first rounds include compilation
        // (on-stack replacement of the loop), and a shared machine adds noise to single runs.
        double one = Double.POSITIVE_INFINITY;
        double many = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 5; round++) {
            one = Math.min(one, run(1, kind));
            many = Math.min(many, run(n, kind));
        }
        System.out.printf("%s: 1 thread: %.2f s; %d threads at once: %.2f s; throughput ratio %.2f%n",
                kind, one, n, many, n * one / many);
    }

    private static double run(int threads, String kind) throws InterruptedException {
        Thread[] workers = new Thread[threads];
        double[] sink = new double[threads];
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int index = i;
            workers[i] = new Thread(() -> {
                switch (kind) {
                    case "throughput":
                        sink[index] = throughput();
                        break;
                    case "alloc":
                        sink[index] = alloc();
                        break;
                    default:
                        double x = 1.0;
                        for (long k = 0; k < ITERATIONS; k++) {
                            x = x * 1.0000001 + 1e-9;
                        }
                        sink[index] = x;
                }
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

    /** Eight independent multiply-add chains and eight independent 64-bit multiply chains. */
    private static double throughput() {
        double a0 = 1.0, a1 = 1.1, a2 = 1.2, a3 = 1.3, a4 = 1.4, a5 = 1.5, a6 = 1.6, a7 = 1.7;
        long b0 = 1, b1 = 3, b2 = 5, b3 = 7, b4 = 9, b5 = 11, b6 = 13, b7 = 15;
        final long m = 0xD2E7470EE14C6C93L;
        for (long k = 0; k < ITERATIONS / 8; k++) {
            a0 = a0 * 1.0000001 + 1e-9;
            a1 = a1 * 1.0000001 + 1e-9;
            a2 = a2 * 1.0000001 + 1e-9;
            a3 = a3 * 1.0000001 + 1e-9;
            a4 = a4 * 1.0000001 + 1e-9;
            a5 = a5 * 1.0000001 + 1e-9;
            a6 = a6 * 1.0000001 + 1e-9;
            a7 = a7 * 1.0000001 + 1e-9;
            b0 = b0 * m + Math.multiplyHigh(b0, m);
            b1 = b1 * m + Math.multiplyHigh(b1, m);
            b2 = b2 * m + Math.multiplyHigh(b2, m);
            b3 = b3 * m + Math.multiplyHigh(b3, m);
            b4 = b4 * m + Math.multiplyHigh(b4, m);
            b5 = b5 * m + Math.multiplyHigh(b5, m);
            b6 = b6 * m + Math.multiplyHigh(b6, m);
            b7 = b7 * m + Math.multiplyHigh(b7, m);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + (b0 ^ b1 ^ b2 ^ b3 ^ b4 ^ b5 ^ b6 ^ b7);
    }

    /** Short-lived arrays of 40 to 550 bytes, about 3 KB per 100 ns of arithmetic, as a GBM path allocates. */
    private static double alloc() {
        double s = 0.0;
        for (long k = 0; k < ITERATIONS / 64; k++) {
            double[] a = new double[2 + (int) (k & 63)];
            a[0] = k;
            a[a.length - 1] = s;
            s = s * 0.5 + a[0] * 1e-9 + a[a.length - 1] * 1e-3;
        }
        return s;
    }
}
