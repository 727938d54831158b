package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencsd.zns.ZoneState;

/**
 * Each helper of both ABIs with good and hostile arguments, from assembler so that every
 * argument is exactly what the test says. Kernel memory: stack 0x2_0000_0000 (r10 at its top),
 * heap region 0x3_0000_0000 (call context first, when there is one), parameters 0x4_0000_0000.
 */
class HelperAbiTest {
    private static final String HEAP = "0x300000000";
    private static final long Z1 = Fixture.GEOMETRY.zoneStart(1);

    /** Asks for the heap first (helper 7), as kernels do: the region is mapped on that call. */
    private static final String MAP_HEAP = """
            stdw [%r10-504], 0
            stdw [%r10-512], 0
            mov %r1, %r10
            add %r1, -504
            mov %r2, %r10
            add %r2, -512
            call 7
            """;

    private static CsdResult run(Fixture f, String asm, LbaGrant grant, CallContext ctx) {
        f.asm(0, MAP_HEAP + asm);
        return f.csd.execute(ExecuteRequest.of(0, grant, ctx));
    }

    private static CsdException failure(Fixture f, String asm, LbaGrant grant) {
        f.asm(0, MAP_HEAP + asm);
        return assertThrows(CsdException.class, () -> f.csd.execute(ExecuteRequest.of(0, grant, null)));
    }

    // 1 bpf_return_data

    @Test
    void returnDataCopiesTheBytesAndTheLastCallWins() {
        try (Fixture f = new Fixture()) {
            CsdResult r = run(f, """
                    stdw [%r10-8], 0x11
                    mov %r1, %r10
                    add %r1, -8
                    mov %r2, 8
                    call 1
                    stdw [%r10-8], 0x2233
                    mov %r1, %r10
                    add %r1, -8
                    mov %r2, 2
                    call 1
                    mov %r0, 7
                    exit""", LbaGrant.none(), null);
            assertEquals(7, r.value());
            assertArrayEquals(new byte[] {0x33, 0x22}, r.returnData());
            assertEquals(2, r.stats().bytesReturned());
        }
    }

    @Test
    void returnDataFromOutsideMemoryFaults() {
        try (Fixture f = new Fixture()) {
            CsdException e = failure(f, "lddw %r1, 0x700000000\nmov %r2, 8\ncall 1\nmov %r0, 0\nexit", LbaGrant.none());
            assertEquals(CsdError.KERNEL_FAULT, e.error());
            assertTrue(e.getMessage().contains("unmapped"), e.getMessage());
        }
    }

    @Test
    void returnDataOverTheLimitFailsWithItsError() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(ExecutionLimits.DEFAULTS.withMaxReturnBytes(16)))) {
            CsdException e = failure(f, "lddw %r1, " + HEAP + "\nmov %r2, 17\ncall 1\nmov %r0, 0\nexit", LbaGrant.none());
            assertEquals(CsdError.RETURN_DATA_LIMIT, e.error());
            assertTrue(e.getMessage().contains("limit of 16 bytes"), e.getMessage());
        }
    }

    // 2 bpf_read

    private static String read(long zone, long sector, long offset, long size, String dst) {
        return "mov %r1, " + zone + "\nmov %r2, " + sector + "\nmov %r3, " + offset + "\nmov %r4, " + size
                + "\nlddw %r5, " + dst + "\ncall 2\n";
    }

    private static final String RETURN_HEAP_16 = "mov %r6, %r0\nlddw %r1, " + HEAP + "\nmov %r2, 16\ncall 1\nmov %r0, %r6\nexit";

    @Test
    void readInsideTheGrantCopiesTheSector() {
        try (Fixture f = new Fixture()) {
            byte[] data = f.fillDemo(1, 5);
            CsdResult r = run(f, read(1, 2, 0, 4096, HEAP) + RETURN_HEAP_16, LbaGrant.of(LbaRange.read(Z1 + 2, 1)), null);
            assertEquals(0, r.value());
            assertArrayEquals(Arrays.copyOfRange(data, 8192, 8192 + 16), r.returnData());
            assertEquals(4096, r.stats().bytesRead());
        }
    }

    @Test
    void readAtAByteOffsetAcrossSectors() {
        try (Fixture f = new Fixture()) {
            byte[] data = f.fillDemo(1, 5);
            CsdResult r = run(f, read(1, 0, 4090, 16, HEAP) + RETURN_HEAP_16, LbaGrant.of(LbaRange.read(Z1, 2)), null);
            assertEquals(0, r.value());
            assertArrayEquals(Arrays.copyOfRange(data, 4090, 4106), r.returnData());
        }
    }

    @Test
    void readOutsideTheGrantReturnsMinusOneAndNeverReachesTheDevice() {
        try (Fixture f = new Fixture()) {
            f.fillDemo(1, 5);
            long before = f.zns.stats().bytesRead();
            LbaGrant grant = LbaGrant.of(LbaRange.read(Z1, 2));
            assertEquals(-1, run(f, read(1, 2, 0, 4096, HEAP) + "exit", grant, null).value(), "the next sector");
            f.csd.deactivate(0);
            f.csd.unload(0);
            assertEquals(-1, run(f, read(1, 1, 0, 8192, HEAP) + "exit", grant, null).value(), "a run that leaves the grant");
            f.csd.deactivate(0);
            f.csd.unload(0);
            assertEquals(-1, run(f, read(1, 0, 8192, 16, HEAP) + "exit", grant, null).value(), "an offset past the grant");
            assertEquals(before, f.zns.stats().bytesRead());
        }
    }

    @Test
    void readOfAZoneOrSectorOutOfRangeOrAcrossZonesReturnsMinusOne() {
        try (Fixture f = new Fixture()) {
            LbaGrant all = LbaGrant.of(LbaRange.read(0, Fixture.GEOMETRY.totalLbas()));
            long before = f.zns.stats().bytesRead();
            assertEquals(-1, run(f, read(8, 0, 0, 16, HEAP) + "exit", all, null).value(), "zone 8 of 8");
            f.csd.deactivate(0);
            f.csd.unload(0);
            assertEquals(-1, run(f, read(1, 64, 0, 16, HEAP) + "exit", all, null).value(), "sector = zone size");
            f.csd.deactivate(0);
            f.csd.unload(0);
            assertEquals(-1, run(f, read(1, 63, 0, 8192, HEAP) + "exit", all, null).value(), "crosses into zone 2");
            assertEquals(before, f.zns.stats().bytesRead());
        }
    }

    @Test
    void readIntoMemoryTheKernelDoesNotOwnFaultsBeforeTheDevice() {
        try (Fixture f = new Fixture()) {
            long before = f.zns.stats().bytesRead();
            LbaGrant grant = LbaGrant.of(LbaRange.read(Z1, 4));
            CsdException e = failure(f, read(1, 0, 0, 8192, "0x200000000") + "exit", grant);
            assertEquals(CsdError.KERNEL_FAULT, e.error(), "8 KiB do not fit in the 4 KiB stack");
            assertTrue(e.getMessage().contains("stack"), e.getMessage());
            f.csd.deactivate(0);
            f.csd.unload(0);
            assertEquals(CsdError.KERNEL_FAULT, failure(f, read(1, 0, 0, 16, "0x0") + "exit", grant).error(), "null");
            f.csd.deactivate(0);
            f.csd.unload(0);
            assertEquals(CsdError.KERNEL_FAULT, failure(f, read(1, 0, 0, 16, "0x1000000000") + "exit", grant).error(), "region 16");
            assertEquals(before, f.zns.stats().bytesRead());
        }
    }

    @Test
    void readOfAHugeOrNegativeSizeReturnsMinusOne() {
        try (Fixture f = new Fixture()) {
            LbaGrant grant = LbaGrant.of(LbaRange.read(Z1, 4));
            assertEquals(-1, run(f, read(1, 0, 0, -1, HEAP) + "exit", grant, null).value());
        }
    }

    // 3 bpf_write

    private static final String APPEND = """
            stdw [%r10-8], 0
            mov %r1, 1
            mov %r2, %r10
            add %r2, -8
            mov %r3, 0
            mov %r4, 100
            lddw %r5, 0x300000000
            call 3
            jne %r0, 0, +2
            ldxdw %r0, [%r10-8]
            exit
            exit""";

    @Test
    void writeAppendsToAZoneGrantedWholeAndStoresTheSector() {
        try (Fixture f = new Fixture()) {
            f.zns.append(1, new byte[4096 * 3]);
            LbaGrant grant = LbaGrant.of(new LbaRange(Z1, 64, LbaRange.Access.READ_WRITE));
            CsdResult r = run(f, APPEND, grant, null);
            assertEquals(3, r.value(), "the assigned sector within the zone");
            assertEquals(100, r.stats().bytesWritten());
            assertEquals(Z1 + 4, f.zns.zone(1).writePointer());
        }
    }

    @Test
    void writeWithoutAWritableGrantOfTheWholeZoneReturnsMinusOne() {
        try (Fixture f = new Fixture()) {
            for (LbaGrant g : List.of(LbaGrant.of(LbaRange.read(Z1, 64)),
                    LbaGrant.of(new LbaRange(Z1, 63, LbaRange.Access.READ_WRITE)), LbaGrant.none())) {
                assertEquals(-1, run(f, APPEND, g, null).value(), g.toString());
                f.csd.deactivate(0);
                f.csd.unload(0);
            }
            assertEquals(ZoneState.EMPTY, f.zns.zone(1).state());
        }
    }

    @Test
    void writeWithABadSectorPointerFaultsBeforeTheDevice() {
        try (Fixture f = new Fixture()) {
            String asm = APPEND.replace("mov %r2, %r10\nadd %r2, -8", "lddw %r2, 0x500000000");
            CsdException e = failure(f, asm, LbaGrant.of(new LbaRange(Z1, 64, LbaRange.Access.READ_WRITE)));
            assertEquals(CsdError.KERNEL_FAULT, e.error());
            assertEquals(ZoneState.EMPTY, f.zns.zone(1).state());
        }
    }

    // 4-6 geometry

    @Test
    void geometryHelpersReportTheDevice() {
        try (Fixture f = new Fixture()) {
            String asm = """
                    call 4
                    mov %r6, %r0
                    call 5
                    lsh %r0, 16
                    or %r6, %r0
                    call 6
                    lsh %r0, 32
                    or %r0, %r6
                    exit""";
            assertEquals(4096 | 48L << 16 | 64L << 32, run(f, asm, LbaGrant.none(), null).value());
        }
    }

    // 7 bpf_get_mem_info, 8 bpf_get_call_info

    @Test
    void memInfoGivesTheHeapAfterTheCallContext() {
        try (Fixture f = new Fixture()) {
            String asm = """
                    stdw [%r10-8], 0
                    stdw [%r10-16], 0
                    mov %r1, %r10
                    add %r1, -8
                    mov %r2, %r10
                    add %r2, -16
                    call 7
                    mov %r1, %r10
                    add %r1, -16
                    mov %r2, 16
                    call 1
                    mov %r0, 0
                    exit""";
            CallContext ctx = CallContext.describing(LbaGrant.of(LbaRange.read(Z1, 3)), 4096);
            f.asm(1, MAP_HEAP + asm);
            CsdResult r = f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), ctx).withHeapBytes(8192));
            int contextBytes = (52 + 8 * 4 + 7) & ~7;
            assertEquals(8192, Fixture.u64(r.returnData(), 0), "size");
            assertEquals(0x300000000L + contextBytes, Fixture.u64(r.returnData(), 8), "heap address");
        }
    }

    @Test
    void theHeapIsMappedOnlyOnceTheKernelAsksForIt() {
        try (Fixture f = new Fixture()) {
            f.asm(0, "lddw %r1, " + HEAP + "\nldxb %r0, [%r1]\nexit");
            CsdException e = assertThrows(CsdException.class, () -> f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null)));
            assertEquals(CsdError.KERNEL_FAULT, e.error());
            assertTrue(e.getMessage().contains("unmapped"), e.getMessage());
            f.asm(1, MAP_HEAP + "lddw %r1, " + HEAP + "\nldxb %r0, [%r1]\nexit");
            assertEquals(0, f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).value(), "zeroed once mapped");
        }
    }

    @Test
    void memInfoWithABadPointerFaults() {
        try (Fixture f = new Fixture()) {
            assertEquals(CsdError.KERNEL_FAULT,
                    failure(f, "mov %r1, %r10\nadd %r1, -8\nmov %r2, 16\ncall 7\nmov %r0, 0\nexit", LbaGrant.none()).error());
        }
    }

    private static final String CALL_INFO = """
            stdw [%r10-8], 99
            mov %r1, %r10
            add %r1, -8
            call 8
            ldxdw %r0, [%r10-8]
            exit""";

    @Test
    void callInfoPointsAtTheContextInTheLayoutOfFluffleFs() {
        try (Fixture f = new Fixture()) {
            CallContext ctx = new CallContext(0, 8192, 4096, 12, 2, 0, 20_000, new long[] {Z1 + 7, Z1 + 3});
            assertEquals(0x300000000L, run(f, CALL_INFO, LbaGrant.none(), ctx).value());
            String fields = """
                    mov %r1, %r10
                    add %r1, -8
                    call 8
                    ldxdw %r1, [%r10-8]
                    ldxdw %r0, [%r1+4]
                    ldxdw %r2, [%r1+12]
                    add %r0, %r2
                    ldxdw %r2, [%r1+20]
                    add %r0, %r2
                    ldxdw %r2, [%r1+44]
                    add %r0, %r2
                    ldxdw %r2, [%r1+52]
                    add %r0, %r2
                    ldxdw %r2, [%r1+60]
                    add %r0, %r2
                    ldxdw %r2, [%r1+68]
                    add %r0, %r2
                    exit""";
            f.asm(1, MAP_HEAP + "stdw [%r10-8], 0\n" + fields);
            long v = f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), ctx)).value();
            assertEquals(8192 + 4096 + 12 + 20_000 + (Z1 + 7) + (Z1 + 3) + 0, v, "dims, inode, size, LBAs and the terminator");
        }
    }

    @Test
    void callInfoLeavesThePointerUntouchedWithoutAContext() {
        try (Fixture f = new Fixture()) {
            assertEquals(99, run(f, CALL_INFO, LbaGrant.none(), null).value());
        }
    }

    // 9 bpf_debug

    @Test
    void debugLogsABoundedString() {
        ExecutionLimits limits = new ExecutionLimits(1_000_000, 1 << 20, 4096, 1024, java.time.Duration.ofSeconds(10), 8, 1);
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(limits))) {
            String asm = """
                    lddw %r1, 0x6f6c6c6568
                    stxdw [%r10-16], %r1
                    stdw [%r10-8], 0
                    mov %r1, %r10
                    add %r1, -16
                    call 9
                    lddw %r1, 0x2222222222222222
                    stxdw [%r10-16], %r1
                    mov %r1, %r10
                    add %r1, -16
                    call 9
                    mov %r0, 0
                    exit""";
            CsdResult r = run(f, asm, LbaGrant.none(), null);
            assertEquals(List.of("hello"), r.debugMessages());
            assertEquals(1, r.debugDropped(), "the second message is over the count limit");
        }
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(limits))) {
            CsdResult r = run(f, "lddw %r1, 0x2222222222222222\nstxdw [%r10-16], %r1\nstdw [%r10-8], 0x414141\nmov %r1, %r10\nadd %r1, -16\ncall 9\nmov %r0, 0\nexit",
                    LbaGrant.none(), null);
            assertEquals(List.of("\"\"\"\"\"\"\"\"..."), r.debugMessages(), "cut at 8 bytes");
        }
    }

    @Test
    void debugOfAStringRunningOffItsRegionFaults() {
        try (Fixture f = new Fixture()) {
            String asm = "lddw %r1, 0x4141414141414141\nstxdw [%r10-8], %r1\nmov %r1, %r10\nadd %r1, -8\ncall 9\nmov %r0, 0\nexit";
            assertEquals(CsdError.KERNEL_FAULT, failure(f, asm, LbaGrant.none()).error());
        }
    }

    // the older ZCSD numbering

    @Test
    void legacyReadTakesAnLbaAByteOffsetAndASixteenBitLimit() {
        try (Fixture f = new Fixture()) {
            byte[] data = f.fillDemo(1, 9);
            String asm = MAP_HEAP.replace("call 7", "call 4") + "lddw %r1, " + Z1 + "\nmov %r2, 8\nlddw %r3, 0x10010\nlddw %r4, " + HEAP + "\ncall 2\n"
                    + "mov %r6, %r0\nlddw %r1, " + HEAP + "\nmov %r2, 32\ncall 1\ncall 3\nexit";
            f.asm(0, asm, HelperAbi.ZCSD_LEGACY);
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.of(LbaRange.read(Z1, 1)), null));
            assertEquals(4096, r.value(), "get_lba_size");
            byte[] expected = new byte[32];
            System.arraycopy(data, 8, expected, 0, 16);
            assertArrayEquals(expected, r.returnData(), "limit 0x10010 reads 0x10 bytes");
        }
    }

    @Test
    void legacyAbiHasNoCallInfo() {
        try (Fixture f = new Fixture()) {
            CsdException e = assertThrows(CsdException.class, () -> f.asm(0, "mov %r1, 0\ncall 8\nexit", HelperAbi.ZCSD_LEGACY));
            assertEquals(CsdError.INVALID_PROGRAM, e.error());
        }
    }
}
