package org.opencsd.bench.fs;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential write of 1 GiB in 1 MiB requests: through FluffleFS's API (a file, then fsync)
 * and, as the baseline, the raw zoned device of the same geometry in the same folder (Zone
 * Appends zone after zone, then flush). Each iteration starts from a fresh image. The score is
 * milliseconds per GiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class FsSequentialBenchmark {
    @Param({"fluffle", "device"})
    String target;

    private SequentialTarget t;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        t = new SequentialTarget(target);
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        t.close();
    }

    @Benchmark
    public long write1GiB() {
        return t.writeAll();
    }
}
