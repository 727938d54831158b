package org.opencsd.ebpf.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import java.util.Set;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Region;

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
 *        for each table (LoopTable): its region's array holds it and no affine or frame access
 *        nor another table uses that array, else -> ordinary code; copy it into a new array
 *        budget -= the m iterations' instructions
 *        iterations 1 .. m - 1: for (k = first; k &lt; last; k += stride) { body without the
 *            closing jump }, in a method of its own when every access is proven (LoopMethod)
 *        iteration m: induction registers from their entry values; body without the closing jump
 *        copy the tables the body stores to back (also when a fault leaves the body)
 *        m == n: continue at the loop's exit; else top up the budget (polling the host) -> check
 * </pre>
 * The body is the ordinary body (same ALU code, same registers, non-affine accesses with all
 * their checks) except that the affine accesses index the arrays proven above directly, and the
 * loop test is the {@code int} count proven equal to the eBPF test; with tables, the proven
 * table accesses index the copies, at an index computed from {@code int} shadows of the
 * registers (see {@code shadow}), and nothing else in the body can touch the copied bytes. So
 * registers, memory and
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
    private static final ClassDesc COPY = ClassDesc.of(TableCopy.class.getName());
    private static final MethodTypeDesc FITS = MethodTypeDesc.of(ConstantDescs.CD_boolean, Descs.BYTES, CD_int, CD_int);
    private static final MethodTypeDesc COPY_LONGS =
            MethodTypeDesc.of(CD_void, Descs.BYTES, CD_int, CD_long.arrayType(), CD_int);
    private static final MethodTypeDesc COPY_INTS =
            MethodTypeDesc.of(CD_void, Descs.BYTES, CD_int, CD_int.arrayType(), CD_int);

    private final DecodedProgram dp;
    private final LoopPlan plan;
    private final IntConsumer instruction;
    private final MemoryEmitter memory;
    private final int k;
    private final int m;
    private final int shortfall;
    private final int trips;
    private final int firstAccessSlot;
    private final List<LoopTable> tables;
    private final int firstShadow;
    private final int firstTableSlot;
    private final int thrown;
    private final int last;
    private final int stride;
    private final ClassDesc self;
    private final String methodName;
    private final Consumer<LoopMethod> methods;
    private final BodyRegisters registers;
    private final boolean own;
    private final int idle;

    /**
     * @param memory the segment's memory emitter (its cached region arrays)
     * @param firstSlot first free local slot of the method (this loop uses slots from it on)
     * @param instruction emits the ordinary code of the instruction at a pc
     * @param self the unit's class
     * @param methodName the name of the loop's own method, if it gets one (unique in the unit)
     * @param methods receives that method
     */
    LoopEmitter(DecodedProgram dp, LoopPlan plan, MemoryEmitter memory, int firstSlot, IntConsumer instruction,
                ClassDesc self, String methodName, Consumer<LoopMethod> methods) {
        this.self = self;
        this.methodName = methodName;
        this.methods = methods;
        this.dp = dp;
        this.memory = memory;
        this.plan = plan;
        this.instruction = instruction;
        this.trips = firstSlot;
        this.k = firstSlot + 2;
        this.m = k + 1;
        this.shortfall = m + 1;
        this.firstAccessSlot = shortfall + 1;
        this.tables = LoopTable.of(dp, plan);
        this.firstShadow = firstAccessSlot + 2 * plan.accesses().size();
        this.firstTableSlot = firstShadow + 11;
        this.thrown = firstTableSlot + 2 * tables.size();
        this.last = thrown + 1;
        this.stride = commonStride(plan);
        this.registers = BodyRegisters.of(dp, plan.head().start(), plan.head().last());
        this.own = ownMethod();
        this.idle = idleInductions();
    }

    /**
     * The induction registers the fast loop reads only in their own updates ({@code add} or
     * {@code sub} of a constant): counters and pointers whose accesses index proven arrays. The
     * loop skips those updates (the last iteration and the code after the loop get the registers'
     * values from {@link #inductions}), so HotSpot keeps no value for them in the loop at all.
     */
    private int idleInductions() {
        int candidates = 0;
        for (LoopPlan.Induction v : plan.inductions()) candidates |= 1 << v.reg();
        RangeTracker ranges = new RangeTracker();
        ranges.reset();
        for (int pc = plan.head().start(); pc < plan.head().last() && candidates != 0; pc++) {
            if (dp.lddwTail()[pc]) continue;
            int w = dp.code()[pc];
            int op = w & 0xff;
            int d = (w >>> 8) & 0xf;
            int s = (w >>> 12) & 0xf;
            ranges.step(dp, pc);
            if ((op == MicroOp.ADD64_K || op == MicroOp.SUB64_K) && (candidates & 1 << d) != 0) {
                if (ranges.kind(d) != RangeTracker.TOP) candidates &= ~(1 << d);
                continue;
            }
            boolean load = op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
            boolean store = op >= MicroOp.STB && op <= MicroOp.STXDW;
            boolean proven = accessIndex(pc) >= 0 || tableIndex(pc) >= 0;
            int reads;
            if (load) reads = proven ? 0 : 1 << s;
            else if (store) reads = (proven ? 0 : 1 << d) | (op >= MicroOp.STXB ? 1 << s : 0);
            else reads = BodyRegisters.of(dp, pc, pc + 1).inputs();
            candidates &= ~reads;
        }
        return candidates;
    }

    /** Whether the instruction at {@code pc} is an update of an idle induction register. */
    private boolean idleUpdate(int pc) {
        int w = dp.code()[pc];
        int op = w & 0xff;
        return (op == MicroOp.ADD64_K || op == MicroOp.SUB64_K) && (idle & 1 << ((w >>> 8) & 0xf)) != 0;
    }

    /**
     * The stride all affine accesses share if it is positive, else 0. With one, the fast loop
     * counts the first access's array index itself, {@code for (int j = first; j < end; j +=
     * stride)} (j: slot {@code k}), the shape of a Java loop over an array, and the other accesses index at {@code j}
     * plus a loop-invariant distance; HotSpot then keeps one induction variable instead of a
     * counter and an index per access. Otherwise it counts iterations: {@code for (int k = 0;
     * k < m; k++)}, with each access at {@code first + stride × k}.
     */
    private static int commonStride(LoopPlan plan) {
        if (plan.accesses().isEmpty()) return 0;
        int s = plan.accesses().getFirst().stride();
        for (LoopPlan.Access a : plan.accesses()) if (a.stride() != s) return 0;
        return Math.max(s, 0);
    }

    /** Whether the fast version indexes copies of tables ({@link LoopTable}). */
    boolean usesTables() {
        return !tables.isEmpty();
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
        lastCounter(cob);
        Set<Integer> shared = memory.storedAndLoaded(plan.head().start(), plan.head().last());
        for (int region : shared) {
            cob.aload(memory.readSlot(region)).aload(memory.writeSlot(region)).if_acmpne(ordinary);
        }
        for (int i = 0; i < tables.size(); i++) checkTable(cob, i, ordinary);
        if (!own) for (int i = 0; i < tables.size(); i++) copyTable(cob, i, true);
        chargeChunk(cob);
        memory.shareSlots(shared);
        Label start = cob.newLabel();
        Label end = cob.newLabel();
        cob.labelBinding(start);
        fastLoop(cob);
        cob.labelBinding(end);
        memory.shareSlots(Set.of());
        if (!own) copyBack(cob);
        if (!own && tables.stream().anyMatch(LoopTable::stores)) {
            Label done = cob.newLabel();
            Label handler = cob.newLabel();
            cob.goto_(done);
            cob.labelBinding(handler).astore(thrown);
            copyBack(cob);
            cob.aload(thrown).athrow();
            cob.exceptionCatchAll(start, end, handler);
            cob.labelBinding(done);
        }
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

    /**
     * The counter's value at the last of the m iterations, in {@code last}: {@code m - 1}, or with
     * an indexed counter (see {@link #commonStride}) {@code first + (m - 1) × stride}, the last
     * iteration's index of the first access, which {@link LoopTrip#region} proved to lie in its
     * array (so it is an {@code int}); and each other access's distance from the first one's index,
     * in its index slot.
     */
    private void lastCounter(CodeBuilder cob) {
        if (stride == 0) {
            cob.iload(m).iconst_1().isub().istore(last);
            return;
        }
        cob.iload(index(0)).iload(m).iconst_1().isub().loadConstant(stride).imul().iadd().istore(last);
        for (int i = 1; i < plan.accesses().size(); i++) {
            cob.iload(index(i)).iload(index(0)).isub().istore(index(i));
        }
    }

    /**
     * The m iterations: the first m - 1 in a counted loop, then the last one on its own, after the
     * induction registers are set from their entry values. So the loop computes no register that
     * only the code after it reads (such a value is written again in the last iteration) and no
     * induction register the body itself does not use; HotSpot drops those from the loop, which
     * keeps its values in machine registers.
     */
    private void fastLoop(CodeBuilder cob) {
        Label top = cob.newLabel();
        Label peeled = cob.newLabel();
        for (LoopPlan.Induction v : plan.inductions()) cob.lload(reg(v.reg())).lstore(entry(v.reg()));
        if (stride > 0) cob.iload(index(0)).istore(k);
        else cob.iconst_0().istore(k);
        cob.iload(k).iload(last).if_icmpge(peeled);
        if (own) {
            callOwnMethod(cob);
        } else {
            cob.labelBinding(top);
            inductions(cob, false);
            body(cob, true, true, instruction);
            step(cob);
            cob.iload(k).iload(last).if_icmplt(top);
        }
        cob.labelBinding(peeled);
        cob.iload(last).istore(k);
        inductions(cob, true);
        body(cob, !own, false, instruction);
    }

    /**
     * Sets each induction register to its value at the start of iteration i = (k - first) /
     * stride (k with an indexed counter, else k itself): its entry value plus i × its step, as
     * the body's own updates would have left it. Done at the top of every iteration, this leaves
     * no register carried from one iteration to the next through the body's update; an update
     * the body uses for nothing else is then dead, and HotSpot drops it (a carried one would stay
     * live in the loop's safepoint state).
     */
    private void inductions(CodeBuilder cob, boolean all) {
        for (LoopPlan.Induction v : plan.inductions()) {
            if (!all && (idle & 1 << v.reg()) != 0) continue;
            cob.lload(entry(v.reg())).iload(k);
            if (stride > 0) {
                cob.iload(index(0)).isub();
                if (stride != 1) cob.loadConstant(stride).idiv();
            }
            cob.i2l().loadConstant(v.step()).lmul().ladd().lstore(reg(v.reg()));
        }
    }

    /** Advances the counter to the next iteration. */
    private void step(CodeBuilder cob) {
        if (stride == 0) cob.iinc(k, 1);
        else if (stride <= Short.MAX_VALUE) cob.iinc(k, stride);
        else cob.iload(k).loadConstant(stride).iadd().istore(k);
    }

    /**
     * Whether the first m - 1 iterations run in a method of their own ({@link LoopMethod}): when
     * every access of the body indexes a proven array (affine or a table), so that the body needs
     * nothing of the segment but those arrays and its input registers, and cannot fault. There
     * HotSpot compiles the loop with only its own values live (in the segment, the values live
     * across the loop took the machine registers and left the input array to be reloaded from the
     * stack at every access).
     */
    private boolean ownMethod() {
        for (int pc = plan.head().start(); pc < plan.head().last(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            int op = dp.microOp(pc);
            boolean access = op >= MicroOp.LDXB && op <= MicroOp.STXDW;
            if (access && accessIndex(pc) < 0 && tableIndex(pc) < 0) return false;
        }
        return 3 + 2 * plan.accesses().size() + tables.size() <= Frame.REGION_CACHE;
    }

    /**
     * The registers whose values after the first m - 1 iterations the last iteration reads and
     * the caller cannot compute itself: read before written in the body, written, and not
     * induction registers (those are set from their entry values).
     */
    private int carried() {
        int c = registers.inputs() & registers.written();
        for (LoopPlan.Induction v : plan.inductions()) c &= ~(1 << v.reg());
        return c;
    }

    /**
     * Calls the loop's own method for the iterations from k to before {@code last}: the body's
     * input registers go through the register file, and so do the carried ones back. The method
     * copies the tables in and back itself (a table allocated there has a length HotSpot knows,
     * so the masked index needs no bounds check); the last iteration, here, accesses them in
     * their regions with the ordinary code.
     */
    private void callOwnMethod(CodeBuilder cob) {
        for (int r = 0; r < 11; r++) if (registers.input(r)) RegisterFile.spill(cob, r);
        List<ClassDesc> params = new ArrayList<>(List.of(Descs.STATE, CD_int, CD_int));
        cob.aload(Frame.STATE).iload(k).iload(last);
        for (int i = 0; i < plan.accesses().size(); i++) {
            cob.aload(array(i)).iload(index(i));
            params.add(Descs.BYTES);
            params.add(CD_int);
        }
        for (int t = 0; t < tables.size(); t++) {
            cob.aload(tableSource(t));
            params.add(Descs.BYTES);
        }
        MethodTypeDesc type = MethodTypeDesc.of(CD_void, params);
        cob.invokestatic(self, methodName, type);
        int carried = carried();
        for (int r = 0; r < 11; r++) if ((carried & 1 << r) != 0) RegisterFile.reload(cob, r);
        methods.accept(new LoopMethod(methodName, type, this::ownMethodBody));
    }

    /**
     * The loop's own method: takes its parameters into the segment's slot layout (above the
     * parameters' slots), copies the tables in, takes its input registers from the register file,
     * runs the iterations from k to before {@code last}, copies back the tables it stores to and
     * leaves the carried registers in the register file. Nothing in it can fault: its accesses
     * are all proven.
     */
    private void ownMethodBody(CodeBuilder cob) {
        int slot = 3;
        cob.iload(1).istore(k).iload(2).istore(last);
        for (int i = 0; i < plan.accesses().size(); i++) {
            cob.aload(slot).astore(array(i)).iload(slot + 1).istore(index(i));
            slot += 2;
        }
        for (int t = 0; t < tables.size(); t++) cob.aload(slot++).astore(tableSource(t));
        for (int t = 0; t < tables.size(); t++) copyTable(cob, t, true);
        cob.aload(Frame.STATE).getfield(Descs.STATE, "regs", Descs.LONG_ARRAY).astore(Frame.REGS);
        for (int r = 0; r < 11; r++) if (registers.input(r)) RegisterFile.reload(cob, r);
        for (LoopPlan.Induction v : plan.inductions()) {
            if ((idle & 1 << v.reg()) == 0) cob.lload(reg(v.reg())).lstore(entry(v.reg()));
        }
        Label top = cob.newLabel();
        cob.labelBinding(top);
        inductions(cob, false);
        body(cob, true, true, pc -> {
            throw new IllegalStateException("loop method of " + methodName + " cannot emit pc " + pc);
        });
        step(cob);
        cob.iload(k).iload(last).if_icmplt(top);
        copyBack(cob);
        int carried = carried();
        cob.aload(Frame.STATE).getfield(Descs.STATE, "regs", Descs.LONG_ARRAY).astore(Frame.REGS);
        for (int r = 0; r < 11; r++) if ((carried & 1 << r) != 0) RegisterFile.spill(cob, r);
        cob.return_();
    }

    /**
     * One iteration of the fast body, without the closing jump, at counter value k; table accesses
     * index the copies if {@code copies}, else they are emitted by {@code other} like the
     * instructions that are neither ALU nor an affine access. In a {@code loop} (not the last
     * iteration) the updates of idle induction registers are left out ({@link #idleInductions}).
     */
    private void body(CodeBuilder cob, boolean copies, boolean loop, IntConsumer other) {
        RangeTracker ranges = new RangeTracker();
        ranges.reset();
        for (int pc = plan.head().start(); pc < plan.head().last(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            if (loop && idleUpdate(pc)) {
                ranges.step(dp, pc);
                continue;
            }
            int i = accessIndex(pc);
            int t = copies ? tableIndex(pc) : -1;
            int w = dp.code()[pc];
            if (i >= 0) direct(cob, pc, i);
            else if (t >= 0) tableAccess(cob, pc, t);
            else if (!AluEmitter.emit(cob, w & 0xff, (w >>> 8) & 0xf, (w >>> 12) & 0xf, dp.imm()[pc])) other.accept(pc);
            if (usesTables()) shadow(cob, pc, ranges);
            else ranges.step(dp, pc);
        }
    }

    /** The slot saving induction register {@code r}'s value at the loop's entry (long). */
    private int entry(int r) {
        return last + 1 + 2 * r;
    }

    /**
     * Entry checks of table {@code t}: its region's cached array (the stores' if it stores, and
     * then the same as the loads') holds the whole table, and no affine or frame access of the
     * body, nor another table, uses that array.
     */
    private void checkTable(CodeBuilder cob, int t, Label ordinary) {
        LoopTable table = tables.get(t);
        int src = tableSource(t);
        boolean loads = false;
        for (int pc : table.pcs()) loads |= dp.microOp(pc) <= MicroOp.LDXSW;
        int slot = table.stores() ? memory.writeSlot(table.region()) : memory.readSlot(table.region());
        cob.aload(slot).astore(src);
        if (table.stores() && loads) cob.aload(src).aload(memory.readSlot(table.region())).if_acmpne(ordinary);
        cob.aload(src).loadConstant(table.start()).loadConstant(table.count() * table.size())
                .invokestatic(COPY, "fits", FITS).ifeq(ordinary);
        for (int i = 0; i < plan.accesses().size(); i++) cob.aload(src).aload(array(i)).if_acmpeq(ordinary);
        for (int j = 0; j < t; j++) cob.aload(src).aload(tableSource(j)).if_acmpeq(ordinary);
        for (int pc = plan.head().start(); pc < plan.head().last(); pc++) {
            int base = dp.lddwTail()[pc] ? -1 : RegionProof.base(dp, pc);
            if (base < 0 || accessIndex(pc) >= 0 || tableIndex(pc) >= 0) continue;
            boolean store = dp.microOp(pc) >= MicroOp.STB;
            int stack = store ? memory.writeSlot(Region.STACK.id()) : memory.readSlot(Region.STACK.id());
            cob.aload(src).aload(stack).if_acmpeq(ordinary);
        }
    }

    /** Copies table {@code t} from its region's array into a new Java array, or back. */
    private void copyTable(CodeBuilder cob, int t, boolean in) {
        LoopTable table = tables.get(t);
        boolean longs = table.size() == 8;
        if (in) {
            cob.loadConstant(table.length());
            if (longs) cob.newarray(java.lang.classfile.TypeKind.LONG);
            else cob.newarray(java.lang.classfile.TypeKind.INT);
            cob.astore(tableArray(t));
        }
        cob.aload(tableSource(t)).loadConstant(table.start()).aload(tableArray(t)).loadConstant(table.count());
        String name = (in ? "load" : "store") + (longs ? "Longs" : "Ints");
        cob.invokestatic(COPY, name, longs ? COPY_LONGS : COPY_INTS);
    }

    /** Copies the tables the body stores to back into their regions. */
    private void copyBack(CodeBuilder cob) {
        for (int i = 0; i < tables.size(); i++) if (tables.get(i).stores()) copyTable(cob, i, false);
    }

    private int tableIndex(int pc) {
        for (int i = 0; i < tables.size(); i++) if (tables.get(i).pcs().contains(pc)) return i;
        return -1;
    }

    /** The access at {@code pc} on its table's copy, at index (offset - start) / size. */
    private void tableAccess(CodeBuilder cob, int pc, int t) {
        LoopTable table = tables.get(t);
        int w = dp.code()[pc];
        int op = w & 0xff;
        boolean store = op >= MicroOp.STB;
        int base = store ? (w >>> 8) & 0xf : (w >>> 12) & 0xf;
        boolean longs = table.size() == 8;
        cob.aload(tableArray(t)).iload(shadow(base));
        int delta = (w >> 16) - table.start();
        if (delta != 0) cob.loadConstant(delta).iadd();
        cob.loadConstant(table.shift()).iushr().loadConstant(table.length() - 1).iand();
        if (!store) {
            if (longs) {
                cob.laload();
            } else {
                cob.iaload().i2l();
                if (op == MicroOp.LDXW) cob.loadConstant(0xffffffffL).land();
            }
            cob.lstore(reg((w >>> 8) & 0xf));
            return;
        }
        if (op <= MicroOp.STDW && longs) cob.loadConstant(dp.imm()[pc]);
        else if (op <= MicroOp.STDW) cob.loadConstant((int) dp.imm()[pc]);
        else if (longs) cob.lload(reg((w >>> 12) & 0xf));
        else cob.lload(reg((w >>> 12) & 0xf)).l2i();
        if (longs) cob.lastore();
        else cob.iastore();
    }

    /**
     * Steps {@code ranges} over the instruction at {@code pc} and, when it leaves its dst a
     * range or a pointer, updates the dst's {@code int} shadow: the value's low 32 bits (for a
     * range the value, for a pointer its offset), computed from the sources' shadows where they
     * have one, which lets HotSpot see a table index's range.
     */
    private void shadow(CodeBuilder cob, int pc, RangeTracker ranges) {
        int w = dp.code()[pc];
        int op = w & 0xff;
        int d = (w >>> 8) & 0xf;
        int s = (w >>> 12) & 0xf;
        long imm = dp.imm()[pc];
        int dBefore = ranges.kind(d);
        boolean sValid = ranges.kind(s) != RangeTracker.TOP;
        ranges.step(dp, pc);
        boolean load = op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
        boolean alu = op >= MicroOp.ADD64_K && op <= MicroOp.CONST_WIDE && op != MicroOp.NOP;
        if ((!alu && !load) || ranges.kind(d) == RangeTracker.TOP) return;
        boolean dValid = dBefore != RangeTracker.TOP;
        int n = (int) (imm & 63);
        switch (op) {
            case MicroOp.CONST, MicroOp.CONST_WIDE -> cob.loadConstant((int) imm);
            case MicroOp.MOV64_X -> {
                if (sValid) cob.iload(shadow(s));
                else cob.lload(reg(d)).l2i();
            }
            case MicroOp.ADD64_K -> {
                if (dValid) cob.iload(shadow(d)).loadConstant((int) imm).iadd();
                else cob.lload(reg(d)).l2i();
            }
            case MicroOp.ADD64_X -> {
                if (dValid && sValid) cob.iload(shadow(d)).iload(shadow(s)).iadd();
                else cob.lload(reg(d)).l2i();
            }
            case MicroOp.LSH64_K -> {
                if (dValid && n < 31) cob.iload(shadow(d)).loadConstant(n).ishl();
                else cob.lload(reg(d)).l2i();
            }
            case MicroOp.RSH64_K -> {
                if (dBefore == RangeTracker.RANGE && n < 31) cob.iload(shadow(d)).loadConstant(n).iushr();
                else cob.lload(reg(d)).l2i();
            }
            case MicroOp.AND64_K, MicroOp.AND32_K -> {
                if (dValid) cob.iload(shadow(d)).loadConstant((int) imm).iand();
                else cob.lload(reg(d)).l2i();
            }
            default -> cob.lload(reg(d)).l2i();
        }
        cob.istore(shadow(d));
    }

    private int shadow(int r) {
        return firstShadow + r;
    }

    private int tableSource(int t) {
        return firstTableSlot + 2 * t;
    }

    private int tableArray(int t) {
        return firstTableSlot + 2 * t + 1;
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
        cob.aload(array(i));
        if (stride > 0) {
            cob.iload(k);
            if (i > 0) cob.iload(index(i)).iadd();
        } else {
            cob.iload(index(i));
            if (a.stride() != 0) {
                cob.iload(k);
                if (a.stride() != 1) cob.loadConstant(a.stride()).imul();
                cob.iadd();
            }
        }
        if (!a.store()) {
            cob.invokestatic(Descs.MEMORY, "direct" + capitalized(MemoryEmitter.loadName(op)), DIRECT_LOAD).lstore(reg((w >>> 8) & 0xf));
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
