package org.opencsd.ebpf.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Set;
import java.util.function.IntConsumer;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * Emits the versioned form of a {@link LoopPlan}, placed at the loop's entry label in front of
 * the loop's ordinary (fully checked) code:
 * <pre>
 * check: n = trip count from the registers (LoopTrip.count), or -1 -> ordinary code
 *        m = iterations the local budget pays for (LoopTrip.chunk), 0 -> ordinary code
 *        for each affine access: its region's array for all m iterations (LoopTrip.region),
 *        null -> ordinary code; its first index
 *        for each region the body's other accesses load and store: the loads' and the stores'
 *        cached arrays are the same (a writable region), else -> ordinary code
 *        budget -= the m iterations' instructions
 *        for (int k = 0; k &lt; m; k++) { body without the closing jump }
 *        m == n: continue at the loop's exit; else top up the budget (polling the host) -> check
 * </pre>
 * The body is the ordinary body (same ALU code, same registers, non-affine accesses with all
 * their checks) except that the affine accesses index the arrays proven above directly, and the
 * loop test is the {@code int} count proven equal to the eBPF test. So registers, memory and
 * any fault of a non-affine access are exactly those of the ordinary code. The budget is
 * charged for the m iterations up front: they cannot run out of it, and the only other way out
 * of the body is a fault, which ends the execution without reporting a count. After the m
 * iterations the budget is exactly the ordinary code's. HotSpot sees an {@code int} counted loop
 * with array indexes linear in its counter. Not thread-safe; one instance per loop.
 */
final class LoopEmitter {
    private static final ClassDesc TRIP = ClassDesc.of(LoopTrip.class.getName());
    private static final MethodTypeDesc COUNT = MethodTypeDesc.of(CD_long, CD_long, CD_long, CD_long, CD_int);
    private static final MethodTypeDesc CHUNK = MethodTypeDesc.of(CD_int, CD_long, CD_long, CD_long);
    private static final MethodTypeDesc REGION =
            MethodTypeDesc.of(Descs.BYTES, Descs.TABLE, CD_long, CD_long, CD_int, CD_int);
    private static final MethodTypeDesc DIRECT_LOAD = MethodTypeDesc.of(CD_long, Descs.BYTES, CD_int);
    private static final MethodTypeDesc DIRECT_STORE = MethodTypeDesc.of(CD_void, Descs.BYTES, CD_int, CD_long);

    private final DecodedProgram dp;
    private final LoopPlan plan;
    private final IntConsumer instruction;
    private final MemoryEmitter memory;
    private final int k;
    private final int m;
    private final int shortfall;
    private final int trips;
    private final int firstAccessSlot;

    /**
     * @param memory the segment's memory emitter (its cached region arrays)
     * @param firstSlot first free local slot of the method (this loop uses {@link #slots} from it)
     * @param instruction emits the ordinary code of the instruction at a pc
     */
    LoopEmitter(DecodedProgram dp, LoopPlan plan, MemoryEmitter memory, int firstSlot, IntConsumer instruction) {
        this.dp = dp;
        this.memory = memory;
        this.plan = plan;
        this.instruction = instruction;
        this.trips = firstSlot;
        this.k = firstSlot + 2;
        this.m = k + 1;
        this.shortfall = m + 1;
        this.firstAccessSlot = shortfall + 1;
    }

    /** Local slots a plan's versioned code needs. */
    static int slots(LoopPlan plan) {
        return 5 + 2 * plan.accesses().size();
    }

    /**
     * Emits the check and the fast loop at {@code check}; the check's failures go to
     * {@code ordinary}, the completed loop to {@code exit}.
     */
    void emit(CodeBuilder cob, Label check, Label ordinary, Label exit) {
        cob.labelBinding(check);
        sum(cob, plan.counterMask(), plan.counterConst());
        sum(cob, plan.boundMask(), plan.boundConst());
        cob.loadConstant((long) plan.counterStep()).loadConstant(plan.cond()).invokestatic(TRIP, "count", COUNT)
                .dup2().lstore(trips).lconst_0().lcmp().ifle(ordinary);
        cob.lload(trips).lload(Frame.BUDGET).loadConstant(plan.iterationCost()).invokestatic(TRIP, "chunk", CHUNK)
                .dup().istore(m).ifle(ordinary);
        cob.iload(m).i2l().lload(trips).lcmp().istore(shortfall);
        for (int i = 0; i < plan.accesses().size(); i++) {
            LoopPlan.Access a = plan.accesses().get(i);
            cob.aload(a.store() ? Frame.WR : Frame.RD);
            sum(cob, a.mask(), a.constant());
            cob.loadConstant((long) a.stride()).iload(m).loadConstant(a.size()).invokestatic(TRIP, "region", REGION)
                    .dup().astore(array(i)).ifnull(ordinary);
            sum(cob, a.mask(), a.constant());
            cob.l2i().istore(index(i));
        }
        Set<Integer> shared = memory.storedAndLoaded(plan.head().start(), plan.head().last());
        for (int region : shared) {
            cob.aload(memory.readSlot(region)).aload(memory.writeSlot(region)).if_acmpne(ordinary);
        }
        chargeChunk(cob);
        memory.shareSlots(shared);
        fastLoop(cob);
        memory.shareSlots(Set.of());
        cob.iload(shortfall).ifeq(exit);
        cob.aload(Frame.STATE).lload(Frame.BUDGET).loadConstant(plan.iterationCost()).loadConstant(plan.head().start())
                .invokestatic(Descs.RUNTIME, "refuel", Descs.REFUEL).lstore(Frame.BUDGET);
        cob.goto_(check);
    }

    /**
     * Charges the m iterations at once: m × (head + latch), less the latch when the loop ends
     * after them (its last test leaves without the {@code ja}).
     */
    private void chargeChunk(CodeBuilder cob) {
        cob.lload(Frame.BUDGET).iload(m).i2l().loadConstant(plan.iterationCost()).lmul().lsub();
        if (plan.latch() != null) {
            Label partial = cob.newLabel();
            Label charged = cob.newLabel();
            cob.iload(shortfall).ifne(partial).loadConstant((long) plan.latch().cost()).ladd().goto_(charged);
            cob.labelBinding(partial).labelBinding(charged);
        }
        cob.lstore(Frame.BUDGET);
    }

    private void fastLoop(CodeBuilder cob) {
        Label top = cob.newLabel();
        cob.iconst_0().istore(k);
        cob.labelBinding(top);
        for (int pc = plan.head().start(); pc < plan.head().last(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            int i = accessIndex(pc);
            if (i >= 0) direct(cob, pc, i);
            else instruction.accept(pc);
        }
        cob.iinc(k, 1).iload(k).iload(m).if_icmplt(top);
    }

    private int accessIndex(int pc) {
        for (int i = 0; i < plan.accesses().size(); i++) if (plan.accesses().get(i).pc() == pc) return i;
        return -1;
    }

    /** The affine access {@code i} at {@code pc}, on its proven array. */
    private void direct(CodeBuilder cob, int pc, int i) {
        LoopPlan.Access a = plan.accesses().get(i);
        int w = dp.code()[pc];
        int op = w & 0xff;
        cob.aload(array(i)).iload(index(i));
        if (a.stride() != 0) {
            cob.iload(k);
            if (a.stride() != 1) cob.loadConstant(a.stride()).imul();
            cob.iadd();
        }
        if (!a.store()) {
            cob.invokestatic(Descs.MEMORY, "direct" + capitalized(loadName(op)), DIRECT_LOAD).lstore(reg((w >>> 8) & 0xf));
            return;
        }
        if (op <= MicroOp.STDW) cob.loadConstant(dp.imm()[pc]);
        else cob.lload(reg((w >>> 12) & 0xf));
        String name = switch (a.size()) {
            case 1 -> "Stb";
            case 2 -> "Sth";
            case 4 -> "Stw";
            default -> "Stdw";
        };
        cob.invokestatic(Descs.MEMORY, "direct" + name, DIRECT_STORE);
    }

    private static String loadName(int op) {
        return switch (op) {
            case MicroOp.LDXB -> "ldxb";
            case MicroOp.LDXH -> "ldxh";
            case MicroOp.LDXW -> "ldxw";
            case MicroOp.LDXDW -> "ldxdw";
            case MicroOp.LDXSB -> "ldxsb";
            case MicroOp.LDXSH -> "ldxsh";
            default -> "ldxsw";
        };
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Pushes the sum of the registers in {@code mask} plus {@code c}. */
    private static void sum(CodeBuilder cob, int mask, long c) {
        boolean any = false;
        for (int r = 0; r < 11; r++) {
            if ((mask & 1 << r) == 0) continue;
            cob.lload(reg(r));
            if (any) cob.ladd();
            any = true;
        }
        if (!any) cob.loadConstant(c);
        else if (c != 0) cob.loadConstant(c).ladd();
    }

    private int array(int i) {
        return firstAccessSlot + 2 * i;
    }

    private int index(int i) {
        return firstAccessSlot + 2 * i + 1;
    }
}
