package org.opencsd.csd;

import java.util.List;

/**
 * The completion of Execute Program: the kernel's 64-bit return value (r0 at exit), the return
 * data of its last {@code bpf_return_data}, what it logged with {@code bpf_debug}, and the
 * accounting. Immutable (the return data is copied out).
 *
 * @param value          r0 at exit
 * @param returnData     the bytes returned to the host (empty when the kernel returned none)
 * @param debugMessages  the strings logged, in order (at most the limit's count)
 * @param debugDropped   strings logged beyond that count
 * @param stats          the accounting of this execution
 */
public record CsdResult(long value, byte[] returnData, List<String> debugMessages, int debugDropped, ExecutionStats stats) {
    public CsdResult {
        returnData = returnData.clone();
        debugMessages = List.copyOf(debugMessages);
    }

    @Override
    public byte[] returnData() {
        return returnData.clone();
    }
}
