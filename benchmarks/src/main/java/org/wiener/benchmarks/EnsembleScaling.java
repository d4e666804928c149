package org.wiener.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.wiener.brownian.LevyArea;
import org.wiener.brownian.VirtualBrownianTree;
import org.wiener.integrate.Ensemble;
import org.wiener.integrate.Integrator;
import org.wiener.integrate.Solution;
import org.wiener.random.Seeds;
import org.wiener.sde.SdeProblem;
import org.wiener.solver.Solver;
import org.wiener.solver.Solvers;

/**
 * How the GBM ensemble of {@link GbmEnsembleBenchmark} scales over threads, and why not further: the same
 * 4096 paths solved, in alternating repetitions, by a plain loop on this thread ({@code loop}), by
 * {@code Ensemble.solve(..., 1)} ({@code ens1}) and by {@code Ensemble.solve(..., n)} ({@code ensN}). For each
 * repetition it records wall time, the process's CPU time (all threads: workers, garbage collector,
 * compiler), the CPU time of the threads that solved (sampled by each worker at every path it starts, so
 * the last path of each worker is missing: a few microseconds) and the collectors' count and time. It
 * prints the best wall time of each variant, the throughput ratios ens-N/loop and ens-N/ens1, and for the
 * best repetition of each variant the breakdown. A fourth variant, {@code ownN}, is the control: N plain
 * threads that share nothing of the solve (see {@link #ownCopies}). Not a JMH benchmark; run it with
 *
 * <pre>java -cp target/benchmarks.jar org.wiener.benchmarks.EnsembleScaling slow_rk_doubled DPID 11 8 2 15</pre>
 *
 * (solver, controller, tolerance 2<sup>-k</sup>, dtminLog2, threads, repetitions of each variant).
 */
public final class EnsembleScaling {

    private EnsembleScaling() {
    }

    /**
     * The control experiment: {@code threads} plain threads, each with its own solver, controller,
     * integrator and problem built on that thread (so no object of the solve is shared between threads,
     * and none is in a cache line another thread writes), solving a contiguous share of the paths. If
     * this scales like {@code Ensemble.solve}, the ensemble's coordination and shared objects are not
     * what limits it.
     *
     * @return the sum of the final states in path order (equal to the other variants' checksum)
     */
    private static double ownCopies(String[] args, int threads, int paths, long master,
                                    LongFunction<VirtualBrownianTree> tree) {
        double[] finals = new double[paths];
        Thread[] workers = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            int from = (int) ((long) paths * k / threads);
            int to = (int) ((long) paths * (k + 1) / threads);
            workers[k] = new Thread(() -> {
                Solver solver = Solvers.byName(args[0]);
                String controller = args[1].toUpperCase(Locale.ROOT);
                double tol = Math.pow(2.0, -Double.parseDouble(args[2]));
                double dtmin = Math.scalb(1.0, -Integer.parseInt(args[3]));
                SdeProblem problem = GbmEnsembleBenchmark.problem(solver);
                Integrator integrator = GbmEnsembleBenchmark.Workload.integrator(solver, controller, tol, dtmin);
                for (int i = from; i < to; i++) {
                    finals[i] = integrator.solve(problem, tree.apply(Seeds.derive(master, i))).finalState()[0];
                }
            });
            workers[k].start();
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double sum = 0.0;
        for (double x : finals) {
            sum += x;
        }
        return sum;
    }

    /** @return the machine's busy CPU time so far (all CPUs, from /proc/stat; 0 where it cannot be read) */
    private static long machineBusyNanos() {
        try {
            String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * 10_000_000L; // USER_HZ = 100
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * @return CPU ticks (10 ms) so far of this process's native threads, by kind: the JVM's own threads
     *     (collector, refinement, compiler) by name, the Java threads together as "java"
     */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(task.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // the thread ended
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                String kind = name.startsWith("G1") || name.startsWith("GC") || name.startsWith("C1")
                        || name.startsWith("C2") || name.startsWith("VM") ? name.replaceAll("[#0-9 ]+$", "") : "java";
                ticks.merge(kind, t, Long::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return ticks;
        }
        return ticks;
    }

    /** One timed repetition. */
    private static final class Rep {
        double wall;
        double processCpu;
        double workerCpu;
        double workerBytes;
        int workers;
        double othersCpu;
        /** Latest first-path start among the workers, after the call began (thread start-up). */
        double lateStart;
        /** Latest last-path start minus the earliest one among the workers (the tail, roughly). */
        double finishSpread;
        long gcCount;
        double gcTime;
        double checksum;

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "wall %.1f ms, process CPU %.1f ms, solving threads' CPU %.1f ms on %d "
                            + "thread(s) (%.2f us, %.0f bytes allocated per path), other processes %.2f cores, GC %d collections "
                            + "%.1f ms", wall * 1e3, processCpu * 1e3, workerCpu * 1e3, workers,
                    workerCpu / GbmEnsembleBenchmark.PATHS * 1e6, workerBytes / GbmEnsembleBenchmark.PATHS,
                    othersCpu / wall, gcCount, gcTime * 1e3) + String.format(Locale.ROOT,
                    ", last worker's first path at %.2f ms, last paths' starts spread over %.2f ms", lateStart * 1e3,
                    finishSpread * 1e3);
        }
    }

    /**
     * @param args solver, controller (I, PID, DPID, DPID8, FIXED), k (tolerance 2^-k), dtminLog2, threads, repetitions
     */
    public static void main(String[] args) {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: EnsembleScaling solver controller k dtminLog2 threads reps, got "
                    + args.length + " arguments");
        }
        Solver solver = Solvers.byName(args[0]);
        String controller = args[1].toUpperCase(Locale.ROOT);
        double tol = Math.pow(2.0, -Double.parseDouble(args[2]));
        int dtminLog2 = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int reps = Integer.parseInt(args[5]);
        double dtmin = Math.scalb(1.0, -dtminLog2);
        LevyArea levy = solver.properties().levyArea();
        SdeProblem problem = GbmEnsembleBenchmark.problem(solver);
        Integrator integrator = GbmEnsembleBenchmark.Workload.integrator(solver, controller, tol, dtmin);
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        int paths = GbmEnsembleBenchmark.PATHS;
        long master = GbmEnsembleBenchmark.MASTER_SEED;

        String[] names = {"loop", "ens1", "ens" + threads, "own" + threads};
        int variants = names.length;
        Rep[] best = new Rep[variants];
        boolean[] bestClean = new boolean[variants];
        int[] cleanCount = new int[variants];
        double[][] cpuPerPath = new double[variants][reps];
        double reference = Double.NaN;
        List<Map<String, Long>> jvmTicks = List.of(new java.util.TreeMap<>(), new java.util.TreeMap<>(),
                new java.util.TreeMap<>(), new java.util.TreeMap<>());
        for (int r = 0; r < reps; r++) {
            for (int v = 0; v < variants; v++) {
                // Each worker notes its CPU time whenever it starts a path; the latest note per thread is
                // (almost) its whole share.
                Map<Thread, Long> firstCpu = new ConcurrentHashMap<>();
                Map<Thread, Long> lastCpu = new ConcurrentHashMap<>();
                Map<Thread, Long> firstNano = new ConcurrentHashMap<>();
                Map<Thread, Long> lastNano = new ConcurrentHashMap<>();
                Map<Thread, Long> firstBytes = new ConcurrentHashMap<>();
                Map<Thread, Long> lastBytes = new ConcurrentHashMap<>();
                LongFunction<VirtualBrownianTree> tree = seed -> {
                    Thread me = Thread.currentThread();
                    long now = threadBean.getCurrentThreadCpuTime();
                    long nano = System.nanoTime();
                    firstNano.putIfAbsent(me, nano);
                    lastNano.put(me, nano);
                    firstCpu.putIfAbsent(me, now);
                    lastCpu.put(me, now);
                    long bytes = threadBean.getCurrentThreadAllocatedBytes();
                    firstBytes.putIfAbsent(me, bytes);
                    lastBytes.put(me, bytes);
                    return VirtualBrownianTree.builder().interval(0.0, GbmEnsembleBenchmark.T).tolerance(dtmin / 2)
                            .levyArea(levy).seed(seed).build();
                };
                long gcCount0 = 0;
                long gcTime0 = 0;
                for (GarbageCollectorMXBean c : collectors) {
                    gcCount0 += c.getCollectionCount();
                    gcTime0 += c.getCollectionTime();
                }
                Map<String, Long> ticks0 = r >= reps / 2 ? threadTicks() : Map.of();
                long busy0 = machineBusyNanos();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                double checksum = 0.0;
                if (v == 0) {
                    for (int i = 0; i < paths; i++) {
                        Solution s = integrator.solve(problem, tree.apply(Seeds.derive(master, i)));
                        checksum += s.finalState()[0];
                    }
                } else if (v < 3) {
                    List<Solution> all = Ensemble.solve(integrator, problem, paths, master, tree, v == 1 ? 1 : threads);
                    for (Solution s : all) {
                        checksum += s.finalState()[0];
                    }
                } else {
                    checksum = ownCopies(args, threads, paths, master, tree);
                }
                long wall1 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                long busy1 = machineBusyNanos();
                if (r >= reps / 2) {
                    // the second half of the repetitions (compilation mostly done): CPU of the JVM's own threads
                    for (Map.Entry<String, Long> e : threadTicks().entrySet()) {
                        long d = e.getValue() - ticks0.getOrDefault(e.getKey(), 0L);
                        if (d > 0) {
                            jvmTicks.get(v).merge(e.getKey(), d, Long::sum);
                        }
                    }
                }
                long gcCount1 = 0;
                long gcTime1 = 0;
                for (GarbageCollectorMXBean c : collectors) {
                    gcCount1 += c.getCollectionCount();
                    gcTime1 += c.getCollectionTime();
                }
                Rep rep = new Rep();
                rep.wall = (wall1 - wall0) * 1e-9;
                rep.processCpu = (cpu1 - cpu0) * 1e-9;
                rep.othersCpu = Math.max(0.0, (busy1 - busy0 - (cpu1 - cpu0)) * 1e-9);
                for (Map.Entry<Thread, Long> e : lastCpu.entrySet()) {
                    rep.workerCpu += (e.getValue() - firstCpu.get(e.getKey())) * 1e-9;
                }
                for (Map.Entry<Thread, Long> e : lastBytes.entrySet()) {
                    rep.workerBytes += e.getValue() - firstBytes.get(e.getKey());
                }
                rep.workers = lastCpu.size();
                long lateFirst = Long.MIN_VALUE;
                long minLast = Long.MAX_VALUE;
                long maxLast = Long.MIN_VALUE;
                for (Thread th : lastNano.keySet()) {
                    lateFirst = Math.max(lateFirst, firstNano.get(th));
                    minLast = Math.min(minLast, lastNano.get(th));
                    maxLast = Math.max(maxLast, lastNano.get(th));
                }
                rep.lateStart = (lateFirst - wall0) * 1e-9;
                rep.finishSpread = (maxLast - minLast) * 1e-9;
                rep.gcCount = gcCount1 - gcCount0;
                rep.gcTime = (gcTime1 - gcTime0) * 1e-3;
                rep.checksum = checksum;
                if (Double.isNaN(reference)) {
                    reference = checksum;
                } else if (Double.doubleToRawLongBits(reference) != Double.doubleToRawLongBits(checksum)) {
                    throw new IllegalStateException(names[v] + " checksum " + checksum + " differs from " + reference);
                }
                cpuPerPath[v][r] = rep.workerCpu / paths;
                // The machine is shared: a repetition during which other processes used more than a tenth of a
                // core (from /proc/stat, in 10 ms ticks) is not clean, and counts only while no clean one exists.
                boolean clean = rep.othersCpu < 0.1 * rep.wall;
                if (clean) {
                    cleanCount[v]++;
                }
                if (best[v] == null || (clean && !bestClean[v]) || (clean == bestClean[v] && rep.wall < best[v].wall)) {
                    best[v] = rep;
                    bestClean[v] = clean;
                }
            }
        }
        for (int v = 0; v < variants; v++) {
            System.out.printf(Locale.ROOT, "%-5s best of %d (%d clean): %.0f paths/s; %s%n", names[v], reps,
                    cleanCount[v], paths / best[v].wall, best[v]);
        }
        for (int v = 0; v < variants; v++) {
            double[] sorted = cpuPerPath[v].clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-5s solving threads' CPU per path over all repetitions: min %.2f us, "
                    + "quartiles %.2f / %.2f / %.2f us%n", names[v], sorted[0] * 1e6, sorted[reps / 4] * 1e6,
                    sorted[reps / 2] * 1e6, sorted[3 * reps / 4] * 1e6);
        }
        for (int v = 0; v < variants; v++) {
            System.out.printf(Locale.ROOT, "%-5s CPU by thread kind over the last %d repetitions, in 10 ms ticks: %s%n",
                    names[v], reps - reps / 2, jvmTicks.get(v));
        }
        System.out.printf(Locale.ROOT, "ratio %s/loop %.3f, %s/ens1 %.3f, ens1/loop %.3f, %s/loop %.3f (checksum %.9f)%n",
                names[2], best[0].wall / best[2].wall, names[2], best[1].wall / best[2].wall, best[0].wall / best[1].wall,
                names[3], best[0].wall / best[3].wall, reference);
    }
}
