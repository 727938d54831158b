package org.opencsd.ebpf;

import java.util.Arrays;

/**
 * A per-thread, reusable {@link VmMemory} for {@link ExecutionEngine#execute(byte[])}: instead
 * of allocating a fresh stack, data copy and heap for every call (on small inputs, touching that
 * much cold memory costs more than running the program), each call resets this thread's arrays
 * to exactly the state {@link VmMemory#forProgram} gives: every region unmapped, then a zeroed
 * stack, the program's shared read-only data, a fresh copy of its writable data and a zeroed
 * heap. So executions cannot observe each other.
 *
 * <p>Thread-safety: one instance per thread ({@link ThreadLocal}), never shared. A nested
 * execution on the same thread (a helper running another program) finds the instance in use and
 * gets a freshly allocated memory instead. After each call every region is unmapped again, so
 * the input array is not retained; the memory a helper sees through {@link HelperContext#memory()}
 * is valid only during the call.
 */
final class ScratchMemory {
    /** Heaps up to this size are kept for reuse; larger ones are allocated per call. */
    static final int MAX_KEPT_HEAP = 1 << 20;

    private static final ThreadLocal<ScratchMemory> CACHE = ThreadLocal.withInitial(ScratchMemory::new);

    private final VmMemory memory = new VmMemory();
    private final byte[] stack = new byte[VmMemory.STACK_SIZE];
    private byte[] data = new byte[0];
    private byte[] heap = new byte[0];
    private boolean inUse;

    private ScratchMemory() {}

    /** Runs {@code engine} on {@code input} as {@link ExecutionEngine#execute(byte[])} specifies. */
    static ExecutionResult execute(ExecutionEngine engine, byte[] input) {
        ScratchMemory s = CACHE.get();
        if (s.inUse) return run(engine, VmMemory.forProgram(engine.program(), engine.options()), input);
        s.inUse = true;
        try {
            return run(engine, s.reset(engine.program(), engine.options()), input);
        } finally {
            s.memory.unmapAll();
            s.inUse = false;
        }
    }

    private static ExecutionResult run(ExecutionEngine engine, VmMemory memory, byte[] input) {
        if (input == null) return engine.execute(memory, 0, 0, null);
        return engine.execute(memory, memory.mapInput(input), input.length, null);
    }

    /** This thread's memory in the state {@link VmMemory#forProgram} would create. */
    private VmMemory reset(Program program, VmOptions options) {
        memory.unmapAll();
        Arrays.fill(stack, (byte) 0);
        memory.map(Region.STACK.id(), stack, true);
        if (program.rodataShared().length > 0) memory.map(Region.RODATA.id(), program.rodataShared(), false);
        byte[] image = program.dataShared();
        if (image.length > 0) {
            if (data.length != image.length) data = new byte[image.length];
            System.arraycopy(image, 0, data, 0, image.length);
            memory.map(Region.DATA.id(), data, true);
        }
        int heapSize = options.heapSize();
        if (heapSize > 0) {
            if (heap.length == heapSize) Arrays.fill(heap, (byte) 0);
            else if (heapSize <= MAX_KEPT_HEAP) heap = new byte[heapSize];
            memory.map(Region.HEAP.id(), heap.length == heapSize ? heap : new byte[heapSize], true);
        }
        return memory;
    }
}
