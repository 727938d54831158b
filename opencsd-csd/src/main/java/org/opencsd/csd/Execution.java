package org.opencsd.csd;

import java.util.List;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.FaultKind;
import org.opencsd.ebpf.Region;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.zns.ZonedDevice;

/**
 * One run of one request on a worker thread: reserves device memory, lays out the kernel's
 * memory, runs the slot's engine, maps faults to {@link CsdError}s and records the accounting.
 *
 * <p>Kernel memory layout: region {@link Region#HEAP} holds the call context at offset 0
 * (padded to 8 bytes) followed by the scratch heap, mapped when the kernel first asks for either
 * ({@link ExecutionState#mapHeap()}); parameter data is a private copy in
 * {@link Region#INPUT} (r1 = its address, r2 = its length, both 0 without parameters); memory
 * range {@code i} of the request is host region {@code 8 + i}; stack, rodata and data as for any
 * program. Confined to one worker thread, except {@link #cancel()}.
 */
final class Execution {
    /** First host region id used for memory ranges. */
    static final int FIRST_RANGE_REGION = Region.FIRST_HOST_ID + 1;

    private final ZonedDevice device;
    private final ExecutionLimits limits;
    private final DeviceMemory pool;
    private final Accounting accounting;
    private final LoadedProgram program;
    private final ExecuteRequest request;
    private final long submitted;
    private final long deadline;
    private final int contextBytes;
    private final int heapBytes;
    private volatile ExecutionState state;
    private volatile boolean cancelled;
    /** 0 queued, 1 waiting for device memory, 2 running. */
    private volatile int phase;

    Execution(ZonedDevice device, ExecutionLimits limits, DeviceMemory pool, Accounting accounting, LoadedProgram program,
              ExecuteRequest request, long submitted) {
        this.device = device;
        this.limits = limits;
        this.pool = pool;
        this.accounting = accounting;
        this.program = program;
        this.request = request;
        this.submitted = submitted;
        this.deadline = submitted + limits.wallTime().toNanos();
        CallContext c = request.callContext();
        this.contextBytes = c == null ? 0 : (c.encodedSize() + 7) & ~7;
        this.heapBytes = request.heapBytes() < 0 ? limits.defaultHeapBytes() : request.heapBytes();
        long total = memoryBytes();
        if (total > limits.maxMemoryBytes()) {
            throw new CsdException(CsdError.MEMORY_LIMIT, "the execution needs " + total + " bytes of device memory (context "
                    + contextBytes + ", heap " + heapBytes + ", parameters " + request.parameterBytes().length
                    + "), more than the limit of " + limits.maxMemoryBytes());
        }
    }

    /** When the wall time runs out ({@link System#nanoTime()} scale). */
    long deadline() {
        return deadline;
    }

    /** Bytes of device memory the execution holds while it runs. */
    long memoryBytes() {
        return (long) contextBytes + heapBytes + request.parameterBytes().length;
    }

    /** The watchdog's call: the kernel stops at its next helper call or read chunk. */
    void cancel() {
        cancelled = true;
        ExecutionState s = state;
        if (s != null) s.cancel();
    }

    /** Runs the request; the caller's thread becomes the kernel's. */
    CsdResult run() {
        int pages = 0;
        ExecutionState s = null;
        try {
            phase = 1;
            pages = pool.reserve(memoryBytes(), deadline - System.nanoTime());
            phase = 2;
            VmMemory vm = VmMemory.forProgram(program.program(), VmOptions.DEFAULTS.withHeapSize(0));
            s = layout(vm);
            state = s;
            if (cancelled) s.cancel();
            boolean compiled = program.compiled();
            ExecutionResult r = runEngine(vm, s);
            if (cancelled) throw timeout();
            ExecutionStats stats = new ExecutionStats(s.bytesRead, s.bytesWritten, s.returnData.length, r.instructions(),
                    program.options().engine(), compiled, System.nanoTime() - submitted, s.helperCalls, s.helperFailures);
            accounting.completed(stats);
            return new CsdResult(r.r0(), s.returnData, s.debug, s.debugDropped, stats);
        } catch (RuntimeException e) {
            accounting.failed(s == null ? 0 : s.bytesRead, s == null ? 0 : s.bytesWritten);
            throw e;
        } finally {
            if (pages > 0) pool.release(pages);
        }
    }

    private ExecutionState layout(VmMemory vm) {
        byte[] params = request.parameterBytes();
        if (params.length > 0) vm.mapInput(params.clone());
        List<MemoryRange> ranges = request.memoryRanges();
        for (int i = 0; i < ranges.size(); i++) vm.map(FIRST_RANGE_REGION + i, ranges.get(i).bytes(), true);
        return new ExecutionState(device, request.grant(), limits, vm, request.callContext(), contextBytes, heapBytes, deadline);
    }

    private ExecutionResult runEngine(VmMemory vm, ExecutionState s) {
        int n = request.parameterBytes().length;
        long r1 = n == 0 ? 0 : Region.INPUT.base();
        try {
            return program.engine().execute(vm, r1, n, s);
        } catch (VmFault f) {
            if (s.limitHit != null) throw new CsdException(s.limitHit, s.limitMessage, f);
            if (f.kind() == FaultKind.INTERRUPTED) {
                throw new CsdException(CsdError.WALL_TIME_LIMIT, s.wallTimeMessage(f.pc()), f);
            }
            if (f.kind() == FaultKind.BUDGET_EXHAUSTED) {
                throw new CsdException(CsdError.INSTRUCTION_LIMIT, "instruction limit of " + limits.maxInstructions()
                        + " exceeded at pc " + f.pc() + " in " + program.name(), f);
            }
            throw new CsdException(CsdError.KERNEL_FAULT, "kernel " + program.name() + " faulted: " + f.getMessage(), f);
        }
    }

    /** The error of an execution past its deadline: where it was stuck decides which. */
    CsdException timeout() {
        return switch (phase) {
            case 0 -> new CsdException(CsdError.WALL_TIME_LIMIT, "wall-time limit of " + limits.wallTime().toMillis()
                    + " ms exceeded while " + program.name() + " waited for an execution slot");
            case 1 -> new CsdException(CsdError.MEMORY_EXHAUSTED, "device memory exhausted: " + program.name() + " waited "
                    + limits.wallTime().toMillis() + " ms for " + memoryBytes() + " bytes, " + pool.available() + " available");
            default -> new CsdException(CsdError.WALL_TIME_LIMIT, "wall-time limit of " + limits.wallTime().toMillis()
                    + " ms exceeded by " + program.name());
        };
    }
}
