package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** LBA grants (merging, lookups) and the call context's byte layout. */
class GrantAndContextTest {
    @Test
    void grantsMergeOverlappingRangesAndCheckEveryLba() {
        LbaGrant g = LbaGrant.of(LbaRange.read(10, 5), LbaRange.read(0, 3), LbaRange.read(13, 4),
                new LbaRange(100, 10, LbaRange.Access.READ_WRITE));
        assertEquals(3 + 7 + 10, g.lbaCount());
        assertTrue(g.canRead(10, 7));
        assertTrue(g.canRead(0, 3));
        assertFalse(g.canRead(2, 2), "LBA 3 is not granted");
        assertFalse(g.canRead(16, 2));
        assertFalse(g.canRead(-1, 1));
        assertFalse(g.canRead(Long.MAX_VALUE, 2));
        assertFalse(g.canWrite(10, 1));
        assertTrue(g.canWrite(100, 10));
        assertFalse(g.canWrite(100, 11));
        assertArrayEquals(new long[] {0, 1, 2, 10, 11, 12, 13, 14, 15, 16}, java.util.Arrays.copyOf(g.lbas(), 10));
        assertFalse(LbaGrant.none().canRead(0, 1));
    }

    @Test
    void theContextHasFluffleFsLayout() {
        CallContext c = new CallContext(1, 0x1111, 0x2222, 0x3333, 0x4444, 1, 0x5555, new long[] {7, 9});
        byte[] b = c.encode();
        assertEquals(52 + 3 * 8, b.length);
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, x.getInt(0));
        assertEquals(0x1111, x.getLong(4));
        assertEquals(0x2222, x.getLong(12));
        assertEquals(0x3333, x.getLong(20));
        assertEquals(0x4444, x.getLong(28));
        assertEquals(1, x.getInt(36));
        assertEquals(0, x.getInt(40));
        assertEquals(0x5555, x.getLong(44));
        assertEquals(7, x.getLong(52));
        assertEquals(9, x.getLong(60));
        assertEquals(0, x.getLong(68), "terminator");
    }

    @Test
    void aStandaloneContextDescribesTheGrantAsOneFile() {
        CallContext c = CallContext.describing(LbaGrant.of(LbaRange.read(64, 2), LbaRange.read(10, 1)), 4096);
        assertEquals(3 * 4096, c.size());
        assertEquals(3 * 4096, c.fileSize());
        assertEquals(0, c.offset());
        assertEquals(CallContext.OP_READ_STREAM, c.op());
        assertArrayEquals(new long[] {10, 64, 65}, c.lbas());
    }
}
