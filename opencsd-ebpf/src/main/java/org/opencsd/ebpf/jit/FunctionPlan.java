package org.opencsd.ebpf.jit;

import java.util.List;
import java.util.Map;

/**
 * How one eBPF function is compiled: a JVM method {@code void name(JitState st)} that runs the
 * function with its registers in {@code st.regs}, and the segments holding its code (one, unless
 * the function is too large for one JVM method HotSpot still compiles). Immutable.
 *
 * @param entry pc of the function's first instruction
 * @param name the function method's name
 * @param unit index of the hidden class holding the function method
 * @param segments the function's segments, in pc order
 * @param owner the segment of each block, by the block's start pc
 */
record FunctionPlan(int entry, String name, int unit, List<Segment> segments, Map<Integer, Segment> owner) {
    /** The segment compiling the block at {@code pc}. */
    Segment segmentOf(int pc) {
        Segment s = owner.get(pc);
        if (s == null) throw new IllegalArgumentException("pc " + pc + " is not in function " + entry);
        return s;
    }
}
