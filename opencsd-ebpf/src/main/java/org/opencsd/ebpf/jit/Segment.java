package org.opencsd.ebpf.jit;

import java.util.List;
import java.util.SortedSet;

/**
 * A run of basic blocks of one function compiled into one JVM method
 * {@code int name(JitState st, int entryPc)}. Control enters at one of {@link #entries} with the
 * registers in {@code st.regs} and leaves by returning the pc to continue at (in another segment
 * of the same function) or -1 after the function's {@code exit}. Immutable.
 *
 * @param function pc of the function's first instruction
 * @param name the method name, unique in the program
 * @param unit index of the hidden class holding the method
 * @param blocks the blocks, in pc order
 * @param entries the pcs at which control may enter from outside the segment
 */
record Segment(int function, String name, int unit, List<Block> blocks, SortedSet<Integer> entries) {}
