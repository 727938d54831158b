package org.opencsd.ebpf.jit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * The basic blocks of a decoded program and, per function, the blocks reachable from its start
 * without entering callees. Leaders are function starts, jump targets and the slot after every
 * block terminator; straight-line runs longer than {@link #MAX_BLOCK} instructions are cut. The sentinel slot after the program (an invalid instruction) is a block of
 * its own, so that running off the end faults as in the interpreter. Immutable once built;
 * thread-safe.
 */
final class ControlFlow {
    /**
     * Most instructions in one block: longer straight-line runs are cut, so that any program can
     * be split into methods of bounded size.
     */
    static final int MAX_BLOCK = 128;

    private final DecodedProgram dp;
    private final Block[] blockAt;

    private ControlFlow(DecodedProgram dp, Block[] blockAt) {
        this.dp = dp;
        this.blockAt = blockAt;
    }

    /** Finds the blocks of {@code dp} reachable from {@code starts}. */
    static ControlFlow analyze(DecodedProgram dp, Collection<Integer> starts) {
        int n = dp.length();
        BitSet leaders = new BitSet(n + 1);
        starts.forEach(leaders::set);
        leaders.set(n);
        for (int pc = 0; pc < n; pc++) {
            if (dp.lddwTail()[pc]) continue;
            int op = dp.microOp(pc);
            if (isJump(op) || op == MicroOp.CALL_LOCAL) leaders.set(dp.target(pc));
            if (endsBlock(op)) leaders.set(pc + 1);
        }
        Block[] blockAt = new Block[n + 1];
        ControlFlow cf = new ControlFlow(dp, blockAt);
        ArrayDeque<Integer> work = new ArrayDeque<>(starts);
        while (!work.isEmpty()) {
            int start = work.pop();
            if (blockAt[start] != null) continue;
            Block b = cf.scan(start, leaders);
            blockAt[start] = b;
            for (int s : cf.successors(b)) work.push(s);
        }
        return cf;
    }

    private Block scan(int start, BitSet leaders) {
        int n = dp.length();
        if (start == n) return new Block(n, n + 1, 1, n);
        int pc = start;
        int cost = 0;
        while (true) {
            int op = dp.microOp(pc);
            int next = pc + (op == MicroOp.CONST_WIDE ? 2 : 1);
            cost++;
            if (endsBlock(op) || next >= n || leaders.get(next) || cost == MAX_BLOCK) {
                return new Block(start, Math.min(next, n), cost, pc);
            }
            pc = next;
        }
    }

    /** The block starting at {@code pc} (which must be a reached leader). */
    Block block(int pc) {
        Block b = blockAt[pc];
        if (b == null) throw new IllegalArgumentException("no block starts at pc " + pc);
        return b;
    }

    /** The pcs control can continue at after {@code b} within its function. */
    List<Integer> successors(Block b) {
        int op = dp.microOp(b.last());
        List<Integer> out = new ArrayList<>(2);
        if (op == MicroOp.EXIT || op == MicroOp.INVALID) return out;
        if (op == MicroOp.JA) {
            out.add(dp.target(b.last()));
            return out;
        }
        if (isJump(op)) out.add(dp.target(b.last()));
        out.add(b.end());
        return out;
    }

    /** The blocks of the function starting at {@code entry}, in pc order. */
    List<Block> function(int entry) {
        BitSet seen = new BitSet();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.push(entry);
        while (!work.isEmpty()) {
            int pc = work.pop();
            if (seen.get(pc)) continue;
            seen.set(pc);
            for (int s : successors(block(pc))) work.push(s);
        }
        List<Block> blocks = new ArrayList<>(seen.cardinality());
        seen.stream().forEach(pc -> blocks.add(blockAt[pc]));
        return blocks;
    }

    /** Whether {@code op} is a conditional or unconditional jump. */
    static boolean isJump(int op) {
        return op >= MicroOp.JA && op <= MicroOp.JSLE32_X;
    }

    /** Whether {@code op} ends a basic block. */
    static boolean endsBlock(int op) {
        return isJump(op) || op == MicroOp.EXIT || op == MicroOp.CALL_LOCAL || op == MicroOp.CALLX
                || op == MicroOp.INVALID;
    }
}
