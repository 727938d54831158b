package org.opencsd.bench.csd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.opencsd.csd.BundledKernels;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.csd.CsdResult;
import org.opencsd.csd.ExecuteRequest;
import org.opencsd.csd.LbaGrant;
import org.opencsd.csd.LbaRange;
import org.opencsd.csd.ProgramOptions;
import org.opencsd.ebpf.jit.EngineKind;
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
 * A kernel over a 256 MiB zone of demo data on the file backend: (a) offloaded to the
 * computational storage device ({@link #offload}, only the result crosses to the host), against
 * (b) the host reading the same LBAs through the zoned device and computing the same answer in
 * Java ({@link #host}, every byte crosses). The setup checks both give identical bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class CsdOffloadBenchmark {
    /** The pattern pattern_count looks for (as its parameter). */
    static final int PATTERN = 0x12345;

    @Param({"zcsd_demo", "sum_u64", "byte_histogram", "min_max", "pattern_count"})
    public String kernel;

    @Param({"jit"})
    public String engine;

    /** Size of the zone of demo data the kernels scan; the host baseline reads all of it. */
    @Param({"256"})
    public int zoneMiB;

    private DemoZone zone;
    private ComputationalStorageDevice csd;
    private ExecuteRequest request;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        zone = new DemoZone(zoneMiB);
        csd = new ComputationalStorageDevice(zone.device);
        csd.loadElf(0, kernel, BundledKernels.get(kernel), ProgramOptions.DEFAULTS.withEngine(EngineKind.valueOf(engine.toUpperCase())));
        csd.activate(0);
        byte[] param = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(PATTERN).array();
        request = ExecuteRequest.standalone(0, LbaGrant.of(LbaRange.read(0, zone.zoneLbas)), DemoZone.LBA)
                .withParameters(param);
        byte[] device = offload();
        byte[] host = host();
        if (!Arrays.equals(device, host)) throw new IllegalStateException(kernel + ": offloaded and host results differ");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        csd.close();
        zone.close();
    }

    /** (a) The kernel runs in the device; the host receives its return data. */
    @Benchmark
    public byte[] offload() {
        CsdResult r = csd.execute(request);
        if (r.value() != 0) throw new IllegalStateException(kernel + " returned " + (int) r.value());
        return r.returnData();
    }

    /** (b) The host reads the whole zone and computes the same answer. */
    @Benchmark
    public byte[] host() {
        return HostKernels.compute(kernel, zone.device, 0, zone.zoneLbas, PATTERN);
    }
}
