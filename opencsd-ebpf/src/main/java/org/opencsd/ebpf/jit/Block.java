package org.opencsd.ebpf.jit;

/**
 * A basic block: the instruction slots {@code [start, end)} entered only at {@code start} and left
 * only after its last instruction. Local calls and {@code callx} end a block (the callee spends
 * budget of its own); helper calls do not. Immutable.
 *
 * @param start pc of the first slot
 * @param end pc after the last slot (the second slot of a trailing {@code lddw} included)
 * @param cost instructions in the block as the budget counts them ({@code lddw} once)
 * @param last pc of the last instruction (the terminator, if any)
 */
record Block(int start, int end, int cost, int last) {}
