package org.opencsd.ebpf;

/**
 * Something that runs a loaded, verified {@link Program}: the {@link Interpreter}, or compiled
 * code. Implementations are immutable after construction and may be used by several threads at
 * once, each execution having its own {@link VmMemory}.
 */
public interface ExecutionEngine {
    /** The program this engine runs. */
    Program program();

    /** The helpers calls resolve to. */
    HelperRegistry helpers();

    /** The limits of each execution. */
    VmOptions options();

    /**
     * Runs the program's entry function with r1 = {@code r1}, r2 = {@code r2}, r10 = the top of
     * the stack and the other registers zero, on {@code memory}; helpers see {@code attachment}.
     *
     * @throws VmFault when the program faults or exhausts its instruction budget
     */
    ExecutionResult execute(VmMemory memory, long r1, long r2, Object attachment);

    /**
     * Runs the program on {@code input} (mapped writable, not copied, as {@link Region#INPUT}; r1
     * = its address, r2 = its length), or with r1 = r2 = 0 when {@code input} is {@code null}, in
     * memory set up as {@link VmMemory#forProgram} does (zeroed stack and heap, fresh copy of the
     * writable data). The memory is this thread's reusable {@link ScratchMemory}: valid only
     * during the call (a helper must not keep {@link HelperContext#memory()} beyond it).
     */
    default ExecutionResult execute(byte[] input) {
        return ScratchMemory.execute(this, input);
    }
}
