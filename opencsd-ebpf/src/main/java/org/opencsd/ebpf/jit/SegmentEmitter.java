package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * Emits one {@link Segment} as a JVM method {@code int seg(JitState st, int entryPc)}. Registers
 * live in long locals (see {@link Frame}); the segment loads the ones its code uses from
 * {@code st.regs} on entry and stores the ones it may change back when control leaves it
 * ({@link SegmentRegisters}). Each block first charges its instruction count
 * to the budget local; a block the budget cannot pay for leaves through the budget stub, which
 * lets the interpreter replay it for the exact fault. Jumps to blocks of other segments leave
 * through the exit stub with the target pc. A loop {@link LoopAnalysis} can version gets its fast
 * version ({@link LoopEmitter}) at its label, in front of its ordinary code, and its back edge
 * goes to the ordinary code. Not thread-safe; one instance per method.
 */
final class SegmentEmitter {
    private final DecodedProgram dp;
    private final Segment segment;
    private final JitLinker linker;
    private final Map<Integer, Unit> units;
    private final MemoryEmitter memory;
    private final SegmentRegisters registers;
    private CodeBuilder cob;
    private final Map<Integer, Label> blockLabels = new HashMap<>();
    private final Map<Integer, Label> exits = new LinkedHashMap<>();
    private final List<int[]> slowPaths = new ArrayList<>();
    private final List<Label> slowLabels = new ArrayList<>();
    private final List<Label> bodyLabels = new ArrayList<>();
    private final Map<Integer, LoopPlan> loops = new HashMap<>();
    private final Map<Integer, Label> backEdges = new HashMap<>();
    private final List<LoopMethod> loopMethods = new ArrayList<>();
    private Label exitStub;
    private Label budgetStub;

    /** Where the functions of the program live, by entry pc: their unit and method name. */
    record Unit(int unit, String name) {}

    SegmentEmitter(DecodedProgram dp, Segment segment, JitLinker linker, Map<Integer, Unit> units) {
        this.dp = dp;
        this.segment = segment;
        this.linker = linker;
        this.units = units;
        this.memory = new MemoryEmitter(dp, segment);
        this.registers = SegmentRegisters.of(dp, segment);
        List<Block> blocks = segment.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            LoopPlan plan = LoopAnalysis.of(dp, blocks.get(i), i + 1 < blocks.size() ? blocks.get(i + 1) : null);
            if (plan != null) loops.put(plan.head().start(), plan);
        }
    }

    /**
     * The methods of the segment's fast loops that run on their own ({@link LoopMethod}), for the
     * unit to add; complete after {@link #emit}.
     */
    List<LoopMethod> loopMethods() {
        return List.copyOf(loopMethods);
    }

    /** Emits the method body into {@code code}. */
    void emit(CodeBuilder code) {
        this.cob = code;
        loopMethods.clear();
        exitStub = cob.newLabel();
        budgetStub = cob.newLabel();
        for (Block b : segment.blocks()) blockLabels.put(b.start(), cob.newLabel());
        prologue();
        List<Block> blocks = segment.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            int nextStart = i + 1 < blocks.size() ? blocks.get(i + 1).start() : -1;
            block(blocks.get(i), nextStart);
        }
        epilogue();
    }

    private void prologue() {
        cob.aload(Frame.STATE).getfield(Descs.STATE, "regs", Descs.LONG_ARRAY).astore(Frame.REGS);
        cob.aload(Frame.STATE).getfield(Descs.STATE, "rd", Descs.TABLE).astore(Frame.RD);
        cob.aload(Frame.STATE).getfield(Descs.STATE, "wr", Descs.TABLE).astore(Frame.WR);
        cob.iconst_0().istore(Frame.NEXT).iconst_0().istore(Frame.FAIL_PC).iconst_0().istore(Frame.TMP_INT);
        for (int r = 0; r <= 10; r++) if (registers.loads(r)) RegisterFile.reload(cob, r);
        RegisterFile.loadBudget(cob);
        memory.loadRegions(cob);
        List<Integer> entries = new ArrayList<>(segment.entries());
        if (entries.size() == 1 && entries.getFirst() == segment.blocks().getFirst().start()) return;
        Label bad = cob.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        for (int pc : entries) cases.add(SwitchCase.of(pc, blockLabels.get(pc)));
        cob.iload(Frame.ENTRY).lookupswitch(bad, cases);
        cob.labelBinding(bad);
        throwIllegalState("not an entry of segment " + segment.name());
    }

    private void throwIllegalState(String message) {
        ClassDesc ise = ClassDesc.of("java.lang.IllegalStateException");
        cob.new_(ise).dup().ldc(message)
                .invokespecial(ise, ConstantDescs.INIT_NAME,
                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String))
                .athrow();
    }

    /** The label that continues execution at {@code pc}: its block here, or an exit to it. */
    private Label target(int pc) {
        Label l = blockLabels.get(pc);
        if (l != null) return l;
        return exits.computeIfAbsent(pc, k -> cob.newLabel());
    }

    private void block(Block b, int nextStart) {
        cob.labelBinding(blockLabels.get(b.start()));
        LoopPlan loop = loops.get(b.start());
        if (loop != null) versioned(loop);
        Label slow = cob.newLabel();
        Label body = cob.newLabel();
        cob.lload(Frame.BUDGET).loadConstant((long) b.cost()).lsub().dup2().lstore(Frame.BUDGET)
                .lconst_0().lcmp().iflt(slow);
        cob.labelBinding(body);
        slowLabels.add(slow);
        bodyLabels.add(body);
        slowPaths.add(new int[] {b.start(), b.cost()});
        boolean fallsThrough = true;
        for (int pc = b.start(); pc < b.end(); pc++) {
            if (pc < dp.length() && dp.lddwTail()[pc]) continue;
            fallsThrough = instruction(pc);
        }
        if (fallsThrough && b.end() != nextStart) cob.goto_(target(b.end()));
    }

    /**
     * Emits the versioned form of {@code loop} ({@link LoopEmitter}) in front of its ordinary
     * code, which its checks fall back to and its back edge stays in.
     */
    private void versioned(LoopPlan loop) {
        Label check = cob.newLabel();
        Label ordinary = cob.newLabel();
        backEdges.put(loop.backEdgePc(), ordinary);
        int firstSlot = Frame.REGION_CACHE + memory.slotCount();
        new LoopEmitter(dp, loop, memory, firstSlot, this::instruction, linker.self(),
                LoopMethod.name(segment.name(), loop.head().start()), loopMethods::add)
                .emit(cob, check, ordinary, target(loop.exitPc()));
        cob.labelBinding(ordinary);
    }

    /** The label a jump at {@code pc} goes to: its target, or a loop's ordinary code for a back edge. */
    private Label jumpTarget(int pc) {
        Label back = backEdges.get(pc);
        return back != null ? back : target(dp.target(pc));
    }

    /** Emits the instruction at {@code pc}; returns whether control may fall through to pc + 1. */
    private boolean instruction(int pc) {
        int w = dp.code()[pc];
        int op = w & 0xff;
        int d = (w >>> 8) & 0xf;
        int s = (w >>> 12) & 0xf;
        long k = dp.imm()[pc];
        if (AluEmitter.emit(cob, op, d, s, k)) return true;
        if (memory.emit(cob, op, d, s, w >> 16, k, pc)) return true;
        if (JumpEmitter.isConditional(op)) {
            JumpEmitter.emit(cob, op, d, s, k, jumpTarget(pc));
            return true;
        }
        switch (op) {
            case MicroOp.JA -> {
                cob.goto_(jumpTarget(pc));
                return false;
            }
            case MicroOp.EXIT -> {
                cob.iconst_m1().istore(Frame.NEXT).goto_(exitStub);
                return false;
            }
            case MicroOp.CALL_HELPER -> helperCall(pc, (int) k);
            case MicroOp.CALL_LOCAL -> localCall(pc, dp.target(pc));
            case MicroOp.CALLX -> callx(pc, d);
            default -> {
                cob.aload(Frame.STATE).loadConstant(pc).invokestatic(Descs.RUNTIME, "invalid", Descs.FAULT_AT).athrow();
                return false;
            }
        }
        return true;
    }

    private void helperCall(int pc, int index) {
        for (int r = 1; r <= 5; r++) if (registers.stores(r)) RegisterFile.spill(cob, r);
        cob.aload(Frame.STATE)
                .ldc(DynamicConstantDesc.ofNamed(ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME,
                        Descs.HELPER, index + 1))
                .loadConstant(pc).invokestatic(Descs.RUNTIME, "helper", Descs.HELPER_CALL).lstore(reg(0));
        memory.loadRegions(cob);
    }

    /** Saves all registers and the budget for a call that may run other compiled code. */
    private void beforeCall() {
        RegisterFile.spill(cob, 0, 10);
        RegisterFile.saveBudget(cob);
    }

    /** Takes the callee's r0-r5 and the budget it left; r6-r10 are still in their locals. */
    private void afterCall() {
        RegisterFile.reload(cob, 0, 5);
        RegisterFile.loadBudget(cob);
        memory.loadRegions(cob);
    }

    private void localCall(int pc, int target) {
        beforeCall();
        cob.aload(Frame.STATE).loadConstant(pc).invokestatic(Descs.RUNTIME, "enter", Descs.STATE_PC);
        Unit callee = units.get(target);
        cob.aload(Frame.STATE);
        linker.invoke(cob, callee.unit(), callee.name(), Descs.FUNCTION);
        cob.aload(Frame.STATE).invokestatic(Descs.RUNTIME, "leave", Descs.STATE_ONLY);
        afterCall();
    }

    private void callx(int pc, int d) {
        beforeCall();
        Label done = cob.newLabel();
        cob.aload(Frame.STATE).lload(reg(d)).loadConstant(pc).invokestatic(Descs.RUNTIME, "callx", Descs.CALLX)
                .dup().istore(Frame.TMP_INT).iflt(done);
        cob.aload(Frame.STATE).iload(Frame.TMP_INT);
        linker.invoke(cob, 0, JitCompiler.DISPATCH, Descs.DISPATCH);
        cob.aload(Frame.STATE).invokestatic(Descs.RUNTIME, "leave", Descs.STATE_ONLY);
        cob.labelBinding(done);
        afterCall();
    }

    /**
     * A block's budget slow path: restore the local budget, top it up from the execution's
     * reserve ({@link JitRuntime#refuel}, which also polls the host's interrupt) and, if it now
     * pays for the block, charge it and run the block; otherwise replay for the exact fault.
     */
    private void slowPath(int[] p, Label slow, Label body) {
        long cost = p[1];
        Label fail = cob.newLabel();
        cob.labelBinding(slow).lload(Frame.BUDGET).loadConstant(cost).ladd().lstore(Frame.BUDGET);
        cob.aload(Frame.STATE).lload(Frame.BUDGET).loadConstant(cost).loadConstant(p[0])
                .invokestatic(Descs.RUNTIME, "refuel", Descs.REFUEL).lstore(Frame.BUDGET);
        cob.lload(Frame.BUDGET).loadConstant(cost).lcmp().iflt(fail);
        cob.lload(Frame.BUDGET).loadConstant(cost).lsub().lstore(Frame.BUDGET).goto_(body);
        cob.labelBinding(fail).loadConstant(p[0]).istore(Frame.FAIL_PC).goto_(budgetStub);
    }

    /** Stores the registers the segment may have changed, and the budget, into the state. */
    private void storeRegisters() {
        for (int r = 0; r <= 10; r++) if (registers.stores(r)) RegisterFile.spill(cob, r);
        RegisterFile.saveBudget(cob);
    }

    private void epilogue() {
        for (var e : exits.entrySet()) {
            cob.labelBinding(e.getValue()).loadConstant(e.getKey()).istore(Frame.NEXT).goto_(exitStub);
        }
        for (int i = 0; i < slowPaths.size(); i++) slowPath(slowPaths.get(i), slowLabels.get(i), bodyLabels.get(i));
        cob.labelBinding(exitStub);
        storeRegisters();
        cob.iload(Frame.NEXT).ireturn();
        cob.labelBinding(budgetStub);
        storeRegisters();
        cob.aload(Frame.STATE).iload(Frame.FAIL_PC).invokestatic(Descs.RUNTIME, "exhausted", Descs.FAULT_AT).athrow();
    }
}
