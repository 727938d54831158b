package org.opencsd.ebpf.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies a {@link LoopTable} between its region's array and the {@code long[]} or {@code int[]}
 * a versioned loop indexes instead (little-endian, as the region's bytes are read). Stateless;
 * thread-safe.
 */
final class TableCopy {
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TableCopy() {}

    /** Whether {@code bytes} bytes at offset {@code start} lie inside {@code region}. */
    static boolean fits(byte[] region, int start, int bytes) {
        return start >= 0 && bytes <= region.length - start;
    }

    static void loadLongs(byte[] region, int start, long[] table, int count) {
        for (int i = 0; i < count; i++) table[i] = (long) I64.get(region, start + 8 * i);
    }

    static void storeLongs(byte[] region, int start, long[] table, int count) {
        for (int i = 0; i < count; i++) I64.set(region, start + 8 * i, table[i]);
    }

    static void loadInts(byte[] region, int start, int[] table, int count) {
        for (int i = 0; i < count; i++) table[i] = (int) I32.get(region, start + 4 * i);
    }

    static void storeInts(byte[] region, int start, int[] table, int count) {
        for (int i = 0; i < count; i++) I32.set(region, start + 4 * i, table[i]);
    }
}
