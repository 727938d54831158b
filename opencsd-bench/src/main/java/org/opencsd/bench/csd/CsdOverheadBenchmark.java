package org.opencsd.bench.csd;

import java.util.concurrent.TimeUnit;
import org.opencsd.csd.BundledKernels;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.csd.ExecuteRequest;
import org.opencsd.csd.LbaGrant;
import org.opencsd.csd.LbaRange;
import org.opencsd.csd.ProgramOptions;
import org.opencsd.ebpf.jit.EngineKind;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
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
 * Per-execution overhead with the program loaded once (the original created a VM and re-read the
 * ELF per request): one Execute Program of a 4 KiB grant with its call context, memory
 * reservation, watchdog registration and accounting, on the caller's thread ({@link #execute})
 * or through the device's worker pool ({@link #submit}). {@code empty} returns at once;
 * {@code passthrough} also reads the 4 KiB LBA and returns it. {@code heap} is the kernel's scratch
 * heap (zeroed per execution; 1 MiB is the default, the original's).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CsdOverheadBenchmark {
    @Param({"empty", "passthrough"})
    public String kernel;

    @Param({"4096", "1048576"})
    public int heap;

    @Param({"jit"})
    public String engine;

    private ZonedDevice zns;
    private ComputationalStorageDevice csd;
    private ExecuteRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        zns = ZonedDevices.memory(ZoneGeometry.of(2, 4096, 256, 256));
        zns.append(0, new byte[4096]);
        csd = new ComputationalStorageDevice(zns);
        csd.loadElf(0, kernel, BundledKernels.get(kernel), ProgramOptions.DEFAULTS.withEngine(EngineKind.valueOf(engine.toUpperCase())));
        csd.activate(0);
        request = ExecuteRequest.standalone(0, LbaGrant.of(LbaRange.read(0, 1)), 4096).withHeapBytes(heap);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        csd.close();
        zns.close();
    }

    /** On the caller's thread (the synchronous path). */
    @Benchmark
    public long execute() {
        return csd.execute(request).value();
    }

    /** Handed to the device's worker pool and awaited (the asynchronous path: one thread hand-off each way). */
    @Benchmark
    public long submit() {
        return csd.submit(request).join().value();
    }
}
