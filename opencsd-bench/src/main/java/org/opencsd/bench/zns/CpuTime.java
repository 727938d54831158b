package org.opencsd.bench.zns;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Secondary JMH results: the benchmark thread's CPU time per iteration ({@code cpuNanos}) and
 * the operations it ran ({@code calls}), so that CPU nanoseconds per operation can be compared
 * even on a machine shared with other work, where throughput swings with the load. Benchmarks
 * call {@link #count()} once per operation. One per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of the benchmark thread during the iteration. */
    public long cpuNanos;
    /** Operations during the iteration. */
    public long calls;
    private long start;

    @Setup(Level.Iteration)
    public void begin() {
        cpuNanos = 0;
        calls = 0;
        start = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void end() {
        cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    }

    /** Counts one operation. */
    public void count() {
        calls++;
    }
}
