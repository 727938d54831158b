package org.opencsd.csd;

import java.util.ArrayList;
import java.util.List;
import org.opencsd.ebpf.HelperContext;
import org.opencsd.ebpf.Interruptible;
import org.opencsd.ebpf.Region;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;

/**
 * The per-execution state the helpers work on (the VM attachment): the device, the grant, the
 * kernel's heap and call context addresses, the limits and deadline, and the accounting so far.
 *
 * <p>Confined to the thread running the execution, except {@link #cancel()}, which the watchdog
 * calls from another thread, and {@link #interruptRequested()}, which the engines poll: the
 * kernel then stops at its next helper call, read chunk, or engine poll (at least every
 * {@link org.opencsd.ebpf.Fuel#CHECK_INTERVAL} instructions), whichever comes first.
 */
final class ExecutionState implements Interruptible {
    final ZonedDevice device;
    final ZoneGeometry geometry;
    final LbaGrant grant;
    final ExecutionLimits limits;
    final long heapAddress;
    final long heapSize;
    /** Address of the call context, or 0 when the execution has none. */
    final long contextAddress;
    private final VmMemory vm;
    private final CallContext context;
    private final int contextBytes;
    private boolean heapMapped;
    private final long deadline;
    private volatile boolean cancelled;

    /** Set by a helper just before it stops the kernel for a limit, so the fault maps to it. */
    CsdError limitHit;
    String limitMessage;
    byte[] returnData = new byte[0];
    long bytesRead;
    long bytesWritten;
    long helperCalls;
    long helperFailures;
    final List<String> debug = new ArrayList<>();
    int debugDropped;

    ExecutionState(ZonedDevice device, LbaGrant grant, ExecutionLimits limits, VmMemory vm, CallContext context,
                   int contextBytes, int heapBytes, long deadline) {
        this.device = device;
        this.geometry = device.geometry();
        this.grant = grant;
        this.limits = limits;
        this.vm = vm;
        this.context = context;
        this.contextBytes = contextBytes;
        this.heapAddress = Region.HEAP.base() + contextBytes;
        this.heapSize = heapBytes;
        this.contextAddress = context == null ? 0 : Region.HEAP.base();
        this.deadline = deadline;
    }

    /**
     * Maps the context-and-heap region ({@link Region#HEAP}: the encoded call context, then the
     * zeroed heap) the first time a kernel asks where it is ({@code bpf_get_mem_info},
     * {@code bpf_get_call_info}): a kernel that never asks never pays for zeroing its heap.
     */
    void mapHeap() {
        if (heapMapped) return;
        byte[] bytes = KernelMemory.zeroed(contextBytes + (int) heapSize);
        if (context != null) context.encodeInto(bytes, 0);
        vm.map(Region.HEAP.id(), bytes, true);
        heapMapped = true;
    }

    /** The state of the running execution. */
    static ExecutionState of(HelperContext ctx) {
        return (ExecutionState) ctx.attachment();
    }

    /** Asks the kernel to stop: its next helper call fails with the wall-time limit. */
    void cancel() {
        cancelled = true;
    }

    /** Whether the kernel must stop: cancelled by the watchdog, or past its deadline. */
    @Override
    public boolean interruptRequested() {
        return cancelled || System.nanoTime() - deadline > 0;
    }

    /** The message of a kernel stopped for its wall time at {@code pc}. */
    String wallTimeMessage(int pc) {
        return "wall-time limit of " + limits.wallTime().toMillis() + " ms exceeded (kernel stopped at pc " + pc + ")";
    }

    /** Counts a helper call and stops the kernel when it is past its deadline. */
    void enter(HelperContext ctx) {
        helperCalls++;
        checkDeadline(ctx);
    }

    void checkDeadline(HelperContext ctx) {
        if (interruptRequested()) throw stop(ctx, CsdError.WALL_TIME_LIMIT, wallTimeMessage(ctx.pc()));
    }

    /** Records a limit and returns the fault that stops the kernel. */
    VmFault stop(HelperContext ctx, CsdError error, String message) {
        limitHit = error;
        limitMessage = message;
        return ctx.fail(message);
    }

    /** A helper that failed without harm: counted, and -1 for the kernel. */
    long failure() {
        helperFailures++;
        return -1;
    }

    void log(String message) {
        if (debug.size() < limits.maxDebugMessages()) {
            debug.add(message);
        } else {
            debugDropped++;
        }
    }
}
