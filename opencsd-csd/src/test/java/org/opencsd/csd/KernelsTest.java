package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencsd.ebpf.jit.EngineKind;

/** Every bundled kernel against the same answer computed on the host from the same bytes, on every engine. */
class KernelsTest {
    private static final long SEED = 42;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void zcsdDemoCountsValuesAboveHalfRandMax(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "zcsd_demo", engine)) {
            byte[] data = f.fillDemo(3, SEED);
            long expected = 0;
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) if (Integer.toUnsignedLong(b.getInt()) > DemoData.RAND_MAX / 2) expected++;
            CsdResult r = f.runStandalone(0, Fixture.zoneGrant(3));
            assertEquals(0, r.value());
            assertEquals(expected, Fixture.u64(r.returnData(), 0));
            assertEquals(data.length, r.stats().bytesRead());
            assertEquals(8, r.stats().bytesReturned());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sumOfU64(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "sum_u64", engine)) {
            byte[] data = f.fillDemo(1, SEED);
            long expected = 0;
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) expected += b.getLong();
            CsdResult r = f.runStandalone(0, Fixture.zoneGrant(1));
            assertEquals(0, r.value());
            assertEquals(expected, Fixture.u64(r.returnData(), 0));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void byteHistogram(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "byte_histogram", engine).kernel(1, "byte_histogram_heap", engine)) {
            byte[] data = f.fillDemo(2, SEED);
            int[] expected = new int[256];
            for (byte x : data) expected[x & 0xff]++;
            for (int slot = 0; slot < 2; slot++) {
                CsdResult r = f.runStandalone(slot, Fixture.zoneGrant(2));
                assertEquals(0, r.value());
                assertEquals(1024, r.returnData().length);
                int[] bins = new int[256];
                ByteBuffer.wrap(r.returnData()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(bins);
                assertArrayEquals(expected, bins, "slot " + slot);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void patternCountWithTheParameterAsPattern(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "pattern_count", engine)) {
            byte[] data = DemoData.bytes(SEED, 16 * 4096);
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 1000; i++) b.putInt(i * 64, 0xcafe);
            f.zns.append(4, data);
            long expected = 0;
            for (int i = 0; i < data.length; i += 4) if (b.getInt(i) == 0xcafe) expected++;
            byte[] pattern = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xcafe).array();
            LbaGrant grant = LbaGrant.of(LbaRange.read(Fixture.GEOMETRY.zoneStart(4), 16));
            CsdResult r = f.csd.execute(ExecuteRequest.standalone(0, grant, 4096).withParameters(pattern));
            assertEquals(0, r.value());
            assertEquals(expected, Fixture.u64(r.returnData(), 0));
            assertEquals(1000, expected);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void minAndMaxAcrossTwoZonesAndARangeOfLbas(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "min_max", engine)) {
            byte[] a = f.fillDemo(5, 7);
            byte[] b = f.fillDemo(6, 8);
            byte[] both = new byte[a.length + 4096 * 3];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, 4096 * 3);
            long[] u = new long[both.length / 4];
            for (int i = 0; i < u.length; i++) u[i] = Integer.toUnsignedLong(Fixture.u32(both, i * 4));
            LbaGrant grant = LbaGrant.of(Fixture.zoneGrant(5).ranges().getFirst(),
                    LbaRange.read(Fixture.GEOMETRY.zoneStart(6), 3));
            CsdResult r = f.runStandalone(0, grant);
            assertEquals(0, r.value());
            assertEquals(Arrays.stream(u).min().orElseThrow(), Integer.toUnsignedLong(Fixture.u32(r.returnData(), 0)));
            assertEquals(Arrays.stream(u).max().orElseThrow(), Integer.toUnsignedLong(Fixture.u32(r.returnData(), 4)));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void passthroughReturnsTheBytesOfAFileLikeContext(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "passthrough", engine)) {
            byte[] data = f.fillDemo(2, SEED);
            long z = Fixture.GEOMETRY.zoneStart(2);
            long[] lbas = {z + 5, z + 1, z + 9};
            CallContext ctx = new CallContext(CallContext.OP_READ_STREAM, 3 * 4096, 0, 77, 1, 0, 10_000, lbas);
            LbaGrant grant = LbaGrant.of(LbaRange.read(z + 5, 1), LbaRange.read(z + 1, 1), LbaRange.read(z + 9, 1));
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, grant, ctx));
            assertEquals(0, r.value());
            byte[] expected = new byte[10_000];
            System.arraycopy(data, 5 * 4096, expected, 0, 4096);
            System.arraycopy(data, 4096, expected, 4096, 4096);
            System.arraycopy(data, 9 * 4096, expected, 8192, 10_000 - 8192);
            assertArrayEquals(expected, r.returnData());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void holesInTheLbaListReadAsZeroesWithoutAGrant(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "passthrough", engine).kernel(1, "byte_histogram", engine)
                .kernel(2, "lba_list", engine)) {
            byte[] data = f.fillDemo(2, SEED);
            long z = Fixture.GEOMETRY.zoneStart(2);
            long[] lbas = {z + 3, CallContext.HOLE, z + 4, CallContext.HOLE};
            CallContext ctx = new CallContext(CallContext.OP_READ_STREAM, 4 * 4096 - 100, 0, 9, 1, 0, 4 * 4096 - 100, lbas);
            LbaGrant grant = LbaGrant.of(LbaRange.read(z + 3, 2)); // the holes need none
            byte[] expected = new byte[4 * 4096 - 100];
            System.arraycopy(data, 3 * 4096, expected, 0, 4096);
            System.arraycopy(data, 4 * 4096, expected, 2 * 4096, 4096);
            assertArrayEquals(expected, f.csd.execute(ExecuteRequest.of(0, grant, ctx)).returnData());
            int[] bins = new int[256];
            for (byte x : expected) bins[x & 0xff]++;
            int[] got = new int[256];
            ByteBuffer.wrap(f.csd.execute(ExecuteRequest.of(1, grant, ctx)).returnData()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(got);
            assertArrayEquals(bins, got);
            ByteBuffer listed = ByteBuffer.wrap(f.csd.execute(ExecuteRequest.of(2, grant, ctx)).returnData()).order(ByteOrder.LITTLE_ENDIAN);
            long[] seen = new long[listed.remaining() / 8];
            listed.asLongBuffer().get(seen);
            assertArrayEquals(lbas, seen, "the kernel sees the holes as CallContext.HOLE");
            assertEquals(2 * 4096, f.csd.execute(ExecuteRequest.of(1, grant, ctx)).stats().bytesRead(), "holes are not device reads");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void kernelsWithoutCallContextReportIt(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "sum_u64", engine)) {
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, Fixture.zoneGrant(0), null));
            assertEquals(-1, (int) r.value());
            assertEquals(0, r.returnData().length);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aReadOutsideTheGrantFailsTheKernelsReadNotTheDevice(EngineKind engine) {
        try (Fixture f = new Fixture().kernel(0, "sum_u64", engine)) {
            f.fillDemo(1, SEED);
            long z = Fixture.GEOMETRY.zoneStart(1);
            CallContext ctx = CallContext.describing(LbaGrant.of(LbaRange.read(z, 4)), 4096);
            long readsBefore = f.zns.stats().bytesRead();
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.of(LbaRange.read(z, 2)), ctx));
            assertEquals(-2, (int) r.value(), "main returns int: r0 holds it in its low 32 bits");
            assertEquals(1, r.stats().helperFailures());
            assertEquals(f.zns.stats().bytesRead(), readsBefore, "the refused read never reached the device");
        }
    }
}
