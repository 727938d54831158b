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
 * Sequential read of 1 GiB in 1 MiB requests, of a file (or the device LBAs) written once in the
 * trial set-up. Milliseconds per GiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class FsSequentialReadBenchmark {
    @Param({"fluffle", "device"})
    String target;

    private SequentialTarget t;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        t = new SequentialTarget(target);
        t.writeAll();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        t.close();
    }

    @Benchmark
    public long read1GiB() {
        return t.readAll();
    }
}
