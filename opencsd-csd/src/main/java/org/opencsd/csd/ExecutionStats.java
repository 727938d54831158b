package org.opencsd.csd;

import org.opencsd.ebpf.jit.EngineKind;

/**
 * The accounting of one execution: what it moved and what it cost. Immutable.
 *
 * @param bytesRead      bytes the kernel read from the device ({@code bpf_read}), inside the device
 * @param bytesWritten   bytes the kernel appended ({@code bpf_write})
 * @param bytesReturned  bytes returned to the host ({@code bpf_return_data})
 * @param instructions   instructions executed
 * @param engine         the slot's engine choice
 * @param compiled       whether compiled code ran (always for JIT; for AUTO once the program is hot)
 * @param nanos          wall time from submission to completion
 * @param helperCalls    helper calls made
 * @param helperFailures helper calls that returned -1 (outside the grant, device errors)
 */
public record ExecutionStats(long bytesRead, long bytesWritten, long bytesReturned, long instructions,
                             EngineKind engine, boolean compiled, long nanos, long helperCalls, long helperFailures) {
    /** The engine that ran: {@code interpreter}, {@code jit}, or {@code auto/interpreter}, {@code auto/jit}. */
    public String engineLabel() {
        String ran = compiled ? "jit" : "interpreter";
        return engine == EngineKind.AUTO ? "auto/" + ran : ran;
    }
}
