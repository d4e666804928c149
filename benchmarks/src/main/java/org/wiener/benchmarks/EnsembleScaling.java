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
import org.wiener.sde.Calculus;
import org.wiener.sde.NoiseType;
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
 * best repetition of each variant the breakdown. Not a JMH benchmark; run it with
 *
 * <pre>java -cp target/benchmarks.jar org.wiener.benchmarks.EnsembleScaling slow_rk_doubled DPID 11 8 2 15</pre>
 *
 * (solver, controller, tolerance 2<sup>-k</sup>, dtminLog2, threads, repetitions of each variant).
 */
public final class EnsembleScaling {

    private EnsembleScaling() {
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

    /** One timed repetition. */
    private static final class Rep {
        double wall;
        double processCpu;
        double workerCpu;
        double workerBytes;
        int workers;
        double othersCpu;
        long gcCount;
        double gcTime;
        double checksum;

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "wall %.1f ms, process CPU %.1f ms, solving threads' CPU %.1f ms on %d "
                            + "thread(s) (%.2f us, %.0f bytes allocated per path), other processes %.2f cores, GC %d collections "
                            + "%.1f ms", wall * 1e3, processCpu * 1e3, workerCpu * 1e3, workers,
                    workerCpu / GbmEnsembleBenchmark.PATHS * 1e6, workerBytes / GbmEnsembleBenchmark.PATHS,
                    othersCpu / wall, gcCount, gcTime * 1e3);
        }
    }

    /**
     * @param args solver, controller (I, PID, DPID, FIXED), k (tolerance 2^-k), dtminLog2, threads, repetitions
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
        SdeProblem problem = SdeProblem.builder()
                .drift((t, y, out) -> out[0] = GbmEnsembleBenchmark.MU * y[0])
                .diffusion((t, y, out) -> out[0] = GbmEnsembleBenchmark.SIGMA * y[0], NoiseType.SCALAR, 1)
                .diffusionDerivative((t, y, v, out) -> out[0] = GbmEnsembleBenchmark.SIGMA * v[0])
                .calculus(Calculus.ITO).initialState(1.0).interval(0.0, GbmEnsembleBenchmark.T).build()
                .inCalculus(solver.properties().calculus());
        Integrator integrator = GbmEnsembleBenchmark.Workload.integrator(solver, controller, tol, dtmin);
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        int paths = GbmEnsembleBenchmark.PATHS;
        long master = GbmEnsembleBenchmark.MASTER_SEED;

        String[] names = {"loop", "ens1", "ens" + threads};
        Rep[] best = new Rep[3];
        boolean[] bestClean = new boolean[3];
        int[] cleanCount = new int[3];
        double reference = Double.NaN;
        for (int r = 0; r < reps; r++) {
            for (int v = 0; v < 3; v++) {
                // Each worker notes its CPU time whenever it starts a path; the latest note per thread is
                // (almost) its whole share.
                Map<Thread, Long> firstCpu = new ConcurrentHashMap<>();
                Map<Thread, Long> lastCpu = new ConcurrentHashMap<>();
                Map<Thread, Long> firstBytes = new ConcurrentHashMap<>();
                Map<Thread, Long> lastBytes = new ConcurrentHashMap<>();
                LongFunction<VirtualBrownianTree> tree = seed -> {
                    Thread me = Thread.currentThread();
                    long now = threadBean.getCurrentThreadCpuTime();
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
                long busy0 = machineBusyNanos();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                double checksum = 0.0;
                if (v == 0) {
                    for (int i = 0; i < paths; i++) {
                        Solution s = integrator.solve(problem, tree.apply(Seeds.derive(master, i)));
                        checksum += s.finalState()[0];
                    }
                } else {
                    List<Solution> all = Ensemble.solve(integrator, problem, paths, master, tree, v == 1 ? 1 : threads);
                    for (Solution s : all) {
                        checksum += s.finalState()[0];
                    }
                }
                long wall1 = System.nanoTime();
                long cpu1 = os.getProcessCpuTime();
                long busy1 = machineBusyNanos();
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
                rep.gcCount = gcCount1 - gcCount0;
                rep.gcTime = (gcTime1 - gcTime0) * 1e-3;
                rep.checksum = checksum;
                if (Double.isNaN(reference)) {
                    reference = checksum;
                } else if (Double.doubleToRawLongBits(reference) != Double.doubleToRawLongBits(checksum)) {
                    throw new IllegalStateException(names[v] + " checksum " + checksum + " differs from " + reference);
                }
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
        for (int v = 0; v < 3; v++) {
            System.out.printf(Locale.ROOT, "%-5s best of %d (%d clean): %.0f paths/s; %s%n", names[v], reps,
                    cleanCount[v], paths / best[v].wall, best[v]);
        }
        System.out.printf(Locale.ROOT, "ratio %s/loop %.3f, %s/ens1 %.3f, ens1/loop %.3f (checksum %.9f)%n", names[2],
                best[0].wall / best[2].wall, names[2], best[1].wall / best[2].wall, best[0].wall / best[1].wall,
                reference);
    }
}
