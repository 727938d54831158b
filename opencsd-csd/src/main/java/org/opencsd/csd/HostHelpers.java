package org.opencsd.csd;

import java.nio.charset.StandardCharsets;
import org.opencsd.ebpf.HelperContext;

/**
 * Helper bodies that do not touch the device, shared by both ABIs: return data, memory info,
 * call info, debug. Every pointer goes through the VM's checked accessors, so a bad pointer
 * faults the kernel. Stateless; thread-safe.
 */
final class HostHelpers {
    private static final System.Logger LOG = System.getLogger("org.opencsd.csd.kernel");

    private HostHelpers() {}

    /** {@code bpf_return_data(data, size)}: keeps a copy; the last call wins. */
    static long returnData(HelperContext ctx, long data, long size) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        if (size < 0 || size > s.limits.maxReturnBytes()) {
            throw s.stop(ctx, CsdError.RETURN_DATA_LIMIT, "return data of " + Long.toUnsignedString(size)
                    + " bytes exceeds the limit of " + s.limits.maxReturnBytes() + " bytes (pc " + ctx.pc() + ")");
        }
        s.returnData = ctx.read(data, (int) size);
        return 0;
    }

    /** {@code bpf_get_mem_info(void **mem, u64 *size)}: the heap after the call context. */
    static long memInfo(HelperContext ctx, long memPtr, long sizePtr) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        ctx.load64(sizePtr); // both pointers are checked before either is written
        s.mapHeap();
        ctx.store64(memPtr, s.heapAddress);
        ctx.store64(sizePtr, s.heapSize);
        return 0;
    }

    /** {@code bpf_get_call_info(void **call)}: the context's address; untouched when there is none. */
    static long callInfo(HelperContext ctx, long callPtr) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        if (s.contextAddress == 0) return 0;
        ctx.load64(callPtr);
        s.mapHeap();
        ctx.store64(callPtr, s.contextAddress);
        return 0;
    }

    /**
     * {@code bpf_debug(const char *s)}: reads up to the limit's bytes or the NUL, logs the string
     * at DEBUG level and keeps it in the result; a longer string is cut and marked with "...".
     */
    static long debug(HelperContext ctx, long str) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        int max = s.limits.maxDebugBytes();
        byte[] buf = new byte[max];
        int n = 0;
        while (n < max) {
            byte b = (byte) ctx.load8(str + n);
            if (b == 0) break;
            buf[n++] = b;
        }
        String msg = new String(buf, 0, n, StandardCharsets.UTF_8) + (n == max ? "..." : "");
        LOG.log(System.Logger.Level.DEBUG, "kernel: {0}", msg);
        s.log(msg);
        return 0;
    }
}
