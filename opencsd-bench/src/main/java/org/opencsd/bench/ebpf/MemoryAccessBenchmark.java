package org.opencsd.bench.ebpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why VM regions are {@code byte[]} read through {@code byteArrayViewVarHandle}: the same checked
 * u64 load loop (region lookup by the address's upper 32 bits, bounds check, little-endian load)
 * over 1 MiB, backed by a {@code byte[]} with a view VarHandle, a heap {@link MemorySegment} and
 * a native {@link MemorySegment}. Run: {@code bench/run-jmh.sh MemoryAccessBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MemoryAccessBenchmark {
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int REGION = 4;

    private final byte[][] arrays = new byte[16][];
    private final MemorySegment[] heap = new MemorySegment[16];
    private final MemorySegment[] nativeSegments = new MemorySegment[16];
    private Arena arena;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] data = new byte[InterpreterBenchmark.SIZE];
        new Random(1).nextBytes(data);
        arrays[REGION] = data;
        heap[REGION] = MemorySegment.ofArray(data);
        arena = Arena.ofConfined();
        nativeSegments[REGION] = arena.allocate(data.length, 8).copyFrom(MemorySegment.ofArray(data));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private static byte[] array(byte[][] table, long address, int size) {
        long id = address >>> 32;
        if (id < table.length) {
            byte[] b = table[(int) id];
            int off = (int) address;
            if (b != null && off >= 0 && off <= b.length - size) return b;
        }
        throw new IndexOutOfBoundsException();
    }

    private static MemorySegment segment(MemorySegment[] table, long address, int size) {
        long id = address >>> 32;
        if (id < table.length) {
            MemorySegment s = table[(int) id];
            long off = address & 0xffffffffL;
            if (s != null && off <= s.byteSize() - size) return s;
        }
        throw new IndexOutOfBoundsException();
    }

    @Benchmark
    public long byteArrayVarHandle() {
        long base = (long) REGION << 32;
        long sum = 0;
        for (long a = base; a < base + InterpreterBenchmark.SIZE; a += 8) sum += (long) I64.get(array(arrays, a, 8), (int) a);
        return sum;
    }

    @Benchmark
    public long heapSegment() {
        long base = (long) REGION << 32;
        long sum = 0;
        for (long a = base; a < base + InterpreterBenchmark.SIZE; a += 8) sum += segment(heap, a, 8).get(LE64, a & 0xffffffffL);
        return sum;
    }

    @Benchmark
    public long nativeSegment() {
        long base = (long) REGION << 32;
        long sum = 0;
        for (long a = base; a < base + InterpreterBenchmark.SIZE; a += 8) {
            sum += segment(nativeSegments, a, 8).get(LE64, a & 0xffffffffL);
        }
        return sum;
    }
}
