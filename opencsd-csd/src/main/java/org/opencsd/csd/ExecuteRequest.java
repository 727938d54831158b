package org.opencsd.csd;

import java.util.List;
import java.util.Objects;

/**
 * Execute Program: run the active program of {@code slot}. Immutable (the parameter bytes are
 * copied in and out).
 *
 * @param slot          the program slot
 * @param parameters    parameter data, mapped as a private writable copy; the kernel gets its
 *                      address in r1 and its length in r2 (r1 = r2 = 0 when empty)
 * @param grant         the LBAs the kernel may read (and append to)
 * @param callContext   what {@code bpf_get_call_info} returns, or {@code null} for none
 * @param memoryRanges  device memory ranges mapped for the kernel: range {@code i} at
 *                      {@code (8 + i) << 32} (at most {@value #MAX_MEMORY_RANGES})
 * @param heapBytes     the kernel's scratch heap ({@code bpf_get_mem_info}); {@code -1} for the
 *                      device's default
 */
public record ExecuteRequest(int slot, byte[] parameters, LbaGrant grant, CallContext callContext,
                             List<MemoryRange> memoryRanges, int heapBytes) {
    /** Memory ranges one execution can map (host regions 8 to 15). */
    public static final int MAX_MEMORY_RANGES = 8;

    public ExecuteRequest {
        parameters = parameters == null ? new byte[0] : parameters.clone();
        Objects.requireNonNull(grant, "grant");
        memoryRanges = List.copyOf(memoryRanges);
        if (memoryRanges.size() > MAX_MEMORY_RANGES) {
            throw new CsdException(CsdError.INVALID_REQUEST, "at most " + MAX_MEMORY_RANGES + " memory ranges per execution, not "
                    + memoryRanges.size());
        }
        if (heapBytes < -1) throw new CsdException(CsdError.INVALID_REQUEST, "heap size must be >= 0: " + heapBytes);
    }

    /** Run {@code slot} on {@code grant} with {@code context}, no parameters, the default heap. */
    public static ExecuteRequest of(int slot, LbaGrant grant, CallContext context) {
        return new ExecuteRequest(slot, null, grant, context, List.of(), -1);
    }

    /**
     * Run {@code slot} on {@code grant} standalone: the call context describes the granted LBAs
     * ({@link CallContext#describing}), as {@code opencsd csd run} does.
     */
    public static ExecuteRequest standalone(int slot, LbaGrant grant, int lbaSize) {
        return of(slot, grant, CallContext.describing(grant, lbaSize));
    }

    @Override
    public byte[] parameters() {
        return parameters.clone();
    }

    /** The parameter bytes without copying; for the device. */
    byte[] parameterBytes() {
        return parameters;
    }

    public ExecuteRequest withParameters(byte[] p) {
        return new ExecuteRequest(slot, p, grant, callContext, memoryRanges, heapBytes);
    }

    public ExecuteRequest withHeapBytes(int n) {
        return new ExecuteRequest(slot, parameters, grant, callContext, memoryRanges, n);
    }

    public ExecuteRequest withMemoryRanges(List<MemoryRange> ranges) {
        return new ExecuteRequest(slot, parameters, grant, callContext, ranges, heapBytes);
    }

    public ExecuteRequest withSlot(int s) {
        return new ExecuteRequest(s, parameters, grant, callContext, memoryRanges, heapBytes);
    }
}
