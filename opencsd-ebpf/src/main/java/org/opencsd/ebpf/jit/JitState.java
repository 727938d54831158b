package org.opencsd.ebpf.jit;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.HelperContext;
import org.opencsd.ebpf.Region;
import org.opencsd.ebpf.VmMemory;

/**
 * The mutable state of one execution of compiled code. Compiled methods keep r0-r10 and the
 * remaining budget in JVM locals; they meet here only at method boundaries: {@link #regs} is the
 * register file handed between functions and segments (the interpreter's layout, 16 slots),
 * {@link #budget} the remaining instruction budget, {@link #depth} the number of active call
 * frames below the current one. The region tables are read once per method entry.
 *
 * <p>Confined to the executing thread; a new instance per execution.
 */
final class JitState {
    /** The register file at method boundaries (r0-r10; interpreter layout). */
    final long[] regs = new long[16];
    /** Region table for loads. */
    final byte[][] rd;
    /** Region table for stores (read-only regions are {@code null}). */
    final byte[][] wr;
    /** The stack region, proven to be {@link VmMemory#STACK_SIZE} writable bytes. */
    final byte[] stack;
    /** The execution's memory (atomics and interpreter fallbacks use it). */
    final VmMemory memory;
    /** What helpers see. */
    final HelperContext context;
    /** The decoded program (for invalid-slot messages and interpreter fallbacks). */
    final DecodedProgram decoded;
    /** The compiled program (for {@code callx} dispatch). */
    final CompiledProgram program;
    /** Remaining instruction budget, valid at method boundaries. */
    long budget;
    /** Call frames active above the entry frame (0 in the entry function). */
    int depth;

    JitState(CompiledProgram program, VmMemory memory, Object attachment, long budget) {
        this.program = program;
        this.decoded = program.decoded();
        this.memory = memory;
        this.rd = memory.readableTable();
        this.wr = memory.writableTable();
        this.stack = memory.region(Region.STACK.id());
        this.context = new HelperContext(memory, attachment);
        this.budget = budget;
    }

    /**
     * Whether {@code memory} has the standard stack that compiled code addresses directly: a
     * writable region of exactly {@link VmMemory#STACK_SIZE} bytes.
     */
    static boolean hasStandardStack(VmMemory memory) {
        int id = Region.STACK.id();
        byte[] s = memory.readableTable()[id];
        return s != null && s.length == VmMemory.STACK_SIZE && memory.writableTable()[id] == s;
    }
}
