package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.jit.EngineKind;

/** Kernels written the way the original's were: its read kernel's structure, the ZCSD numbering, debug and append. */
class CompatibilityTest {
    @Test
    void theOriginalReadKernelStructureRunsUnchanged() {
        try (Fixture f = new Fixture()) {
            byte[] data = f.fillDemo(1, 11);
            f.csd.loadElf(0, "original_read", TestKernels.get("original_read"), ProgramOptions.DEFAULTS);
            f.csd.activate(0);
            long z = Fixture.GEOMETRY.zoneStart(1);
            CallContext ctx = new CallContext(0, 8192, 0, 5, 1, 0, 6000, new long[] {z + 2, z + 3});
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.of(LbaRange.read(z + 2, 2)), ctx));
            assertEquals(0, (int) r.value());
            assertArrayEquals(Arrays.copyOfRange(data, 2 * 4096, 2 * 4096 + 6000), r.returnData());
        }
    }

    @Test
    void aZcsdKernelWithTheOlderNumberingRunsInCompatibilityMode() {
        try (Fixture f = new Fixture()) {
            byte[] data = f.fillDemo(3, 12);
            f.csd.loadElf(0, "legacy", TestKernels.get("zcsd_legacy_count"),
                    ProgramOptions.DEFAULTS.withAbi(HelperAbi.ZCSD_LEGACY).withEngine(EngineKind.JIT));
            f.csd.activate(0);
            long z = Fixture.GEOMETRY.zoneStart(3);
            byte[] params = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(z).putLong(10).array();
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.of(LbaRange.read(z, 10)), null).withParameters(params));
            long expected = 0;
            ByteBuffer b = ByteBuffer.wrap(data, 0, 10 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) if ((b.getInt() & 0xffffffffL) > DemoData.RAND_MAX / 2) expected++;
            assertEquals(0, (int) r.value());
            assertEquals(expected, Fixture.u64(r.returnData(), 0));
        }
    }

    @Test
    void aLegacyObjectLoadedUnderTheOpenCsdNumberingIsRefusedAtLoad() {
        try (Fixture f = new Fixture()) {
            CsdException e = org.junit.jupiter.api.Assertions.assertThrows(CsdException.class,
                    () -> f.csd.loadElf(0, "legacy", TestKernels.get("zcsd_legacy_count"), ProgramOptions.DEFAULTS));
            assertEquals(CsdError.INVALID_PROGRAM, e.error());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("bpf_write takes 5 arguments"), e.getMessage());
        }
    }

    @Test
    void debugAndAppendFromAKernel() {
        try (Fixture f = new Fixture()) {
            f.csd.loadElf(0, "debug_append", TestKernels.get("debug_append"), ProgramOptions.DEFAULTS.withEngine(EngineKind.JIT));
            f.csd.activate(0);
            f.zns.append(5, new byte[4096 * 2]);
            long z = Fixture.GEOMETRY.zoneStart(5);
            LbaGrant grant = LbaGrant.of(new LbaRange(z, 64, LbaRange.Access.READ_WRITE));
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, grant, CallContext.describing(LbaGrant.of(LbaRange.read(z, 1)), 4096)));
            assertEquals(2, (int) r.value(), "appended at sector 2");
            assertEquals(List.of("hello from the device"), r.debugMessages());
            byte[] expected = new byte[4096];
            Arrays.fill(expected, 0, 100, (byte) 0xab);
            assertArrayEquals(expected, f.zns.read(z + 2, 1));
            assertEquals(100, r.stats().bytesWritten());
        }
    }
}
