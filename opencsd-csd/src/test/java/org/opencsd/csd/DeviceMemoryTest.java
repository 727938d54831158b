package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device memory: the bounded pool, ranges, Memory Copy from LBAs, ranges mapped into executions. */
class DeviceMemoryTest {
    @Test
    void allocationsComeFromTheBoundedPoolInPages() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withMemoryBytes(64 << 10))) {
            DeviceMemory m = f.csd.memory();
            assertEquals(64 << 10, m.capacity());
            MemoryRange a = m.allocate(1);
            assertEquals((60 << 10), m.available(), "one byte takes a page");
            MemoryRange b = m.allocate(60 << 10);
            assertEquals(0, m.available());
            assertEquals(CsdError.MEMORY_EXHAUSTED, assertThrows(CsdException.class, () -> m.allocate(1)).error());
            m.free(a);
            m.free(b);
            assertEquals(64 << 10, m.available());
            assertEquals(CsdError.INVALID_MEMORY_RANGE, assertThrows(CsdException.class, () -> m.free(a)).error());
            assertEquals(CsdError.INVALID_MEMORY_RANGE, assertThrows(CsdException.class, () -> a.read(0, 1)).error());
            assertEquals(CsdError.INVALID_REQUEST, assertThrows(CsdException.class, () -> m.allocate(0)).error());
        }
    }

    @Test
    void rangesAreReadWrittenAndFilledInsideTheirBoundsOnly() {
        try (Fixture f = new Fixture()) {
            MemoryRange r = f.csd.memory().allocate(100);
            r.write(10, new byte[] {1, 2, 3});
            r.fill(13, 2, (byte) 9);
            assertArrayEquals(new byte[] {0, 1, 2, 3, 9, 9, 0}, r.read(9, 7));
            assertEquals(CsdError.INVALID_MEMORY_RANGE, assertThrows(CsdException.class, () -> r.read(95, 6)).error());
            assertEquals(CsdError.INVALID_MEMORY_RANGE, assertThrows(CsdException.class, () -> r.write(-1, new byte[1])).error());
        }
    }

    @Test
    void memoryCopyReadsLbaRangesInOrder() {
        try (Fixture f = new Fixture()) {
            byte[] data = f.fillDemo(2, 3);
            long z = Fixture.GEOMETRY.zoneStart(2);
            MemoryRange r = f.csd.memory().allocate(3 * 4096 + 8);
            long n = f.csd.copyToMemory(r, 8, List.of(LbaRange.read(z + 4, 2), LbaRange.read(z, 1)));
            assertEquals(3 * 4096, n);
            assertArrayEquals(Arrays.copyOfRange(data, 4 * 4096, 6 * 4096), r.read(8, 2 * 4096));
            assertArrayEquals(Arrays.copyOfRange(data, 0, 4096), r.read(8 + 2 * 4096, 4096));
            assertEquals(3 * 4096, f.csd.totals().bytesCopied());
            assertEquals(CsdError.INVALID_MEMORY_RANGE, assertThrows(CsdException.class,
                    () -> f.csd.copyToMemory(r, 9, List.of(LbaRange.read(z, 3)))).error());
            assertEquals(CsdError.INVALID_REQUEST, assertThrows(CsdException.class,
                    () -> f.csd.copyToMemory(r, 0, List.of(LbaRange.read(Fixture.GEOMETRY.totalLbas(), 1)))).error());
        }
    }

    @Test
    void executionsSeeTheirMemoryRangesAtHostRegionsFromEight() {
        try (Fixture f = new Fixture()) {
            MemoryRange a = f.csd.memory().allocate(16), b = f.csd.memory().allocate(16);
            a.write(0, new byte[] {5});
            b.write(0, new byte[] {7});
            f.asm(0, """
                    lddw %r1, 0x800000000
                    ldxb %r0, [%r1]
                    lddw %r2, 0x900000000
                    ldxb %r3, [%r2]
                    lsh %r3, 8
                    or %r0, %r3
                    stb [%r2+1], 42
                    exit""");
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null).withMemoryRanges(List.of(a, b)));
            assertEquals(5 | 7 << 8, r.value());
            assertEquals(42, b.read(1, 1)[0], "a kernel's writes stay in device memory for the next command");
            CsdException e = assertThrows(CsdException.class,
                    () -> f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null).withMemoryRanges(List.of(a))));
            assertEquals(CsdError.KERNEL_FAULT, e.error(), "an unlisted range is unmapped");
        }
    }

    @Test
    void parametersArriveInR1AndR2() {
        try (Fixture f = new Fixture()) {
            f.asm(0, "ldxb %r0, [%r1+2]\nlsh %r0, 32\nor %r0, %r2\nexit");
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null).withParameters(new byte[] {1, 2, 3, 4, 5}));
            assertEquals(3L << 32 | 5, r.value());
            f.asm(1, "mov %r0, %r1\nor %r0, %r2\nexit");
            assertEquals(0, f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).value(), "no parameters: r1 = r2 = 0");
        }
    }
}
